import { randomUUID } from 'node:crypto';
import { addDays, bogotaToday } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import { admissionRequest } from '../../../services/classification/test/admission.factory';
import { circumstances } from '../../../services/discipline/test/support/cases.world';
import { establishmentBody } from '../../../services/classification/test/support/establishments';
import type { DrillClient } from './client';

/**
 * The drill's load: real API calls through every service, the flows that cross them by events —
 * an admission with cash (classification → folio, visits, discipline), its receipt (→ folio), a
 * placement (→ visits), a bank deposit and a shop purchase (folio), a booking on the next visit
 * day (visits, capacity contended), and for every other family a case made firm as a visit
 * suppression (discipline → visits, which cancels the booking). Each family ends by checking its
 * own outcome exactly: the Folio's balance, the booking's state.
 */

export const ERON = '113';
export const BANK = { keyId: 'drill-bank', secret: 'drill-bank-secret-0123456789' };
export const DRILL_HMAC_KEYS = `${BANK.keyId}:bank:${BANK.secret}`;

const dg = bearer(['dg']);
const board = bearer(['director', 'social_worker'], [ERON]);
const director = bearer(['director'], [ERON]);
const gate = bearer(['gate_officer'], [ERON]);
const paymaster = bearer(['paymaster'], [ERON]);
const clerk = bearer(['shop_clerk'], [ERON]);
const officer = bearer(['visits_officer'], [ERON]);
const guard = bearer(['guard_commander'], [ERON]);
const investigator = bearer(['investigator'], [ERON]);
const legal = bearer(['legal'], [ERON]);

const FULL_BOARD = [
  { seat: 'presiding', name: 'Ana Ruiz', position: 'Directora' },
  { seat: 'legal', name: 'Luis Mora', position: 'Jurídica' },
  { seat: 'health', name: 'Marta Gil', position: 'Sanidad' },
  { seat: 'guard_commander', name: 'Pedro Sosa', position: 'Comandante' },
  { seat: 'social_work', name: 'Sofía Paz', position: 'Psicóloga' },
];
const HOURS = { morning: { from: '08:00', to: '12:00' }, afternoon: { from: '13:00', to: '16:00' } };
const PRICE = 1_000;

/** What the set-up made, shared by every family. */
export interface Stage {
  unitId: string;
  cellId: string;
  sessionId: string;
  areaId: string;
  capacity: number;
  productId: string;
  /** The next visit day (tomorrow, Bogotá). */
  day: string;
  sessionSet: boolean;
}

/** What one family did, as the drill's checks read it. */
export interface Family {
  nui: string;
  expectedAvailable: number;
  booked?: string;
  sanctionId?: string;
}

export interface Tally {
  families: number;
  completed: number;
  bookings: number;
  refusedFull: number;
  sanctions: number;
  failures: string[];
}

export const newTally = (): Tally => ({ families: 0, completed: 0, bookings: 0, refusedFull: 0, sanctions: 0, failures: [] });

/** The establishment, its unit, cell and board session; folio's caps and a product; visits' regime and area. */
export async function setUp(c: DrillClient, capacity: number): Promise<Stage> {
  const est = await c.send('classification', 'POST', '/api/v1/classification/establishments', dg, establishmentBody(ERON));
  if (est.status !== 201 && est.status !== 409) throw new Error(`establishment: ${est.status} ${JSON.stringify(est.body)}`);
  const unit = await c.expect(201, 'classification', 'POST', `/api/v1/classification/establishments/${ERON}/units`, dg, {
    kind: 'patio',
    name: `Patio ${randomUUID().slice(0, 8)}`,
    eligibility: { sexes: ['M', 'F'], legal: 'both', specialRegime: null },
    dgAuthorisation: 'Oficio DG 2026-0001',
  });
  const cell = await c.expect(201, 'classification', 'POST', `/api/v1/classification/units/${unit.id}/cells`, board, {
    code: 'C-01',
    capacity: 500,
  });
  const session = await c.expect(201, 'classification', 'POST', `/api/v1/classification/establishments/${ERON}/board-sessions`, board, {
    date: bogotaToday(),
    attendees: FULL_BOARD,
  });
  for (const kind of ['spend_day', 'spend_month', 'deposit_month'])
    await c.expect(201, 'folio', 'POST', '/api/v1/folio/limits/overrides', dg, {
      kind,
      amount: 100_000_000,
      effectiveFrom: '2016-01-01',
      resolution: 'Simulacro PLT-17',
    });
  const product = await c.expect(201, 'folio', 'POST', `/api/v1/folio/shops/${ERON}/products`, clerk, {
    sku: `D-${randomUUID().slice(0, 6)}`,
    name: 'Jabón',
    unitCost: PRICE,
    price: PRICE,
  });
  const day = addDays(bogotaToday(), 1);
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  const regime = await c.expect(201, 'visits', 'POST', `/api/v1/visits/establishments/${ERON}/regime/proposals`, director, {
    days: [
      { weekday, visitors: 'F', ...HOURS },
      { weekday: (weekday + 1) % 7, visitors: 'M', ...HOURS },
    ],
    visitsPerWeek: 2,
    personsPerVisit: 3,
    reason: 'Simulacro de fallas',
  });
  await c.expect(200, 'visits', 'POST', `/api/v1/visits/regimes/${regime.id}/decision`, dg, { decision: 'approve' });
  const area = await c.expect(201, 'visits', 'POST', `/api/v1/visits/establishments/${ERON}/areas`, director, {
    name: `Patio de visitas ${randomUUID().slice(0, 6)}`,
    capacity,
    forChildren: true,
  });
  return {
    unitId: unit.id,
    cellId: cell.id,
    sessionId: session.id,
    areaId: area.id,
    capacity,
    productId: product.id,
    day,
    sessionSet: false,
  };
}

