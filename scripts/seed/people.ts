import { chosen, type PersonPlan } from './country';
import { placesOf } from './structure';
import type { Seed } from './seed.types';

type Structure = Map<string, Map<string, { id: string; cells: Map<string, string> }>>;

const daysBefore = (day: string, n: number): string => new Date(Date.parse(`${day}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/**
 * Who already has a NUI: the register, read by the seed's documents (the person's identity is their
 * document). The seed's documents are one range, so it reads that range rather than naming every
 * document (Postgres takes at most 65 535 parameters in a statement).
 */
export async function admitted(seed: Pick<Seed, 'world' | 'persons' | 'nui'>): Promise<void> {
  const docs = seed.persons.map((p) => p.document);
  if (docs.length === 0) return;
  const rows = await seed.world
    .db('classification')
    .selectFrom('ppl')
    .select(['nui', 'document_number'])
    .where('document_type', '=', 'CC')
    .where('document_number', '>=', docs[0]!)
    .where('document_number', '<=', docs.at(-1)!)
    .execute();
  const byDoc = new Map(rows.map((r: { nui: string; document_number: string }) => [r.document_number, r.nui]));
  for (const p of seed.persons) {
    const nui = byDoc.get(p.document);
    if (nui) seed.nui.set(p.index, nui);
  }
}

/** CLS-03 … CLS-05, CLS-10: the admission on a complete judicial order; one in ten carries cash. */
function admission(seed: Seed, p: PersonPlan) {
  const capture = daysBefore(seed.today, 2 + (p.index % 60));
  const order = `OD-${capture.slice(0, 4)}-${p.index}`;
  return {
    eron: p.eron,
    person: {
      names: p.names,
      surnames: p.surnames,
      document: { type: 'CC', number: p.document },
      sex: p.sex,
      birthDate: p.birthDate,
      nationality: 'CO',
    },
    legalStatus: p.legalStatus,
    order: {
      names: p.names,
      surnames: p.surnames,
      idNumber: p.document,
      offence: ['Hurto calificado', 'Tráfico de estupefacientes', 'Homicidio', 'Extorsión', 'Concierto para delinquir'][p.index % 5],
      authorityName: 'María Fernanda Rojas',
      authorityPosition: p.legalStatus === 'condenado' ? 'Juez 3 Penal del Circuito' : 'Juez 12 Penal Municipal',
      authoritySigned: true,
      captureDate: capture,
      issueDate: daysBefore(capture, -1),
      orderNumber: order,
      courtCategory: p.legalStatus === 'condenado' ? 'Juzgado Penal del Circuito' : 'Juzgado Penal Municipal',
    },
    identification: { fingerprints: `afis://${p.eron}/${p.index}`, photo: `photo://${p.eron}/${p.index}` },
    ...(chosen(p.index, 1, 0.1)
      ? { cashAtIntake: { amount: 10_000 * (1 + (p.index % 20)), actaNumber: `ACTA-${p.eron}-${p.index}`, searchDate: seed.today } }
      : {}),
  };
}

const BOARD = ['director', 'social_worker'] as const;
const ATTENDEES = [
  { seat: 'presiding', name: 'Ana Ruiz', position: 'Directora' },
  { seat: 'legal', name: 'Luis Mora', position: 'Jurídica' },
  { seat: 'health', name: 'Marta Gil', position: 'Sanidad' },
  { seat: 'guard_commander', name: 'Pedro Sosa', position: 'Comandante' },
  { seat: 'social_work', name: 'Sofía Paz', position: 'Psicóloga' },
];

/**
 * Each person through classification, one after the other and many side by side: the admission
 * on a complete judicial order (CLS-03 … CLS-05), the intake cash received by the paymaster with
 * the act's three signatures for one in ten (CLS-10; folio makes it available), the induction and
 * the board's placement in the planned cell (CLS-11 … CLS-16, one board session per
 * establishment), and the security level the CET sets for the sentenced (CLS-22). What a person
 * already has (a NUI by their document, a receipt, an induction, a current placement, a level) is
 * skipped, so an interrupted run is taken on from where each person stands.
 */
