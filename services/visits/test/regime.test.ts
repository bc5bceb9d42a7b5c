import { bogotaMonth, type Regime, type UnitCalendar } from '@eron/shared';
import { sql } from 'kysely';
import { bearer, whileHeld } from '@eron/shared/testing';
import { REGIME } from './support/routes.world';
import { startVisits, type VisitsWorld } from './support/visits.world';

const director = bearer(['director'], ['114']);
const dg = bearer(['dg']);

describe('the visiting regime', () => {
  let w: VisitsWorld;
  beforeAll(async () => {
    w = await startVisits();
  });
  afterAll(async () => w.close());

  const regime = async () =>
    (await w.app.inject({ method: 'GET', url: '/api/v1/visits/establishments/114/regime', headers: director })).json<Regime>();
  const propose = (payload: object) =>
    w.app.inject({ method: 'POST', url: '/api/v1/visits/establishments/114/regime/proposals', headers: director, payload });

  it('VIS-01 when no regime was approved, then Art. 68.1’s default is in force: Saturdays men, Sundays women, 2 visits of 3 persons', async () => {
    const r = await regime();
    expect(r).toMatchObject({ status: 'default', visitsPerWeek: 2, personsPerVisit: 3 });
    expect(r.days.map((d) => [d.weekday, d.visitors])).toEqual([
      [6, 'M'],
      [0, 'F'],
    ]);
  });

  it('VIS-01 when the establishment proposes a change, then nothing changes until the DG approves it; the director cannot approve', async () => {
    const change = { ...REGIME, days: [{ ...REGIME.days[0]!, weekday: 3, visitors: 'all' }], visitsPerWeek: 1 };
    const proposed = await propose(change);
    expect(proposed.statusCode).toBe(201);
    expect((await regime()).status).toBe('default');
    const url = `/api/v1/visits/regimes/${proposed.json<Regime>().id}/decision`;
    expect(
      (await w.app.inject({ method: 'POST', url, headers: bearer(['director'], ['114']), payload: { decision: 'approve' } })).statusCode,
    ).toBe(403);
    const approved = await w.app.inject({ method: 'POST', url, headers: dg, payload: { decision: 'approve' } });
    expect(approved.json<Regime>().status).toBe('approved');
    expect(await regime()).toMatchObject({ status: 'approved', visitsPerWeek: 1, days: [{ weekday: 3, visitors: 'all' }] });
    expect((await w.app.inject({ method: 'POST', url, headers: dg, payload: { decision: 'approve' } })).statusCode).toBe(409);

    // A second approval supersedes the first: one regime in force.
    const again = await propose(REGIME);
    await w.app.inject({
      method: 'POST',
      url: `/api/v1/visits/regimes/${again.json<Regime>().id}/decision`,
      headers: dg,
      payload: { decision: 'approve' },
    });
    expect((await regime()).id).toBe(again.json<Regime>().id);
    const statuses = await w.db.selectFrom('regimes').select('status').where('eron', '=', '114').orderBy('proposed_at').execute();
    expect(statuses.map((s) => s.status)).toEqual(['superseded', 'approved']);
  });

  it('VIS-01 when the DG approves two proposals of one establishment at once, then both answer 200 and the later supersedes the earlier: one regime in force', async () => {
    const here = bearer(['director'], ['115']);
    const proposeHere = async () => {
      const url = '/api/v1/visits/establishments/115/regime/proposals';
      return (await w.app.inject({ method: 'POST', url, headers: here, payload: REGIME })).json<Regime>().id!;
    };
    const approve = (id: string) =>
      w.app.inject({ method: 'POST', url: `/api/v1/visits/regimes/${id}/decision`, headers: dg, payload: { decision: 'approve' } });
    const old = await proposeHere();
    expect((await approve(old)).statusCode).toBe(200);
    const [a, b] = [await proposeHere(), await proposeHere()];
    // Superseding waits on the regime in force until both approvals have locked their proposal.
    const both = await whileHeld(w.db, sql`SELECT id FROM regimes WHERE id = ${old} FOR UPDATE`, () => [approve(a), approve(b)]);
    expect(both.map((r) => [r.statusCode, r.json<Regime>().status])).toEqual([
      [200, 'approved'],
      [200, 'approved'],
    ]);
    const rows = await w.db.selectFrom('regimes').select(['id', 'status', 'decided_at']).where('eron', '=', '115').execute();
    const status = (id: string) => rows.find((r) => r.id === id)?.status;
    expect([status(old), [status(a), status(b)].sort()]).toEqual(['superseded', ['approved', 'superseded']]);
    const approved = rows.find((r) => r.status === 'approved')!;
    const earlier = rows.find((r) => r.status === 'superseded' && r.id !== old)!;
    expect(approved.decided_at!.getTime()).toBeGreaterThanOrEqual(earlier.decided_at!.getTime());
    const inForce = await w.app.inject({ method: 'GET', url: '/api/v1/visits/establishments/115/regime', headers: here });
    expect(inForce.json<Regime>().id).toBe(approved.id);
  });

  it('PLT-04 VIS-01 when a text field holds a NUL character (which Postgres text cannot hold) then 400 naming the field, and nothing changes', async () => {
    const proposed = await propose(REGIME);
    const url = `/api/v1/visits/regimes/${proposed.json<Regime>().id}/decision`;
    const refused = await w.app.inject({ method: 'POST', url, headers: dg, payload: { decision: 'approve', note: 'visto\u0000bueno' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ rule: 'PLT-04', errors: [{ field: '/note' }] });
    const still = await w.db.selectFrom('regimes').select('status').where('id', '=', proposed.json<Regime>().id).executeTakeFirstOrThrow();
    expect(still.status).toBe('proposed');
    const query = await w.app.inject({ method: 'GET', url: '/api/v1/visits/establishments/114/regime?x=a%00b', headers: director });
    expect(query.statusCode).toBe(400);
  });

  it('VIS-02 when a proposal allows more than Art. 68 (3 persons, 2 visits, one per visit day) or repeats a day, then 400/422 naming each fault', async () => {
    expect((await propose({ ...REGIME, personsPerVisit: 4 })).statusCode).toBe(400);
    expect((await propose({ ...REGIME, visitsPerWeek: 3 })).statusCode).toBe(400);
    const bad = await propose({ ...REGIME, days: [REGIME.days[0], REGIME.days[0]], visitsPerWeek: 2 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ rule: 'VIS-01' });
    expect(bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['/days/1/weekday', '/visitsPerWeek']);
  });

  it('VIS-03 when anyone asks for a unit’s month calendar without a token, then its visit days in its session, with no personal data', async () => {
    const { nui, unitId } = await w.admitAndPlace({ eron: '113', session: 'afternoon' });
    const month = bogotaMonth();
    const res = await w.app.inject({ method: 'GET', url: `/api/v1/visits/public/units/${unitId}/calendar?month=${month}` });
    expect(res.statusCode).toBe(200);
    const cal = res.json<UnitCalendar>();
    expect(cal).toMatchObject({ eron: '113', unitId, session: 'afternoon' });
    expect(cal.days.length).toBeGreaterThanOrEqual(8);
    expect(cal.days.every((d) => d.session === 'afternoon' && d.from === '13:00')).toBe(true);
    expect(cal.days.every((d) => [0, 6].includes(new Date(`${d.date}T00:00:00Z`).getUTCDay()))).toBe(true);
    expect(res.body).not.toContain(nui);
  });

  it('VIS-01 when a director adds areas, then they are listed with their capacity; another establishment’s director is refused', async () => {
    const url = '/api/v1/visits/establishments/114/areas';
    const add = await w.app.inject({
      method: 'POST',
      url,
      headers: director,
      payload: { name: 'Sala infantil', capacity: 20, forChildren: true },
    });
    expect(add.statusCode).toBe(201);
    const list = await w.app.inject({ method: 'GET', url, headers: bearer(['visits_officer'], ['114']) });
    expect(list.json().areas).toEqual([expect.objectContaining({ name: 'Sala infantil', capacity: 20, forChildren: true })]);
    const other = await w.app.inject({
      method: 'POST',
      url,
      headers: bearer(['director'], ['113']),
      payload: { name: 'XX', capacity: 1, forChildren: false },
    });
    expect(other.statusCode).toBe(403);
  });
});