let operation = 800_000_000 + Math.floor(Math.random() * 100_000_000);

/** One family's whole flow; throws (and the drill counts it as failed) when any step goes wrong. */
export async function family(c: DrillClient, s: Stage, i: number, withSanction: boolean, tally: Tally): Promise<Family> {
  tally.families += 1;
  const cash = 10_000 + (i % 7) * 1_000;
  const deposit = 20_000 + (i % 5) * 1_000;
  const quantity = 1 + (i % 4);
  // Classification: admitted with cash, inducted, placed; the cash received by the paymaster.
  const { nui } = await c.expect(201, 'classification', 'POST', '/api/v1/classification/admissions', gate, admission(cash, i), {
    idempotent: true,
  });
  await c.expect(200, 'classification', 'PUT', `/api/v1/classification/ppl/${nui}/induction`, board, {
    date: bogotaToday(),
    givenBy: 'Trabajo social',
    topics: ['rules', 'rights_and_duties', 'complaints', 'disciplinary_regime'],
  });
  await c.expect(
    201,
    'classification',
    'POST',
    `/api/v1/classification/ppl/${nui}/placements`,
    board,
    {
      cellId: s.cellId,
      sessionId: s.sessionId,
      reasons: 'Evaluación integral de la Junta',
    },
    { idempotent: true },
  );
  await c.expect(
    201,
    'classification',
    'POST',
    `/api/v1/classification/ppl/${nui}/intake-cash/receipt`,
    paymaster,
    {
      receivedOn: bogotaToday(),
      signatures: { guardCommander: 'Pedro Sosa', custodyOfficer: 'Dragoneante Ruiz', paymaster: 'Luz Pérez' },
      copyGivenToPpl: true,
    },
    { settled: (a) => a.status === 409 },
  );

  // Folio: opened and credited by the two events; a depositor, a bank deposit, a purchase.
  await c.until(
    'folio',
    `/api/v1/folio/accounts/${nui}`,
    paymaster,
    (a) => a.body.available === cash && a.body.pending === 0,
    c.patienceMs,
    `folio ${nui} to hold the intake cash`,
  );
  const depositor = String(30_000_000 + i * 13 + Math.floor(Math.random() * 10));
  await c.expect([200, 201], 'folio', 'POST', `/api/v1/folio/accounts/${nui}/depositors`, paymaster, {
    depositors: [{ document: { type: 'CC', number: depositor }, givenNames: 'Ana', surnames: 'Ruiz' }],
  });
  const notice = {
    operationNumber: String((operation += 1)),
    nui,
    depositor: { type: 'CC', number: depositor },
    amount: deposit,
    paidAt: new Date().toISOString(),
    bankCode: '007',
  };
  const credited = await c.expect([200, 201], 'folio', 'POST', '/api/v1/folio/recaudo/deposits', {}, notice, { hmac: BANK });
  if (credited.result !== 'credited') throw new Error(`deposit ${notice.operationNumber}: ${JSON.stringify(credited)}`);
  await c.expect(
    201,
    'folio',
    'POST',
    '/api/v1/folio/purchases',
    clerk,
    { nui, shop: ERON, items: [{ productId: s.productId, quantity }] },
    { idempotent: true },
  );
  const expectedAvailable = cash + deposit - quantity * PRICE;
  const account = await c.expect(200, 'folio', 'GET', `/api/v1/folio/accounts/${nui}`, paymaster);
  if (account.available !== expectedAvailable)
    throw new Error(`folio ${nui}: available ${account.available}, expected ${expectedAvailable}`);

  // Visits: placed (event), a visitor listed, a booking on the next visit day (or refused: full).
  await c.until(
    'visits',
    `/api/v1/visits/ppl/${nui}`,
    officer,
    (a) => a.body?.unitId === s.unitId,
    c.patienceMs,
    `visits to learn ${nui}'s placement`,
  );
  if (!s.sessionSet) {
    await c.expect(200, 'visits', 'PUT', `/api/v1/visits/establishments/${ERON}/units/${s.unitId}/session`, director, {
      session: 'morning',
    });
    s.sessionSet = true;
  }
  const visitor = await c.expect(201, 'visits', 'POST', '/api/v1/visits/visitors', officer, {
    document: { type: 'CC', number: String(52_000_000 + i * 17 + Math.floor(Math.random() * 10)) },
    givenNames: 'Marta',
    surnames: 'Gómez Ruiz',
    gender: 'F',
    birthDate: '1975-03-02',
  });
  await c.expect(200, 'visits', 'PUT', `/api/v1/visits/ppl/${nui}/visitors/${visitor.id}`, officer, { relationship: 'first_degree' });
  const booking = await c.send(
    'visits',
    'POST',
    '/api/v1/visits/bookings',
    officer,
    { nui, date: s.day, areaId: s.areaId, visitorIds: [visitor.id] },
    { idempotent: true },
  );
  const out: Family = { nui, expectedAvailable };
  if (booking.status === 201) {
    tally.bookings += 1;
    out.booked = booking.body.id;
  } else if (booking.status === 422 && booking.body.rule === 'VIS-08') {
    tally.refusedFull += 1;
  } else throw new Error(`booking for ${nui}: ${booking.status} ${JSON.stringify(booking.body)}`);

  // Discipline: a case made firm as a visit suppression; visits cancels the booking (sanction.firm).
  if (withSanction) {
    out.sanctionId = await firmSuppression(c, nui);
    tally.sanctions += 1;
    if (out.booked) {
      const id = out.booked;
      await c.until(
        'visits',
        `/api/v1/visits/establishments/${ERON}/roster?date=${s.day}&session=morning`,
        gate,
        (a) => !(a.body.units as { bookings: { id: string }[] }[]).some((u) => u.bookings.some((b) => b.id === id)),
        c.patienceMs,
        `visits to cancel ${nui}'s booking`,
      );
    }
  }
  tally.completed += 1;
  return out;
}

