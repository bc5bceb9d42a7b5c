import type { FastifyInstance } from 'fastify';
import type { WorkPayment } from '@eron/shared';
import { bearer as staff } from '@eron/shared/testing';
import { startFolio, type FolioWorld } from './support/folio.world';

let app: FastifyInstance;
let w: FolioWorld;
beforeAll(async () => {
  w = await startFolio();
  app = w.app;
});
afterAll(async () => w.close());

const paymaster = (eron = '113') => staff(['paymaster'], [eron]);
const pay = (body: object, headers: Record<string, string> = paymaster(), key?: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/folio/work-payments',
    headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) },
    payload: body,
  });
const authorise = (nui: string, authorised: boolean, headers: Record<string, string> = paymaster()) =>
  app.inject({
    method: 'PUT',
    url: `/api/v1/folio/accounts/${nui}/savings-authorisation`,
    headers,
    payload: { authorised, document: 'Autorización firmada 17' },
  });
const workPay = (nui: string, amount: number, month = '2026-10') => ({
  nui,
  month,
  amount,
  workFront: 'Panadería',
  payrollReference: 'PL-2026-10',
});
const seize = (body: object, headers: Record<string, string> = paymaster(), key?: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/folio/seizures',
    headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) },
    payload: body,
  });

describe('FOL-11 work pay', () => {
  it('FOL-11 when the PPL has not authorised saving then 10 % goes to the Caja Especial and the rest is available, in whole pesos adding up', async () => {
    const nui = await w.admit();
    const cajaBefore = await w.eronBalance('113', 'caja_especial');
    const res = await pay(workPay(nui, 1_234_567), paymaster(), 'work-pay-key-1');
    expect(res.statusCode).toBe(201);
    const body = res.json<WorkPayment>();
    expect(body).toMatchObject({
      nui,
      eron: '113',
      month: '2026-10',
      amount: 1_234_567,
      cajaEspecial: 123_457,
      savings: 0,
      available: 1_111_110,
    });
    expect(await w.balances(nui)).toEqual({ available: 1_111_110, savings: 0, seized: 0 });
    expect((await w.eronBalance('113', 'caja_especial')) - cajaBefore).toBe(123_457);
    const postings = await app.db.selectFrom('postings').select('amount').where('transaction_id', '=', body.transactionId).execute();
    expect(postings.map((p: { amount: number }) => p.amount).sort((a: number, b: number) => a - b)).toEqual([
      -1_234_567, 123_457, 1_111_110,
    ]);
    await w.ledgerAddsUp();
  });

  it('FOL-11 when the PPL authorised saving then another 10 % goes to savings and rounding still adds up to the total', async () => {
    const nui = await w.admit();
    const auth = await authorise(nui, true);
    expect(auth.statusCode).toBe(200);
    expect(auth.json()).toMatchObject({ nui, authorised: true });
    const res = await pay(workPay(nui, 333_335));
    expect(res.json()).toMatchObject({ cajaEspecial: 33_334, savings: 33_334, available: 266_667 });
    expect(await w.balances(nui)).toEqual({ available: 266_667, savings: 33_334, seized: 0 });
    // Withdrawing the authorisation stops the savings part from the next month on.
    await authorise(nui, false);
    expect((await pay(workPay(nui, 100_000, '2026-11'))).json()).toMatchObject({ cajaEspecial: 10_000, savings: 0, available: 90_000 });
    await w.ledgerAddsUp();
  });

  it('FOL-11 when the month is paid again then the key replays, another request is refused 409 and nothing moves twice', async () => {
    const nui = await w.admit();
    const first = await pay(workPay(nui, 50_000), paymaster(), 'work-pay-key-2');
    const replay = await pay(workPay(nui, 50_000), paymaster(), 'work-pay-key-2');
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    const again = await pay(workPay(nui, 50_000), paymaster(), 'work-pay-key-3');
    expect(again.statusCode).toBe(409);
    expect(again.json().rule).toBe('FOL-11');
    expect(await w.balances(nui)).toEqual({ available: 45_000, savings: 0, seized: 0 });
    expect(await app.db.selectFrom('work_payments').select('id').where('nui', '=', nui).execute()).toHaveLength(1);
  });

  it('FOL-11 when the input is bad, the month is future, or the caller lacks role or scope then refused and nothing changes', async () => {
    const nui = await w.admit();
    const bad = await pay({ nui: 'x1', month: '2026-13', amount: 0, workFront: '', extra: 1 });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['/nui', '/month', '/amount', '/workFront']));
    const future = await pay(workPay(nui, 10_000, '2099-01'));
    expect(future.statusCode).toBe(422);
    expect(future.json()).toMatchObject({ rule: 'FOL-11', article: 'Art. 120' });
    expect((await pay(workPay(nui, 10_000), {})).statusCode).toBe(401);
    expect((await pay(workPay(nui, 10_000), staff(['shop_clerk'], ['113']))).statusCode).toBe(403);
    expect((await pay(workPay(nui, 10_000), paymaster('114'))).statusCode).toBe(403);
    expect((await pay(workPay('9999999', 10_000))).statusCode).toBe(404);
    expect((await authorise(nui, true, paymaster('114'))).statusCode).toBe(403);
    expect((await authorise(nui, true, staff(['shop_clerk'], ['113']))).statusCode).toBe(403);
    expect(await w.balances(nui)).toEqual({ available: 0, savings: 0, seized: 0 });
    expect(await app.db.selectFrom('ledger_transactions').select('id').where('nui', '=', nui).execute()).toHaveLength(0);
  });
});

