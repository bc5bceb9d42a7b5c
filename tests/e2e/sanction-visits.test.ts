import { randomUUID } from 'node:crypto';
import { addDays, bogotaToday, type Problem } from '@eron/shared';
import { bearer, eventually } from '@eron/shared/testing';
import { admissionRequest } from '../../services/classification/test/admission.factory';
import { circumstances } from '../../services/discipline/test/support/cases.world';
import { api } from '../support/client';
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
const dg = bearer(['dg']);
const board = bearer(['director', 'social_worker'], ['113']);
const director = bearer(['director'], ['113']);
const officer = bearer(['visits_officer'], ['113']);
const gate = bearer(['gate_officer'], ['113']);
const guard = bearer(['guard_commander'], ['113']);
const investigator = bearer(['investigator'], ['113']);
const legal = bearer(['legal'], ['113']);

/** The suite as a front end calls it, as whom `headers` say. */
const as = (headers: Headers) => api(suite.url, headers);

/** A call's answer, which must be `status`; otherwise the error names the call and what came back. */
async function ok<T>(status: number, call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.status !== status)
    throw new Error(`${response.url} → ${response.status} (expected ${status}): ${JSON.stringify(error ?? data)}`);
  return data as T;
}

const FULL_BOARD = [
  { seat: 'presiding' as const, name: 'Ana Ruiz', position: 'Directora' },
  { seat: 'legal' as const, name: 'Luis Mora', position: 'Jurídica' },
  { seat: 'health' as const, name: 'Marta Gil', position: 'Sanidad' },
  { seat: 'guard_commander' as const, name: 'Pedro Sosa', position: 'Comandante' },
  { seat: 'social_work' as const, name: 'Sofía Paz', position: 'Psicóloga' },
];
const hours = { morning: { from: '08:00', to: '12:00' }, afternoon: { from: '13:00', to: '16:00' } };
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
  const unit = await ok(
    201,
    as(dg).POST('/api/v1/classification/establishments/{code}/units', {
      params: { path: { code: '113' } },
      body: {
        kind: 'patio',
        name: `Patio ${randomUUID().slice(0, 8)}`,
        eligibility: { sexes: ['M', 'F'], legal: 'both', specialRegime: null },
        dgAuthorisation: 'Oficio DG 2026-0001',
      },
    }),
  );
  const cell = await ok(
    201,
    as(board).POST('/api/v1/classification/units/{id}/cells', { params: { path: { id: unit.id } }, body: { code: 'C-01', capacity: 4 } }),
  );
  const { nui } = await ok(201, as(gate).POST('/api/v1/classification/admissions', { body: admissionRequest() }));
  await ok(
    200,
    as(board).PUT('/api/v1/classification/ppl/{nui}/induction', {
      params: { path: { nui } },
      body: { date: bogotaToday(), givenBy: 'Trabajo social', topics: ['rules', 'rights_and_duties', 'complaints', 'disciplinary_regime'] },
    }),
  );
  const session = await ok(
    201,
    as(board).POST('/api/v1/classification/establishments/{code}/board-sessions', {
      params: { path: { code: '113' } },
      body: { date: bogotaToday(), attendees: FULL_BOARD },
    }),
  );
  await ok(
    201,
    as(board).POST('/api/v1/classification/ppl/{nui}/placements', {
      params: { path: { nui } },
      body: { cellId: cell.id, sessionId: session.id, reasons: 'Evaluación integral de la Junta' },
    }),
  );

  // The regime makes tomorrow (Bogotá) a women's visit day and the day after a men's (VIS-01, VIS-02).
  const day = addDays(bogotaToday(), 1);
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  const regime = await ok(
    201,
    as(director).POST('/api/v1/visits/establishments/{eron}/regime/proposals', {
      params: { path: { eron: '113' } },
      body: {
        days: [
          { weekday, visitors: 'F', ...hours },
          { weekday: (weekday + 1) % 7, visitors: 'M', ...hours },
        ],
        visitsPerWeek: 2,
        personsPerVisit: 3,
        reason: 'Dos días de visita',
      },
    }),
  );
  await ok(
    200,
    as(dg).POST('/api/v1/visits/regimes/{id}/decision', { params: { path: { id: regime.id! } }, body: { decision: 'approve' } }),
  );
  // The unit's session, once visits has learnt the placement (ppl.placed).
  await eventually(
    async () => (await as(officer).GET('/api/v1/visits/ppl/{nui}', { params: { path: { nui } } })).data?.unitId === unit.id,
    10_000,
    'visits to learn the placement',
  );
  await ok(
    200,
    as(director).PUT('/api/v1/visits/establishments/{eron}/units/{unitId}/session', {
      params: { path: { eron: '113', unitId: unit.id } },
      body: { session: 'morning' },
    }),
  );
  const area = await ok(
    201,
    as(director).POST('/api/v1/visits/establishments/{eron}/areas', {
      params: { path: { eron: '113' } },
      body: { name: 'Patio de visitas', capacity: 120, forChildren: true },
    }),
  );
  const visitor = await ok(
    201,
    as(officer).POST('/api/v1/visits/visitors', {
      body: {
        document: { type: 'CC', number: String(52_000_000 + Math.floor(Math.random() * 999_999)) },
        givenNames: 'Marta',
        surnames: 'Gómez Ruiz',
        gender: 'F',
        birthDate: '1975-03-02',
      },
    }),
  );
  await ok(
    200,
    as(officer).PUT('/api/v1/visits/ppl/{nui}/visitors/{visitorId}', {
      params: { path: { nui, visitorId: visitor.id } },
      body: { relationship: 'first_degree' },
    }),
  );
  const booking = (await book({ nui, areaId: area.id, visitorId: visitor.id, day })).data!;
  expect(booking).toMatchObject({ nui, date: day, session: 'morning', status: 'booked' });
  return { nui, areaId: area.id, visitorId: visitor.id, day, bookingId: booking.id };
}