const admission = (cash: number, i: number) =>
  admissionRequest({
    cashAtIntake: { amount: cash, actaNumber: `ACTA-DRILL-${i}-${randomUUID().slice(0, 6)}`, searchDate: bogotaToday() },
  });

/**
 * A case's step that is not idempotent by key: after an attempt whose outcome was unknown, the
 * case's own state says whether it took effect.
 */
async function advance(
  c: DrillClient,
  caseId: string,
  step: string,
  headers: Record<string, string>,
  body: object,
  status: string,
): Promise<void> {
  const path = `/api/v1/discipline/cases/${caseId}/${step}`;
  await c.expect(200, 'discipline', 'POST', path, headers, body, {
    settled: () => true, // re-read below
  });
  await c.until(
    'discipline',
    `/api/v1/discipline/cases/${caseId}`,
    director,
    (a) => a.body.status === status || undefined,
    c.patienceMs,
    `case ${caseId} ${status}`,
  );
}

async function firmSuppression(c: DrillClient, nui: string): Promise<string> {
  await c.until('discipline', `/api/v1/discipline/ppl/${nui}`, director, () => true, c.patienceMs, `discipline to learn ${nui}`);
  const reported = await c.expect(
    201,
    'discipline',
    'POST',
    '/api/v1/discipline/cases',
    guard,
    {
      eron: ERON,
      nui,
      offenceCode: 'L-01',
      factDate: bogotaToday(),
      place: 'Patio 1',
      facts: 'No se presentó a la contada de las 6:00',
      reporter: 'Dragoneante Ruiz',
      evidence: ['Minuta de guardia, folio 12'],
    },
    { idempotent: true },
  );
  const id = reported.id as string;
  await advance(c, id, 'opening', investigator, {}, 'opened');
  await advance(
    c,
    id,
    'notice',
    investigator,
    { how: 'Personalmente en el pabellón', charges: 'Incumplir el horario de la contada' },
    'notified',
  );
  await advance(c, id, 'hearing', investigator, { statement: 'Estaba en la enfermería', evidence: ['Constancia de enfermería'] }, 'heard');
  const decided = await c.expect(
    201,
    'discipline',
    'POST',
    `/api/v1/discipline/cases/${id}/decision`,
    director,
    {
      outcome: 'sanction',
      reasons: 'Probado por la minuta',
      circumstances,
      sanction: { kind: 'visit_suppression', amount: 1 },
    },
    { idempotent: true },
  );
  const appealed = await c.expect(
    201,
    'discipline',
    'POST',
    `/api/v1/discipline/cases/${id}/appeals`,
    legal,
    {
      grounds: 'Desproporción',
      subsidiaryAppeal: false,
    },
    { idempotent: true },
  );
  const reposicion = (appealed.appeals as { id: string; kind: string }[]).find((a) => a.kind === 'reposicion')!;
  await c.expect(
    200,
    'discipline',
    'POST',
    `/api/v1/discipline/appeals/${reposicion.id}/decision`,
    director,
    {
      outcome: 'confirmed',
      reasons: 'Se mantiene',
    },
    { settled: () => true },
  );
  await c.until(
    'discipline',
    `/api/v1/discipline/cases/${id}`,
    director,
    (a) => a.body.sanction?.status === 'firm' || undefined,
    c.patienceMs,
    `sanction of case ${id} firm`,
  );
  return decided.sanction.id as string;
}