describe('FOL-12 seized cash', () => {
  it('FOL-12 when cash is found on a known PPL then it is recorded against them, apart from what they can spend', async () => {
    const nui = await w.admit({ eron: '113', cash: 20_000 });
    const res = await seize({ eron: '113', nui, amount: 45_000, actaNumber: `OP-${nui}` }, paymaster(), `seize-${nui}`);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ nui, amount: 45_000, account: 'ppl_seized' });
    expect(await w.balances(nui)).toEqual({ available: 20_000, savings: 0, seized: 45_000 });
    const again = await seize({ eron: '113', nui, amount: 45_000, actaNumber: `OP-${nui}` }, paymaster(), `seize-other-${nui}`);
    expect(again.statusCode).toBe(409);
    expect(await w.balances(nui)).toEqual({ available: 20_000, savings: 0, seized: 45_000 });
    await w.ledgerAddsUp();
  });

  it('FOL-12 when the owner is unknown then the cash goes to the establishment’s unknown-owner account', async () => {
    const before = await w.eronBalance('113', 'unknown_owner_cash');
    const res = await seize({ eron: '113', ownerUnknown: true, amount: 12_000, actaNumber: 'OP-UNK-1' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ nui: null, account: 'unknown_owner_cash' });
    expect((await w.eronBalance('113', 'unknown_owner_cash')) - before).toBe(12_000);
  });

  it('FOL-12 when the owner is both or neither, the input is bad or the caller is out of scope then refused', async () => {
    const nui = await w.admit();
    expect((await seize({ eron: '113', amount: 1_000, actaNumber: 'OP-X' })).statusCode).toBe(400);
    expect((await seize({ eron: '113', nui, ownerUnknown: true, amount: 1_000, actaNumber: 'OP-X' })).statusCode).toBe(400);
    const bad = await seize({ eron: '11', nui, amount: -5, actaNumber: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['/eron', '/amount', '/actaNumber']));
    expect((await seize({ eron: '114', nui, amount: 1_000, actaNumber: 'OP-Y' }, paymaster('114'))).statusCode).toBe(403);
    expect((await seize({ eron: '113', nui, amount: 1_000, actaNumber: 'OP-Y' }, staff(['gate_officer'], ['113']))).statusCode).toBe(403);
    expect((await seize({ eron: '113', nui, amount: 1_000, actaNumber: 'OP-Y' }, {})).statusCode).toBe(401);
    expect(await w.balances(nui)).toEqual({ available: 0, savings: 0, seized: 0 });
  });
});
