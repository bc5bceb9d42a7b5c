import type { ConductRatingList, ConductRun } from '@eron/shared';
import { bearer, eventually } from '@eron/shared/testing';
import { startDiscipline, type DisciplineWorld } from './support/discipline.world';
import { insertFirmSanction } from './support/firm-sanctions';

const director = bearer(['director'], ['113']);
const QUARTERS = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1'];
/** Mid-quarter, at noon in Bogotá. */
const midQuarter = (q: string) => new Date(`${q.slice(0, 4)}-${String((Number(q.slice(6)) - 1) * 3 + 2).padStart(2, '0')}-15T17:00:00Z`);

type S = 'G' | 'L';
interface Row {
  what: string;
  /** Firm sanctions per quarter. */
  sanctions: S[][];
  expected: string[];
  houseArrest?: boolean;
}

/** DIS-13 over five quarters in a row, each proposed by the job and approved by the Council as proposed. */
const TABLE: Row[] = [
  {
    what: 'no sanction: buena, then ejemplar after three buena',
    sanctions: [],
    expected: ['buena', 'buena', 'buena', 'ejemplar', 'ejemplar'],
  },
  {
    what: 'a grave: mala, then buena; ejemplar needs three buena after it',
    sanctions: [['G']],
    expected: ['mala', 'buena', 'buena', 'buena', 'ejemplar'],
  },
  { what: 'a leve: regular', sanctions: [[], ['L']], expected: ['buena', 'regular', 'buena', 'buena', 'buena'] },
  {
    what: 'a grave and a leve: mala carried into the next quarter',
    sanctions: [['G', 'L']],
    expected: ['mala', 'mala', 'buena', 'buena', 'buena'],
  },
  {
    what: 'a leve in a quarter mala by the carry: mala carried again',
    sanctions: [['G', 'L'], ['L']],
    expected: ['mala', 'mala', 'mala', 'buena', 'buena'],
  },
  {
    what: 'in house arrest: still rated',
    sanctions: [['L']],
    expected: ['regular', 'buena', 'buena', 'buena', 'ejemplar'],
    houseArrest: true,
  },
];

async function propose(w: DisciplineWorld, quarter: string): Promise<ConductRun> {
  const res = await w.app.inject({
    method: 'POST',
    url: `/api/v1/discipline/establishments/113/conduct/quarters/${quarter}/proposals`,
    headers: director,
  });
  expect(res.statusCode).toBe(202);
  const location = res.headers.location as string;
  expect(location).toBe(`/api/v1/discipline/establishments/113/conduct/proposal-runs/${res.json<ConductRun>().id}`);
  return eventually(
    async () => {
      const run = (await w.app.inject({ method: 'GET', url: location, headers: director })).json<ConductRun>();
      return run.status === 'done' ? run : undefined;
    },
    20_000,
    `rating job of ${quarter} done`,
  );
}

const ratings = async (w: DisciplineWorld, quarter: string) =>
  (
    await w.app.inject({
      method: 'GET',
      url: `/api/v1/discipline/establishments/113/conduct/quarters/${quarter}/ratings`,
      headers: director,
    })
  ).json<ConductRatingList>().items;

const decide = (w: DisciplineWorld, quarter: string, decisions: { nui: string; rating: string; reasons?: string }[]) =>
  w.app.inject({
    method: 'POST',
    url: `/api/v1/discipline/establishments/113/conduct/quarters/${quarter}/decisions`,
    headers: director,
    payload: { session: `Acta 0${quarter.slice(6)}-${quarter.slice(0, 4)}`, decisions },
  });

describe('DIS-13 quarterly conduct ratings', () => {
  let w: DisciplineWorld;
  beforeAll(async () => {
    w = await startDiscipline();
  });
  afterAll(async () => w.close());

  it('DIS-13 when five quarters are proposed by the job and approved in session, then each PPL’s ratings follow the table (mala carried, ejemplar after three buena, house arrest)', async () => {
    const nuis: string[] = [];
    for (const row of TABLE) {
      const nui = await w.admit({ eron: '113' });
      if (row.houseArrest) await w.exit(nui, '113', 'house_arrest');
      nuis.push(nui);
    }
    const released = await w.admit({ eron: '113' });
    await w.exit(released, '113', 'release');
    const amended = await w.admit({ eron: '113' });

    for (const [qi, quarter] of QUARTERS.entries()) {
      for (const [i, row] of TABLE.entries())
        for (const s of row.sanctions[qi] ?? [])
          await insertFirmSanction(w.db, { nui: nuis[i]!, severity: s === 'G' ? 'grave' : 'leve', firmAt: midQuarter(quarter) });
      if (qi === 0) await insertFirmSanction(w.db, { nui: amended, severity: 'grave', firmAt: midQuarter(quarter) });
      if (qi === 0) await insertFirmSanction(w.db, { nui: amended, severity: 'leve', firmAt: midQuarter(quarter) });

      const run = await propose(w, quarter);
      expect(run).toMatchObject({ quarter, total: TABLE.length + 1, done: TABLE.length + 1 });
      const got = new Map((await ratings(w, quarter)).map((r) => [r.nui, r]));
      expect(got.has(released)).toBe(false);
      for (const [i, row] of TABLE.entries()) expect([row.what, got.get(nuis[i]!)?.proposed]).toEqual([row.what, row.expected[qi]]);

      const approvals = [...got.values()].filter((r) => r.nui !== amended || qi > 0).map((r) => ({ nui: r.nui, rating: r.proposed }));
      if (qi === 0) {
        expect(got.get(amended)).toMatchObject({ proposed: 'mala', carriesMala: true });
        // Amending without reasons is refused, naming the rule and the decision.
        const refused = await decide(w, quarter, [{ nui: amended, rating: 'regular' }]);
        expect(refused.statusCode).toBe(422);
        expect(refused.json()).toMatchObject({ rule: 'DIS-13', errors: [{ field: '/decisions/0/reasons' }] });
        const ok = await decide(w, quarter, [
          {
            nui: amended,
            rating: 'regular',
            reasons: 'La leve fue consecuencia directa de la grave; el Consejo pondera la buena conducta previa',
          },
        ]);
        expect(ok.statusCode).toBe(200);
        expect(ok.json<ConductRatingList>().items[0]).toMatchObject({
          proposed: 'mala',
          rating: 'regular',
          status: 'amended',
          session: 'Acta 01-2025',
        });
      }
      if (qi === 1) expect(got.get(amended)?.proposed).toBe('buena'); // the amendment cancelled the carry
      const res = await decide(w, quarter, approvals);
      expect(res.statusCode).toBe(200);
      expect(res.json<ConductRatingList>().items.every((r) => r.status === 'approved')).toBe(true);
    }
  });

  it('DIS-13 when a quarter has not started or the Council names a PPL with no proposal, then 422 naming DIS-13', async () => {
    const future = await w.app.inject({
      method: 'POST',
      url: '/api/v1/discipline/establishments/113/conduct/quarters/2099-Q1/proposals',
      headers: director,
    });
    expect(future.statusCode).toBe(422);
    expect(future.json()).toMatchObject({ rule: 'DIS-13' });
    const unknown = await decide(w, '2024-Q1', [{ nui: '1234567', rating: 'buena' }]);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ rule: 'DIS-13', errors: [{ field: '/decisions/0/nui' }] });
  });
});