const book = (w: Pick<World, 'nui' | 'areaId' | 'visitorId' | 'day'>) =>
  as({ ...officer, 'idempotency-key': randomUUID() }).POST('/api/v1/visits/bookings', {
    body: { nui: w.nui, date: w.day, areaId: w.areaId, visitorIds: [w.visitorId] },
  });

const rosterIds = async (day: string): Promise<string[]> => {
  const roster = await ok(
    200,
    as(gate).GET('/api/v1/visits/establishments/{eron}/roster', {
      params: { path: { eron: '113' }, query: { date: day, session: 'morning' } },
    }),
  );
  return roster.units.flatMap((u) => u.bookings.map((b) => b.id));
};

/** Step 2 (discipline): report → opening → notice → hearing → decision (visit_suppression 1) → reposición → confirmed: firm. */
async function firmSuppression(nui: string) {
  await eventually(
    async () => (await as(director).GET('/api/v1/discipline/ppl/{nui}', { params: { path: { nui } } })).response.status === 200,
    10_000,
    'discipline to learn the admission',
  );
  const today = bogotaToday();
  const reported = await ok(
    201,
    as({ ...guard, 'idempotency-key': randomUUID() }).POST('/api/v1/discipline/cases', {
      body: {
        eron: '113',
        nui,
        offenceCode: 'L-01',
        factDate: today,
        place: 'Patio 1',
        facts: 'No se presentó a la contada de las 6:00',
        reporter: 'Dragoneante Ruiz',
        evidence: ['Minuta de guardia, folio 12'],
      },
    }),
  );
  expect(reported).toMatchObject({ status: 'reported' });
  const theCase = { params: { path: { id: reported.id } } };
  expect(await ok(200, as(investigator).POST('/api/v1/discipline/cases/{id}/opening', { ...theCase, body: {} }))).toMatchObject({
    status: 'opened',
    instructedBy: 'investigator',
  });
  expect(
    await ok(
      200,
      as(investigator).POST('/api/v1/discipline/cases/{id}/notice', {
        ...theCase,
        body: { how: 'Personalmente en el pabellón', charges: 'Incumplir el horario de la contada' },
      }),
    ),
  ).toMatchObject({ status: 'notified' });
  expect(
    await ok(
      200,
      as(investigator).POST('/api/v1/discipline/cases/{id}/hearing', {
        ...theCase,
        body: { statement: 'Estaba en la enfermería', evidence: ['Constancia de enfermería'] },
      }),
    ),
  ).toMatchObject({ status: 'heard' });
  const decided = await ok(
    201,
    as({ ...director, 'idempotency-key': randomUUID() }).POST('/api/v1/discipline/cases/{id}/decision', {
      ...theCase,
      body: {
        outcome: 'sanction',
        reasons: 'Probado por la minuta',
        circumstances,
        sanction: { kind: 'visit_suppression', amount: 1 },
      },
    }),
  );
  expect(decided).toMatchObject({ status: 'decided', sanction: { status: 'imposed', kind: 'visit_suppression', amount: 1 } });
  const appealed = await ok(
    201,
    as({ ...legal, 'idempotency-key': randomUUID() }).POST('/api/v1/discipline/cases/{id}/appeals', {
      ...theCase,
      body: { grounds: 'Desproporción', subsidiaryAppeal: false },
    }),
  );
  const reposicion = appealed.appeals.find((a) => a.kind === 'reposicion');
  expect(reposicion).toMatchObject({ authority: 'director', status: 'pending' });
  // Not firm while the reposición is pending (DIS-08).
  expect((await ok(200, as(director).GET('/api/v1/discipline/cases/{id}', theCase))).sanction).toMatchObject({ status: 'imposed' });
  const confirmed = await ok(
    200,
    as(director).POST('/api/v1/discipline/appeals/{id}/decision', {
      params: { path: { id: reposicion!.id } },
      body: { outcome: 'confirmed', reasons: 'Se mantiene' },
    }),
  );
  expect(confirmed.sanction).toMatchObject({ id: decided.sanction!.id, status: 'firm' });
  return confirmed;
}

