import { unitFor, unitsOf, type Country, type PersonPlan } from './country';
import type { Seed } from './seed.types';

export const CELL_CAPACITY = 8;

/** Cells of a unit: its people's places with a tenth to spare, eight to a cell (at least two cells). */
const cellsFor = (people: number): number => Math.max(2, Math.ceil((people * 1.1) / CELL_CAPACITY));

/** Where each person sleeps: their unit and, by their rank in it, their cell's code. */
export function placesOf(country: Country, persons: PersonPlan[]): Map<number, { unit: string; cell: string }> {
  const rank = new Map<string, number>();
  const out = new Map<number, { unit: string; cell: string }>();
  for (const p of persons) {
    const e = country.byCode.get(p.eron)!;
    const unit = unitFor(e, p).name;
    const k = `${p.eron}|${unit}`;
    const r = rank.get(k) ?? 0;
    rank.set(k, r + 1);
    out.set(p.index, { unit, cell: `C-${String(1 + Math.floor(r / CELL_CAPACITY)).padStart(4, '0')}` });
  }
  return out;
}

interface StructureUnit {
  id: string;
  name: string;
  cells: { id: string; code: string }[];
}

/**
 * CLS-01, CLS-02: the DG registers each establishment and its units, the Director adds the cells;
 * what exists already (same code, unit name or cell code) is left as it is. Returns, per
 * establishment, unit name → { id, cell code → id }.
 */
export async function seedStructure(seed: Seed): Promise<Map<string, Map<string, { id: string; cells: Map<string, string> }>>> {
  const { world, country } = seed;
  const demand = new Map<string, number>();
  for (const p of seed.persons) {
    const e = country.byCode.get(p.eron)!;
    const k = `${p.eron}|${unitFor(e, p).name}`;
    demand.set(k, (demand.get(k) ?? 0) + 1);
  }
  const result = new Map<string, Map<string, { id: string; cells: Map<string, string> }>>();
  await seed.each('establishments and units', seed.country.establishments, async (e) => {
    const dg = { roles: ['dg' as const] };
    const got = await world.call('classification', 'GET', `/api/v1/classification/establishments/${e.code}`, { ...dg, ok: [200, 404] });
    if (got.status === 404) {
      await world.call('classification', 'POST', '/api/v1/classification/establishments', {
        ...dg,
        body: {
          code: e.code,
          name: e.name,
          regional: e.regional,
          order: 'nacional',
          type: e.type,
          securityCategory: e.securityCategory,
          resolution: `Resolución DG ${e.code} de 2026`,
        },
      });
    }
    const units: StructureUnit[] = got.status === 200 ? got.body.units : [];
    const mine = new Map<string, { id: string; cells: Map<string, string> }>();
    for (const [i, u] of unitsOf(e).entries()) {
      let unit = units.find((x) => x.name === u.name);
      if (!unit) {
        const made = await world.call('classification', 'POST', `/api/v1/classification/establishments/${e.code}/units`, {
          ...dg,
          body: {
            kind: e.women ? 'pabellon' : i < 3 ? 'patio' : 'pabellon',
            name: u.name,
            eligibility: { sexes: u.sexes, legal: u.legal, specialRegime: null },
            dgAuthorisation: `Oficio DG 2026-${e.code}${i}`,
          },
        });
        unit = { id: made.body.id, name: u.name, cells: [] };
      }
      mine.set(u.name, { id: unit.id, cells: new Map(unit.cells.map((c) => [c.code, c.id])) });
    }
    result.set(e.code, mine);
  });
  const missing: { eron: string; unitId: string; cells: Map<string, string>; code: string }[] = [];
  for (const [eron, units] of result) {
    for (const [name, unit] of units) {
      const want = cellsFor(demand.get(`${eron}|${name}`) ?? 0);
      for (let c = 1; c <= want; c += 1) {
        const code = `C-${String(c).padStart(4, '0')}`;
        if (!unit.cells.has(code)) missing.push({ eron, unitId: unit.id, cells: unit.cells, code });
      }
    }
  }
  await seed.each('cells', missing, async (m) => {
    const made = await world.call('classification', 'POST', `/api/v1/classification/units/${m.unitId}/cells`, {
      roles: ['director'],
      erons: [m.eron],
      body: { code: m.code, capacity: CELL_CAPACITY },
    });
    m.cells.set(m.code, made.body.id);
  });
  return result;
}
