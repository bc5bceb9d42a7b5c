import { randomUUID } from 'node:crypto';
import { addDays, bogotaToday, type Admission, type Booking, type DisciplinaryCase, type Problem, type Roster } from '@eron/shared';
import { bearer, eventually } from '@eron/shared/testing';
import { admissionRequest } from '../../services/classification/test/admission.factory';
import { startSuite, type RunningSuite } from '../support/suite';

/**
 * Issues 10 and 11 end to end, through the gateway: a leve's sanction `visit_suppression` made firm
 * by the Director's confirmation of the reposición reaches visits as `sanction.firm` (DIS-08), which
 * cancels the booking on the suppressed day with notice to the visitor and refuses another (VIS-09);
 * the DG's revocation publishes `sanction.lifted` (DIS-10) and the day may be booked again.
 */
let suite: RunningSuite;
beforeAll(async () => {
  suite = await startSuite();
}, 60_000);
afterAll(async () => suite.close());

type Headers = Record<string, string>;
const json = { 'content-type': 'application/json' };
const dg = bearer(['dg']);
const board = bearer(['director', 'social_worker'], ['113']);
const director = bearer(['director'], ['113']);
const officer = bearer(['visits_officer'], ['113']);
const gate = bearer(['gate_officer'], ['113']);
const guard = bearer(['guard_commander'], ['113']);
const investigator = bearer(['investigator'], ['113']);
const legal = bearer(['legal'], ['113']);

