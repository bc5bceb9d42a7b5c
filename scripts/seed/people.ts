import { chosen, type PersonPlan } from './country';
import { placesOf } from './structure';
import type { Seed } from './seed.types';

type Structure = Map<string, Map<string, { id: string; cells: Map<string, string> }>>;

const daysBefore = (day: string, n: number): string => new Date(Date.parse(`${day}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/** Who already has a NUI: the register, read by the seed's documents (the person's identity is their document). */
async function admitted(seed: Seed): Promise<void> {
  const docs = seed.persons.map((p) => p.document);
  const rows = await seed.world
    .db('classification')
    .selectFrom('ppl')
    .select(['nui', 'document_number'])
    .where('document_type', '=', 'CC')
    .where('document_number', 'in', docs.length ? docs : ['-'])
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

export async function seedAdmissions(seed: Seed): Promise<void> {
  await admitted(seed);
  const todo = seed.persons.filter((p) => !seed.nui.has(p.index));
  await seed.each('admissions', todo, async (p) => {
    const res = await seed.world.call('classification', 'POST', '/api/v1/classification/admissions', {
      roles: ['gate_officer'],
      erons: [p.eron],
      key: `seed-admission-${p.document}`,
      body: admission(seed, p),
    });
    seed.nui.set(p.index, res.body.nui);
  });
  // CLS-10: the paymaster receives the intake cash with the act's three signatures; folio makes it available.
  const received = await seed.world.db('classification').selectFrom('intake_cash_receipts').select('nui').execute();
  const done = new Set(received.map((r: { nui: string }) => r.nui));
  const cash = seed.persons.filter((p) => chosen(p.index, 1, 0.1) && !done.has(seed.nui.get(p.index)!));
  await seed.each('intake cash received', cash, async (p) => {
    await seed.world.call('classification', 'POST', `/api/v1/classification/ppl/${seed.nui.get(p.index)}/intake-cash/receipt`, {
      roles: ['paymaster'],
      erons: [p.eron],
      body: {
        receivedOn: seed.today,
        signatures: { guardCommander: 'Pedro Sosa', custodyOfficer: 'Dragoneante Ruiz', paymaster: 'Luz Pérez' },
        copyGivenToPpl: true,
      },
    });
  });
}

const BOARD = ['director', 'social_worker'] as const;
const ATTENDEES = [
  { seat: 'presiding', name: 'Ana Ruiz', position: 'Directora' },
  { seat: 'legal', name: 'Luis Mora', position: 'Jurídica' },
  { seat: 'health', name: 'Marta Gil', position: 'Sanidad' },
  { seat: 'guard_commander', name: 'Pedro Sosa', position: 'Comandante' },
  { seat: 'social_work', name: 'Sofía Paz', position: 'Psicóloga' },
];

/** CLS-11 … CLS-16: induction, one board session per establishment, the placement in the planned cell. */
export async function seedPlacements(seed: Seed, structure: Structure): Promise<void> {
  const db = seed.world.db('classification');
  const nuis = [...seed.nui.values()];
  const inducted = new Set((await db.selectFrom('inductions').select('nui').execute()).map((r: { nui: string }) => r.nui));
  const placed = new Set(
    (await db.selectFrom('placements').select('nui').where('ended_at', 'is', null).execute()).map((r: { nui: string }) => r.nui),
  );
  const todo = seed.persons.filter((p) => !placed.has(seed.nui.get(p.index)!));
  if (nuis.length === 0) return;
  const sessions = new Map<string, string>();
  for (const eron of new Set(todo.map((p) => p.eron))) {
    const made = await seed.world.call('classification', 'POST', `/api/v1/classification/establishments/${eron}/board-sessions`, {
      roles: [...BOARD],
      erons: [eron],
      body: { date: seed.today, attendees: ATTENDEES },
    });
    sessions.set(eron, made.body.id);
  }
  const places = placesOf(seed.country, seed.persons);
  await seed.each('inductions and placements', todo, async (p) => {
    const nui = seed.nui.get(p.index)!;
    const auth = { roles: [...BOARD], erons: [p.eron] };
    if (!inducted.has(nui)) {
      await seed.world.call('classification', 'PUT', `/api/v1/classification/ppl/${nui}/induction`, {
        ...auth,
        body: { date: seed.today, givenBy: 'Trabajo social', topics: ['rules', 'rights_and_duties', 'complaints', 'disciplinary_regime'] },
      });
    }
    const where = places.get(p.index)!;
    const cellId = structure.get(p.eron)!.get(where.unit)!.cells.get(where.cell)!;
    await seed.world.call('classification', 'POST', `/api/v1/classification/ppl/${nui}/placements`, {
      ...auth,
      body: { cellId, sessionId: sessions.get(p.eron), reasons: 'Evaluación integral de la Junta' },
    });
  });
}

/** CLS-22: the CET sets the security level of the sentenced. */
export async function seedTreatment(seed: Seed): Promise<void> {
  const db = seed.world.db('classification');
  const set = new Set(
    (await db.selectFrom('ppl').select('nui').where('security_level', 'is not', null).execute()).map((r: { nui: string }) => r.nui),
  );
  const todo = seed.persons.filter((p) => p.securityLevel !== null && !set.has(seed.nui.get(p.index)!));
  await seed.each('security levels (CET)', todo, async (p) => {
    await seed.world.call('classification', 'POST', `/api/v1/classification/ppl/${seed.nui.get(p.index)}/treatment`, {
      roles: ['treatment_officer'],
      erons: [p.eron],
      body: {
        securityLevel: p.securityLevel,
        phase: 'observation',
        cetActa: `CET-${p.eron}-2026-01`,
        reasons: 'Evaluación inicial del CET',
      },
    });
  });
}
