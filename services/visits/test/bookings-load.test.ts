import { randomUUID } from 'node:crypto';
import { bearer, nextSaturday, seededRandom } from '@eron/shared/testing';
import { startVisits, type VisitsWorld } from './support/visits.world';

const SEEDS = [11, 23, 37, 41, 53];
const ATTEMPTS_PER_SEED = 500;

/**
 * PLT-15, short version of bench/bookings.bench.ts (which fires 10 000 per seed over 30 seeds):
 * 500 concurrent booking attempts for each of 5 seeds at one visit day, over real HTTP. The directory is written straight into the database: this
 * measures the bookings, not the events that feed them (those have their own tests).
 */
describe('PLT-15 concurrent bookings at one visit day', () => {
  let w: VisitsWorld;
  let unitId: string;
  beforeAll(async () => {
    w = await startVisits();
    unitId = randomUUID();
    await w.db.insertInto('units').values({ id: unitId, eron: '113', session: 'morning' }).execute();
  });
  afterAll(async () => w.close());

  /** n PPL placed in the unit, each with three male visitors on their list. */
  async function families(n: number): Promise<{ nui: string; visitors: string[] }[]> {
    const out = Array.from({ length: n }, () => ({ nui: w.nextNui(), visitors: [randomUUID(), randomUUID(), randomUUID()] }));
    await w.db
      .insertInto('ppl')
      .values(
        out.map((f) => ({
          nui: f.nui,
          eron: '113',
          unit_id: unitId,
          legal_status: 'condenado' as const,
          sex: 'M' as const,
          security_level: null,
        })),
      )
      .execute();
    const visitors = out.flatMap((f) => f.visitors);
    await w.db
      .insertInto('visitors')
      .values(visitors.map((id) => ({ id, gender: 'M' as const, birth_date: '1980-01-01', registered_by: 'load' })))
      .execute();
    await w.db
      .insertInto('authorised_visitors')
      .values(
        out.flatMap((f) =>
          f.visitors.map((visitor_id) => ({
            nui: f.nui,
            visitor_id,
            relationship: 'first_degree' as const,
            accreditation: null,
            added_by: 'load',
          })),
        ),
      )
      .execute();
    return out;
  }

  it.each(SEEDS)(
    'PLT-15 VIS-08 seed %i: every attempt answered booked or refused naming a rule, and the area is never overbooked',
    async (seed) => {
      const random = seededRandom(seed);
      const capacity = 100 + Math.floor(random() * 300);
      const areaId = randomUUID();
      await w.db
        .insertInto('areas')
        .values({ id: areaId, eron: '113', name: `Carga ${seed}`, capacity, for_children: false })
        .execute();
      const date = nextSaturday();
      const fams = await families(ATTEMPTS_PER_SEED);
      const headers = { ...bearer(['visits_officer'], ['113']), 'content-type': 'application/json' };
      const attempts = fams.map((f) => ({ nui: f.nui, date, areaId, visitorIds: f.visitors.slice(0, 1 + Math.floor(random() * 3)) }));

      const answers = await Promise.all(
        attempts.map(async (body) => {
          const res = await fetch(`${w.url}/api/v1/visits/bookings`, { method: 'POST', headers, body: JSON.stringify(body) });
          const type = res.headers.get('content-type') ?? '';
          return { status: res.status, type, body: (await res.json()) as { rule?: string; id?: string } };
        }),
      );

      expect(answers).toHaveLength(ATTEMPTS_PER_SEED);
      const unexpected = answers.filter(
        (a) =>
          !(
            (a.status === 201 && a.body.id) ||
            (a.status === 422 && a.type.startsWith('application/problem+json') && a.body.rule === 'VIS-08')
          ),
      );
      expect(unexpected).toEqual([]);
      const booked = await w.db
        .selectFrom('bookings')
        .select(['persons'])
        .where('area_id', '=', areaId)
        .where('status', '=', 'booked')
        .execute();
      const persons = booked.reduce((s, b) => s + b.persons, 0);
      const places = await w.db
        .selectFrom('session_places')
        .select(['booked', 'capacity'])
        .where('area_id', '=', areaId)
        .executeTakeFirstOrThrow();
      expect(booked).toHaveLength(answers.filter((a) => a.status === 201).length);
      expect(places).toEqual({ booked: persons, capacity });
      expect(persons).toBeLessThanOrEqual(capacity);
      // Demand (about 1 000 persons) exceeds every capacity drawn: the area fills up to the last group that fits.
      expect(persons).toBeGreaterThan(capacity - 3);
    },
  );
});