/** The notifier's page of 113's notices (classification), newest first. */
const notices = async () =>
  (await ok(200, as(director).GET('/api/v1/classification/notifications', { params: { query: { eron: '113', limit: '200' } } }))).items;

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
    const cancelled = await ok(
      200,
      as(officer).POST('/api/v1/visits/bookings/{id}/cancellation', {
        params: { path: { id: w.bookingId } },
        body: { reason: 'Solo para leer su estado' },
      }),
    );
    expect(cancelled).toMatchObject({ id: w.bookingId, status: 'cancelled', cancelReason: `sanction:${sanctionId}` });

    // A new booking on that date is refused, naming VIS-09 (within VIS-08's list of failed checks).
    const refused = await book(w);
    expect(refused.response.status).toBe(422);
    const problem = refused.error as Problem;
    expect(problem.rule).toBe('VIS-08');
    expect(problem.errors).toEqual([expect.objectContaining({ field: '/date', message: expect.stringMatching(/^VIS-09: /) })]);

    // The visitor's notice reached the notifier (classification), recorded for 113. Its delivery is not
    // checked: visitors have no contact channel in the notifier's directory yet, so it is recorded as
    // failed ("no recipient of kind visitor:<id>") — reported to the lead, not asserted either way.
    const notice = await eventually(
      async () => {
        return (await notices()).find((n) => n.kind === `visitor:${w.visitorId}` && n.subject === 'visit-cancelled');
      },
      15_000,
      'the visitor’s notice to reach the notifier',
    );
    expect(notice).toMatchObject({ nui: w.nui, eron: '113' });
    // The supervising judge is told of the firm sanction too (DIS-15).
    await eventually(
      async () => {
        return (await notices()).some((n) => n.nui === w.nui && n.subject === 'sanction-firm');
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
    const url = '/api/v1/discipline/sanctions/{id}/revocation';
    const sanction = { params: { path: { id: sanctionId } } };
    expect((await as(director).POST(url, { ...sanction, body: { of: 'sanction', reasons: 'x' } })).response.status).toBe(403);
    const revoked = await ok(
      200,
      as(bearer(['dg'], ['113'])).POST(url, { ...sanction, body: { of: 'sanction', reasons: 'La sanción contradice su naturaleza' } }),
    );
    expect(revoked).toMatchObject({ id: sanctionId, status: 'revoked', revocation: { of: 'sanction' } });
    const rebooked = await eventually(
      async () => {
        const res = await book(w);
        return res.response.status === 201 ? res.data : undefined;
      },
      15_000,
      'visits to restore the day',
    );
    expect(rebooked).toMatchObject({ nui: w.nui, date: w.day, status: 'booked', visitorIds: [w.visitorId] });
    expect(await rosterIds(w.day)).toContain(rebooked.id);
  }, 60_000);
});