async function call(method: string, path: string, headers: Headers, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${suite.url}/api/v1${path}`, {
    method,
    headers: body === undefined ? headers : { ...json, ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A call that must answer `status`; its body otherwise names what went wrong. */
async function ok(status: number, method: string, path: string, headers: Headers, body?: unknown): Promise<any> {
  const res = await call(method, path, headers, body);
  if (res.status !== status) throw new Error(`${method} ${path} → ${res.status} (expected ${status}): ${JSON.stringify(res.body)}`);
  return res.body;
}

const FULL_BOARD = [
  { seat: 'presiding', name: 'Ana Ruiz', position: 'Directora' },
  { seat: 'legal', name: 'Luis Mora', position: 'Jurídica' },
  { seat: 'health', name: 'Marta Gil', position: 'Sanidad' },
  { seat: 'guard_commander', name: 'Pedro Sosa', position: 'Comandante' },
  { seat: 'social_work', name: 'Sofía Paz', position: 'Psicóloga' },
];
const hours = { morning: { from: '08:00', to: '12:00' }, afternoon: { from: '13:00', to: '16:00' } };
const circumstances = {
  how: 'Sin violencia',
  harm: 'Ninguno',
  stateOfMind: 'Tranquilo',
  previousConduct: 'Buena',
  aggravating: [],
  mitigating: ['Reconoció los hechos'],
};

interface World {
  nui: string;
  areaId: string;
  visitorId: string;
  /** Tomorrow (Bogotá): the PPL's first visit day to come, and the booking on it. */
  day: string;
  bookingId: string;
}

/** Step 1 (classification, visits): a PPL admitted and placed in 113, visits' regime, session and area, a visitor listed, a booking tomorrow. */
async function visitDayBooked(): Promise<World> {
  const unit = await ok(201, 'POST', '/classification/establishments/113/units', dg, {
    kind: 'patio',
    name: `Patio ${randomUUID().slice(0, 8)}`,
    eligibility: { sexes: ['M', 'F'], legal: 'both', specialRegime: null },
    dgAuthorisation: 'Oficio DG 2026-0001',
  });
  const cell = await ok(201, 'POST', `/classification/units/${unit.id}/cells`, board, { code: 'C-01', capacity: 4 });
  const { nui } = (await ok(201, 'POST', '/classification/admissions', gate, admissionRequest())) as Admission;
  await ok(200, 'PUT', `/classification/ppl/${nui}/induction`, board, {
    date: bogotaToday(),
    givenBy: 'Trabajo social',
    topics: ['rules', 'rights_and_duties', 'complaints', 'disciplinary_regime'],
  });
  const session = await ok(201, 'POST', '/classification/establishments/113/board-sessions', board, {
    date: bogotaToday(),
    attendees: FULL_BOARD,
  });
  await ok(201, 'POST', `/classification/ppl/${nui}/placements`, board, {
    cellId: cell.id,
    sessionId: session.id,
    reasons: 'Evaluación integral de la Junta',
  });

  // The regime makes tomorrow (Bogotá) a women's visit day and the day after a men's (VIS-01, VIS-02).
  const day = addDays(bogotaToday(), 1);
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  const regime = await ok(201, 'POST', '/visits/establishments/113/regime/proposals', director, {
    days: [
      { weekday, visitors: 'F', ...hours },
      { weekday: (weekday + 1) % 7, visitors: 'M', ...hours },
    ],
    visitsPerWeek: 2,
    personsPerVisit: 3,
    reason: 'Dos días de visita',
  });
  await ok(200, 'POST', `/visits/regimes/${regime.id}/decision`, dg, { decision: 'approve' });
  // The unit's session, once visits has learnt the placement (ppl.placed).
  await eventually(
    async () => (await call('GET', `/visits/ppl/${nui}`, officer)).body?.unitId === unit.id,
    10_000,
    'visits to learn the placement',
  );
  await ok(200, 'PUT', `/visits/establishments/113/units/${unit.id}/session`, director, { session: 'morning' });
  const area = await ok(201, 'POST', '/visits/establishments/113/areas', director, {
    name: 'Patio de visitas',
    capacity: 120,
    forChildren: true,
  });
  const visitor = await ok(201, 'POST', '/visits/visitors', officer, {
    document: { type: 'CC', number: String(52_000_000 + Math.floor(Math.random() * 999_999)) },
    givenNames: 'Marta',
    surnames: 'Gómez Ruiz',
    gender: 'F',
    birthDate: '1975-03-02',
  });
  await ok(200, 'PUT', `/visits/ppl/${nui}/visitors/${visitor.id}`, officer, { relationship: 'first_degree' });
  const booking = (await book({ nui, areaId: area.id, visitorId: visitor.id, day })).body as Booking;
  expect(booking).toMatchObject({ nui, date: day, session: 'morning', status: 'booked' });
  return { nui, areaId: area.id, visitorId: visitor.id, day, bookingId: booking.id };
}

const book = (w: Pick<World, 'nui' | 'areaId' | 'visitorId' | 'day'>) =>
  call(
    'POST',
    '/visits/bookings',
    { ...officer, 'idempotency-key': randomUUID() },
    {
      nui: w.nui,
      date: w.day,
      areaId: w.areaId,
      visitorIds: [w.visitorId],
    },
  );

const rosterIds = async (day: string): Promise<string[]> => {
  const roster = (await ok(200, 'GET', `/visits/establishments/113/roster?date=${day}&session=morning`, gate)) as Roster;
  return roster.units.flatMap((u) => u.bookings.map((b) => b.id));
};

/** Step 2 (discipline): report → opening → notice → hearing → decision (visit_suppression 1) → reposición → confirmed: firm. */
async function firmSuppression(nui: string): Promise<DisciplinaryCase> {
  await eventually(
    async () => (await call('GET', `/discipline/ppl/${nui}`, director)).status === 200,
    10_000,
    'discipline to learn the admission',
  );
  const today = bogotaToday();
  const reported = (await ok(
    201,
    'POST',
    '/discipline/cases',
    { ...guard, 'idempotency-key': randomUUID() },
    {
      eron: '113',
      nui,
      offenceCode: 'L-01',
      factDate: today,
      place: 'Patio 1',
      facts: 'No se presentó a la contada de las 6:00',
      reporter: 'Dragoneante Ruiz',
      evidence: ['Minuta de guardia, folio 12'],
    },
  )) as DisciplinaryCase;
  expect(reported).toMatchObject({ status: 'reported' });
  const cases = `/discipline/cases/${reported.id}`;
  expect(await ok(200, 'POST', `${cases}/opening`, investigator, {})).toMatchObject({ status: 'opened', instructedBy: 'investigator' });
  expect(
    await ok(200, 'POST', `${cases}/notice`, investigator, {
      how: 'Personalmente en el pabellón',
      charges: 'Incumplir el horario de la contada',
    }),
  ).toMatchObject({ status: 'notified' });
  expect(
    await ok(200, 'POST', `${cases}/hearing`, investigator, {
      statement: 'Estaba en la enfermería',
      evidence: ['Constancia de enfermería'],
    }),
  ).toMatchObject({ status: 'heard' });
  const decided = (await ok(
    201,
    'POST',
    `${cases}/decision`,
    { ...director, 'idempotency-key': randomUUID() },
    {
      outcome: 'sanction',
      reasons: 'Probado por la minuta',
      circumstances,
      sanction: { kind: 'visit_suppression', amount: 1 },
    },
  )) as DisciplinaryCase;
  expect(decided).toMatchObject({ status: 'decided', sanction: { status: 'imposed', kind: 'visit_suppression', amount: 1 } });
  const appealed = (await ok(
    201,
    'POST',
    `${cases}/appeals`,
    { ...legal, 'idempotency-key': randomUUID() },
    {
      grounds: 'Desproporción',
      subsidiaryAppeal: false,
    },
  )) as DisciplinaryCase;
  const reposicion = appealed.appeals.find((a) => a.kind === 'reposicion');
  expect(reposicion).toMatchObject({ authority: 'director', status: 'pending' });
  // Not firm while the reposición is pending (DIS-08).
  expect(((await ok(200, 'GET', cases, director)) as DisciplinaryCase).sanction).toMatchObject({ status: 'imposed' });
  const confirmed = (await ok(200, 'POST', `/discipline/appeals/${reposicion!.id}/decision`, director, {
    outcome: 'confirmed',
    reasons: 'Se mantiene',
  })) as DisciplinaryCase;
  expect(confirmed.sanction).toMatchObject({ id: decided.sanction!.id, status: 'firm' });
  return confirmed;
}

describe('a firm sanction from discipline suppresses visits, and its revocation restores them', () => {
  /** What the first test leaves for the second: the booked world and the firm sanction. */
  let state: { w: World; sanctionId: string } | undefined;

  it('DIS-08 VIS-09 when a leve’s visit suppression is confirmed on reposición then visits cancels the booking on the next visit day with notice to the visitor and refuses that day', async () => {
    const w = await visitDayBooked();
    expect(await rosterIds(w.day)).toContain(w.bookingId);

    // DIS-08: the Director confirms the reposición with no apelación → firm → sanction.firm.
    const firm = await firmSuppression(w.nui);
    const sanctionId = firm.sanction!.id;

    // VIS-09: the next visit opportunity (tomorrow) is suppressed; the booking in it is cancelled.
    await eventually(async () => !(await rosterIds(w.day)).includes(w.bookingId), 15_000, 'visits to cancel the booking');
    // Cancelling a cancelled booking changes nothing and answers it as it is: cancelled, with the sanction as reason.
    const cancelled = (await ok(200, 'POST', `/visits/bookings/${w.bookingId}/cancellation`, officer, {
      reason: 'Solo para leer su estado',
    })) as Booking;
    expect(cancelled).toMatchObject({ id: w.bookingId, status: 'cancelled', cancelReason: `sanction:${sanctionId}` });

    // A new booking on that date is refused, naming VIS-09 (within VIS-08's list of failed checks).
    const refused = await book(w);
    expect(refused.status).toBe(422);
    const problem = refused.body as Problem;
    expect(problem.rule).toBe('VIS-08');
    expect(problem.errors).toEqual([expect.objectContaining({ field: '/date', message: expect.stringMatching(/^VIS-09: /) })]);

    // The visitor's notice reached the notifier (classification), recorded for 113. Its delivery is not
    // checked: visitors have no contact channel in the notifier's directory yet, so it is recorded as
    // failed ("no recipient of kind visitor:<id>") — reported to the lead, not asserted either way.
    const notice = await eventually(
      async () => {
        const page = await ok(200, 'GET', '/classification/notifications?eron=113&limit=200', director);
        return (page.items as { kind: string; subject: string; nui: string | null }[]).find(
          (n) => n.kind === `visitor:${w.visitorId}` && n.subject === 'visit-cancelled',
        );
      },
      15_000,
      'the visitor’s notice to reach the notifier',
    );
    expect(notice).toMatchObject({ nui: w.nui, eron: '113' });
    // The supervising judge is told of the firm sanction too (DIS-15).
    await eventually(
      async () => {
        const page = await ok(200, 'GET', '/classification/notifications?eron=113&limit=200', director);
        return (page.items as { subject: string; nui: string | null }[]).some((n) => n.nui === w.nui && n.subject === 'sanction-firm');
      },
      15_000,
      'the judge’s notice of the firm sanction',
    );
    state = { w, sanctionId };
  }, 60_000);

  it('DIS-10 VIS-09 when the DG revokes the firm sanction then `sanction.lifted` reaches visits and the suppressed day may be booked again', async () => {
    if (!state) throw new Error('the DIS-08 test before this one did not run through: this one revokes its sanction');
    const { w, sanctionId } = state;
    // DIS-10: only the DG revokes; sanction.lifted → visits restores the day (VIS-09).
    const url = `/discipline/sanctions/${sanctionId}/revocation`;
    expect((await call('POST', url, director, { of: 'sanction', reasons: 'x' })).status).toBe(403);
    const revoked = await ok(200, 'POST', url, bearer(['dg'], ['113']), {
      of: 'sanction',
      reasons: 'La sanción contradice su naturaleza',
    });
    expect(revoked).toMatchObject({ id: sanctionId, status: 'revoked', revocation: { of: 'sanction' } });
    const rebooked = await eventually(
      async () => {
        const res = await book(w);
        return res.status === 201 ? (res.body as Booking) : undefined;
      },
      15_000,
      'visits to restore the day',
    );
    expect(rebooked).toMatchObject({ nui: w.nui, date: w.day, status: 'booked', visitorIds: [w.visitorId] });
    expect(await rosterIds(w.day)).toContain(rebooked.id);
  }, 60_000);
});