export async function seedPeople(seed: Seed, structure: Structure): Promise<void> {
  const db = seed.world.db('classification');
  await admitted(seed);
  const nuis = async (q: Promise<{ nui: string }[]>) => new Set((await q).map((r) => r.nui));
  const received = await nuis(db.selectFrom('intake_cash_receipts').select('nui').execute());
  const inducted = await nuis(db.selectFrom('inductions').select('nui').execute());
  const placed = await nuis(db.selectFrom('placements').select('nui').where('ended_at', 'is', null).execute());
  const levelled = await nuis(db.selectFrom('ppl').select('nui').where('security_level', 'is not', null).execute());
  const done = (p: PersonPlan, nui = seed.nui.get(p.index)) =>
    nui !== undefined &&
    (!chosen(p.index, 1, 0.1) || received.has(nui)) &&
    placed.has(nui) &&
    (p.securityLevel === null || levelled.has(nui));
  const todo = seed.persons.filter((p) => !done(p));
  // The board sits once a day (CLS-11): a run taken on the same day places in that day's session.
  const sat = await db.selectFrom('board_sessions').select(['eron', 'id']).where('date', '=', seed.today).execute();
  const sessions = new Map<string, string>(sat.map((r: { eron: string; id: string }) => [r.eron, r.id]));
  for (const eron of new Set(todo.filter((p) => !placed.has(seed.nui.get(p.index) ?? '')).map((p) => p.eron))) {
    if (sessions.has(eron)) continue;
    const made = await seed.world.call('classification', 'POST', `/api/v1/classification/establishments/${eron}/board-sessions`, {
      roles: [...BOARD],
      erons: [eron],
      body: { date: seed.today, attendees: ATTENDEES },
    });
    sessions.set(eron, made.body.id);
  }
  const places = placesOf(seed.country, seed.persons);
  await seed.each('admitted, placed, levelled', todo, async (p) => {
    const nui = seed.nui.get(p.index) ?? (await admit(seed, p));
    if (chosen(p.index, 1, 0.1) && !received.has(nui)) await receiveIntakeCash(seed, p, nui);
    if (!placed.has(nui)) {
      const where = places.get(p.index)!;
      const cellId = structure.get(p.eron)!.get(where.unit)!.cells.get(where.cell)!;
      await place(seed, p, nui, { cellId, sessionId: sessions.get(p.eron)!, inducted: inducted.has(nui) });
    }
    if (p.securityLevel !== null && !levelled.has(nui)) await setLevel(seed, p, nui);
  });
}

async function admit(seed: Seed, p: PersonPlan): Promise<string> {
  const res = await seed.world.call('classification', 'POST', '/api/v1/classification/admissions', {
    roles: ['gate_officer'],
    erons: [p.eron],
    key: `seed-admission-${p.document}`,
    body: admission(seed, p),
  });
  seed.nui.set(p.index, res.body.nui);
  return res.body.nui;
}

async function receiveIntakeCash(seed: Seed, p: PersonPlan, nui: string): Promise<void> {
  await seed.world.call('classification', 'POST', `/api/v1/classification/ppl/${nui}/intake-cash/receipt`, {
    roles: ['paymaster'],
    erons: [p.eron],
    body: {
      receivedOn: seed.today,
      signatures: { guardCommander: 'Pedro Sosa', custodyOfficer: 'Dragoneante Ruiz', paymaster: 'Luz Pérez' },
      copyGivenToPpl: true,
    },
  });
}

async function place(seed: Seed, p: PersonPlan, nui: string, at: { cellId: string; sessionId: string; inducted: boolean }): Promise<void> {
  const auth = { roles: [...BOARD], erons: [p.eron] };
  if (!at.inducted) {
    await seed.world.call('classification', 'PUT', `/api/v1/classification/ppl/${nui}/induction`, {
      ...auth,
      body: { date: seed.today, givenBy: 'Trabajo social', topics: ['rules', 'rights_and_duties', 'complaints', 'disciplinary_regime'] },
    });
  }
  await seed.world.call('classification', 'POST', `/api/v1/classification/ppl/${nui}/placements`, {
    ...auth,
    body: { cellId: at.cellId, sessionId: at.sessionId, reasons: 'Evaluación integral de la Junta' },
  });
}

async function setLevel(seed: Seed, p: PersonPlan, nui: string): Promise<void> {
  await seed.world.call('classification', 'POST', `/api/v1/classification/ppl/${nui}/treatment`, {
    roles: ['treatment_officer'],
    erons: [p.eron],
    body: {
      securityLevel: p.securityLevel,
      phase: 'observation',
      cetActa: `CET-${p.eron}-2026-01`,
      reasons: 'Evaluación inicial del CET',
    },
  });
}
