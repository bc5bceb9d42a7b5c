import { chosen } from './country';
import { quietUntil } from './progress';
import type { Seed } from './seed.types';

const CIRCUMSTANCES = {
  how: 'Sin violencia',
  harm: 'Ninguno',
  stateOfMind: 'Tranquilo',
  previousConduct: 'Buena',
  aggravating: [],
  mitigating: ['Reconoció los hechos'],
};

/** The quarter before today's (Bogotá), the one the council rates now (DIS-13). */
const lastQuarter = (today: string): string => {
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const y = Number(today.slice(0, 4));
  return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
};

/**
 * DIS-01 … DIS-06: one in thirty PPL is reported for a leve (absence at roll call); the investigator
 * opens the case, notifies the charges and hears the descargos, and the Director decides — two in
 * three sanctioned (a reprimand or two suppressed visits), the rest acquitted. A case left half
 * way by an interrupted run is taken on from where it stands.
 */
export async function seedCases(seed: Seed): Promise<void> {
  const db = seed.world.db('discipline');
  const want = seed.nui.size;
  await quietUntil(seed, `discipline to learn ${want} PPL`, async () => {
    const r = await db
      .selectFrom('ppl')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n) >= want;
  });
  const cases = new Map(
    (await db.selectFrom('cases').select(['id', 'nui', 'status']).execute()).map((c: { id: string; nui: string; status: string }) => [
      c.nui,
      c,
    ]),
  );
  const todo = seed.persons.filter((p) => chosen(p.index, 8, 1 / 30) && cases.get(seed.nui.get(p.index)!)?.status !== 'decided');
  const factDate = new Date(Date.parse(`${seed.today}T12:00:00Z`) - 3 * 86_400_000).toISOString().slice(0, 10);
  await seed.each('disciplinary cases', todo, async (p) => {
    const nui = seed.nui.get(p.index)!;
    const as = (role: 'guard_commander' | 'investigator' | 'director') => ({ roles: [role], erons: [p.eron] });
    let c = cases.get(nui);
    if (!c) {
      const made = await seed.world.call('discipline', 'POST', '/api/v1/discipline/cases', {
        ...as('guard_commander'),
        key: `seed-case-${nui}`,
        body: {
          eron: p.eron,
          nui,
          offenceCode: 'L-01',
          factDate,
          place: 'Patio 1',
          facts: 'No se presentó a la contada de las 6:00',
          reporter: 'Dragoneante Ruiz',
          evidence: ['Minuta de guardia, folio 12'],
        },
      });
      c = { id: made.body.id, nui, status: 'reported' };
    }
    const url = `/api/v1/discipline/cases/${c.id}`;
    if (c.status === 'reported') await seed.world.call('discipline', 'POST', `${url}/opening`, { ...as('investigator'), body: {} });
    if (['reported', 'opened'].includes(c.status)) {
      await seed.world.call('discipline', 'POST', `${url}/notice`, {
        ...as('investigator'),
        body: { how: 'Personalmente en el pabellón', charges: 'Incumplir el horario de la contada' },
      });
    }
    if (['reported', 'opened', 'notified'].includes(c.status)) {
      await seed.world.call('discipline', 'POST', `${url}/hearing`, {
        ...as('investigator'),
        body: { statement: 'Estaba en la enfermería', evidence: ['Constancia de enfermería'] },
      });
    }
    const sanction = p.index % 3 === 0 ? null : p.index % 3 === 1 ? { kind: 'reprimand' } : { kind: 'visit_suppression', amount: 2 };
    await seed.world.call('discipline', 'POST', `${url}/decision`, {
      ...as('director'),
      key: `seed-decision-${c.id}`,
      body: sanction
        ? { outcome: 'sanction', reasons: 'Probado por la minuta', circumstances: CIRCUMSTANCES, sanction }
        : { outcome: 'acquittal', reasons: 'La constancia de enfermería explica la ausencia', circumstances: CIRCUMSTANCES },
    });
  });
}

/** DIS-13: last quarter's conduct rating of every PPL, proposed by the rating job of each establishment. */
export async function seedConductRatings(seed: Seed): Promise<void> {
  const db = seed.world.db('discipline');
  const quarter = lastQuarter(seed.today);
  const rated = new Set(
    (await db.selectFrom('conduct_runs').select('eron').where('quarter', '=', quarter).where('status', '=', 'done').execute()).map(
      (r: { eron: string }) => r.eron,
    ),
  );
  const held = new Set(seed.persons.map((p) => p.eron));
  const todo = seed.country.establishments.filter((e) => held.has(e.code) && !rated.has(e.code));
  const runs: string[] = [];
  await seed.each(`conduct ratings ${quarter}`, todo, async (e) => {
    const director = { roles: ['director' as const], erons: [e.code] };
    const url = `/api/v1/discipline/establishments/${e.code}/conduct/quarters/${quarter}/proposals`;
    runs.push((await seed.world.call('discipline', 'POST', url, director)).body.id);
  });
  // The rating jobs run in discipline's queue, a few at a time: wait for them all at once.
  await quietUntil(seed, `${runs.length} conduct rating jobs`, async () => {
    if (runs.length === 0) return true;
    const rows = await db.selectFrom('conduct_runs').select(['id', 'eron', 'status']).where('id', 'in', runs).execute();
    const failed = rows.find((r: { status: string }) => r.status === 'failed');
    if (failed) throw new Error(`the conduct rating job of ${failed.eron} failed`);
    return rows.filter((r: { status: string }) => r.status === 'done').length === runs.length;
  });
}
