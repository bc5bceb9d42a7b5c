import type { Problem } from '@eron/shared';
import { addDays, bogotaToday } from '@eron/shared';
import { bearer, eventually } from '@eron/shared/testing';
import { admissionRequest } from './admission.factory';
import { startClassification, type ClassificationWorld } from './support/classification.world';

let w: ClassificationWorld;
beforeAll(async () => {
  w = await startClassification({ establishments: ['113'] });
});
afterAll(async () => w.close());

const director = bearer(['director'], ['113']);
const get = async (url: string) => w.call('GET', url, director);

/** Every page of a list, following `next` with the route's cursor parameter. */
async function allPages<T>(url: string, cursor: string, itemsOf: (page: any) => T[]): Promise<{ pages: T[][]; calls: number }> {
  const pages: T[][] = [];
  let next: string | null = null;
  do {
    const res = await get(next ? `${url}&${cursor}=${next}` : url);
    expect([res.statusCode, res.statusCode === 200 ? '' : res.body]).toEqual([200, '']);
    pages.push(itemsOf(res.json()));
    next = res.json().next;
  } while (next && pages.length < 50);
  return { pages, calls: pages.length };
}

const expectBadQuery = (res: { statusCode: number; json: () => unknown }, field: string) => {
  expect(res.statusCode).toBe(400);
  const problem = res.json() as Problem;
  expect(problem.errors?.map((e) => e.field)).toContain(`querystring:/${field}`);
};

/*
 * Spec decision (PLT-18, issue 8 "no request can stall a service"): classification's lists are read
 * a page at a time — `limit` rows at most (a maximum per list), `next` to pass back for the following
 * page (a cursor the service made; anything else is a 400) — and their periods are bounded: intake
 * cash at most 31 days of searches, the escapes register at most 366 days. Beyond: 400 naming the
 * query field, nothing read.
 */
