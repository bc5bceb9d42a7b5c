import type { FastifyInstance } from 'fastify';
import { bearer, tokenFor } from '@eron/shared/testing';
import { startFolio, type FolioWorld } from './support/folio.world';

let w: FolioWorld;
let app: FastifyInstance;
beforeAll(async () => {
  w = await startFolio();
  app = w.app;
});
afterAll(async () => w.close());

const limits = (date: string) =>
  app.inject({ method: 'GET', url: `/api/v1/folio/limits?date=${date}`, headers: bearer(['paymaster'], ['113']) });
const override = (body: object, roles: Parameters<typeof bearer>[0] = ['dg']) =>
  app.inject({ method: 'POST', url: '/api/v1/folio/limits/overrides', headers: bearer(roles), payload: body });

describe('FOL-03 minimum wage and the DG figures', () => {
  it('FOL-03 when no DG figure is set then caps follow the SMMLV of the year: 2 SMMLV a month, 2 SMLDV a day', async () => {
    expect((await limits('2016-06-01')).json()).toEqual({
      date: '2016-06-01',
      depositMonth: 1_378_910,
      spendDay: 45_962,
      spendMonth: 1_378_910,
    });
    expect((await limits('2026-11-25')).json()).toMatchObject({ depositMonth: 3_501_810, spendDay: 116_726, spendMonth: 3_501_810 });
  });

  it('FOL-03 when the DG sets a figure from a date then it takes precedence from that date only', async () => {
    const res = await override({
      kind: 'spend_day',
      amount: 90_000,
      effectiveFrom: '2026-12-01',
      resolution: 'Resolución DG 000123 de 2026',
    });
    expect(res.statusCode).toBe(201);
    expect((await limits('2026-11-30')).json().spendDay).toBe(116_726);
    expect((await limits('2026-12-01')).json().spendDay).toBe(90_000);
    expect((await limits('2027-03-01')).json().spendDay).toBe(90_000);
  });

  it('FOL-03 when anyone but the DG sets a figure then 403 and nothing changes', async () => {
    const res = await override({ kind: 'deposit_month', amount: 1, effectiveFrom: '2026-01-01', resolution: 'x' }, ['director']);
    expect(res.statusCode).toBe(403);
    expect((await limits('2026-06-01')).json().depositMonth).toBe(3_501_810);
  });

  it('FOL-03 when a DG token narrowed to one establishment sets a national figure then 403 naming FOL-03, as classification refuses it for national acts, and nothing changes', async () => {
    const narrowed = { authorization: `Bearer ${tokenFor(['dg'], ['113'], 'dg-of-113', false)}` };
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/folio/limits/overrides',
      headers: narrowed,
      payload: { kind: 'deposit_month', amount: 9_000_000, effectiveFrom: '2026-01-01', resolution: 'Resolución DG 9' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ rule: 'FOL-03', article: 'Arts. 40 §1, 41', type: expect.stringMatching(/fol-03-dg-only$/) });
    expect((await limits('2026-06-01')).json().depositMonth).toBe(3_501_810);
    expect(await app.db.selectFrom('dg_overrides').selectAll().where('amount', '=', 9_000_000).execute()).toEqual([]);
  });

  it('PLT-04 when the figure is not a whole positive peso amount then 400 naming the field', async () => {
    const res = await override({ kind: 'spend_day', amount: 1500.5, effectiveFrom: '2026-12-01', resolution: 'R' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['/amount']);
  });
});