describe('PLT-18 classification lists are paged and their periods bounded', () => {
  it('PLT-18 CLS-10 when the intake-cash list is read then a page at a time in search order, over at most 31 days; beyond, or with a forged cursor, 400', async () => {
    const search = addDays(bogotaToday(), -3);
    const nuis: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const cashAtIntake = { amount: 10_000 * (i + 1), actaNumber: `ACTA-LIST-${i}`, searchDate: i < 2 ? addDays(search, -1) : search };
      const res = await w.call('POST', '/admissions', bearer(['gate_officer'], ['113']), admissionRequest({ cashAtIntake }));
      expect([res.statusCode, res.body]).toEqual([201, expect.any(String)]);
      nuis.push(res.json().nui);
    }
    const url = `/establishments/113/intake-cash?from=${addDays(search, -30)}&to=${search}&limit=2`;
    const { pages } = await allPages(url, 'after', (p) => (p.items as { nui: string }[]).map((l) => l.nui));
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(nuis);

    expectBadQuery(await get(`/establishments/113/intake-cash?from=${addDays(search, -31)}&to=${search}`), 'to');
    expectBadQuery(await get(`/establishments/113/intake-cash?from=${search}&to=${addDays(search, -1)}`), 'to');
    expectBadQuery(await get(`/establishments/113/intake-cash?from=${search}&to=${search}&limit=501`), 'limit');
    const forged = Buffer.from(JSON.stringify(['2026-02-30', '1000001'])).toString('base64url');
    for (const cursor of [forged, 'bm90LWpzb24', 'AAAA']) {
      const res = await get(`/establishments/113/intake-cash?from=${search}&to=${search}&after=${cursor}`);
      expectBadQuery(res, 'after');
      expect(res.json<Problem>().type).toMatch(/cursor-invalid$/);
    }
  });

  it('PLT-18 CLS-21 when the escapes register is read then newest first a page at a time, a period of at most 366 days; beyond, 400', async () => {
    const escaped: string[] = [];
    for (const day of ['2026-11-01', '2026-11-02', '2026-11-03']) {
      const nui = (await w.call('POST', '/admissions', bearer(['gate_officer'], ['113']), admissionRequest())).json().nui as string;
      const res = await w.call('POST', '/exits', director, { nui, reason: 'escape', occurredAt: `${day}T12:00:00-05:00` });
      expect(res.statusCode).toBe(201);
      escaped.push(nui);
    }
    const { pages } = await allPages('/establishments/113/escape-register?limit=2', 'before', (p) =>
      (p.entries as { nui: string }[]).map((e) => e.nui),
    );
    expect(pages.map((p) => p.length)).toEqual([2, 1]);
    expect(pages.flat()).toEqual([...escaped].reverse());
    const window = await get('/establishments/113/escape-register?from=2026-11-02&to=2026-11-02');
    expect(window.json().entries.map((e: { nui: string }) => e.nui)).toEqual([escaped[1]]);
    expectBadQuery(await get('/establishments/113/escape-register?from=2025-11-01&to=2026-11-02'), 'to');
    expectBadQuery(await get('/establishments/113/escape-register?limit=0'), 'limit');
    expectBadQuery(await get('/establishments/113/escape-register?before=AAAA'), 'before');
    // The notifier's list of the notices these escapes raised pages the same way (a query string carries text).
    await eventually(async () => (await get('/notifications?eron=113&limit=200')).json().items?.length === 6, 10_000, 'six notices');
    // An escape's two notices share their instant: a page boundary between them loses neither.
    const notices = await allPages('/notifications?eron=113&limit=1', 'before', (p) => (p.items as { id: string }[]).map((n) => n.id));
    expect(notices.pages.map((p) => p.length)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(new Set(notices.pages.flat()).size).toBe(6);
    expectBadQuery(await get('/notifications?eron=113&limit=201'), 'limit');
    expectBadQuery(await get('/notifications?eron=113&before=2026-11-30T00:00:00.000Z'), 'before');
  });

  it('PLT-18 CLS-19 CLS-06 when a day’s discrepancies or a record’s changes are many then they come a page at a time, in order', async () => {
    const dg = bearer(['dg']);
    const unit = await w.call('POST', '/establishments/113/units', dg, {
      kind: 'patio',
      name: 'Patio listas',
      eligibility: { sexes: ['M'], legal: 'both', specialRegime: null },
      dgAuthorisation: 'Oficio DG 7',
    });
    const cell = (await w.call('POST', `/units/${unit.json().id}/cells`, director, { code: 'L1', capacity: 2 })).json().id as string;
    const guard = bearer(['guard_commander'], ['113']);
    const strangers = Array.from({ length: 7 }, (_, i) => ({ nui: String(9_100_000 + i), cellId: cell }));
    for (const [takenAt, seen] of [
      ['2026-11-24T23:00:00Z', strangers.slice(4)],
      ['2026-11-24T11:00:00Z', strangers.slice(0, 4)],
    ] as const) {
      expect((await w.call('POST', `/units/${unit.json().id}/roll-calls`, guard, { takenAt, seen })).statusCode).toBe(201);
    }
    const day = await allPages('/establishments/113/roll-calls?date=2026-11-24&limit=3', 'after', (p) =>
      (p.discrepancies as { nui: string }[]).map((d) => d.nui),
    );
    expect(day.pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(day.pages.flat()).toEqual(strangers.map((s) => s.nui)); // morning's first, though recorded last
    expectBadQuery(await get('/establishments/113/roll-calls?date=2026-11-24&limit=1001'), 'limit');

    const nui = (await w.call('POST', '/admissions', bearer(['gate_officer'], ['113']), admissionRequest())).json().nui as string;
    for (let i = 1; i <= 5; i += 1) {
      expect((await w.call('PATCH', `/ppl/${nui}/record`, director, { dependantsCount: i })).statusCode).toBe(200);
    }
    const history = await allPages(`/ppl/${nui}/record/history?limit=2`, 'after', (p) =>
      (p.changes as { after: { dependantsCount: number } }[]).map((c) => c.after.dependantsCount),
    );
    expect(history.pages).toEqual([[1, 2], [3, 4], [5]]);
    expectBadQuery(await get(`/ppl/${nui}/record/history?after=zz`), 'after');
  });
});
