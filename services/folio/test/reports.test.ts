import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { bearer as staff, eventually } from '@eron/shared/testing';
import { addDays, bogotaMonth, bogotaToday, type EstablishmentReport } from '@eron/shared';
import { monthBounds, shopAccountsDue } from '../src/reports/period.rules';
import { asobancariaFile } from './support/asobancaria';
import { cc, setDepositors } from './support/depositors';
import { startFolio, type FolioWorld } from './support/folio.world';

let app: FastifyInstance;
let w: FolioWorld;
beforeAll(async () => {
  w = await startFolio();
  app = w.app;
});
afterAll(async () => w.close());

const today = bogotaToday();
const director = (eron: string) => staff(['director'], [eron]);
const get = (url: string, headers: Record<string, string>) => app.inject({ method: 'GET', url, headers });

const paymaster = (eron: string) => staff(['paymaster'], [eron]);
const clerk = (eron: string) => staff(['shop_clerk'], [eron]);
const post = (url: string, payload: object, headers: Record<string, string>) => app.inject({ method: 'POST', url, headers, payload });

let op = 600_000 + Math.floor(Math.random() * 100_000);
let depSeq = 31_400_000;
/** A depositor the PPL authorised through the API (FOL-05). */
async function authorisedDepositor(nui: string, eron: string) {
  depSeq += 1;
  expect((await setDepositors(app, nui, [cc(depSeq)], eron)).statusCode).toBe(201);
  return cc(depSeq);
}
/** A deposit as the bank notifies it (FOL-06 a). */
async function deposit(nui: string, amount: number, depositor: { type: 'CC'; number: string }) {
  op += 1;
  const res = await w.bank.notify({
    operationNumber: String(op),
    nui,
    depositor,
    amount,
    paidAt: new Date().toISOString(),
    bankCode: '007',
  });
  return res.body as { result: string };
}
/** A file line whose depositor cannot be known (the default reference layout): held, then decided by the paymaster (FOL-06 b). */
async function heldThenCredited(nui: string, eron: string, pesos: number, depositor: { type: 'CC'; number: string }) {
  const payload = asobancariaFile({ collectionDate: addDays(today, -1), lots: [[{ nui, pesos }]] });
  const up = await app.inject({
    method: 'POST',
    url: '/api/v1/folio/recaudo/files',
    headers: { ...paymaster(eron), 'content-type': 'text/plain' },
    payload,
  });
  expect(up.statusCode).toBe(202);
  const heldOf = async () =>
    (await get(`/api/v1/folio/recaudo/deposits?status=held&eron=${eron}`, paymaster(eron)))
      .json()
      .deposits.find((d: { nui: string }) => d.nui === nui) as { id: string } | undefined;
  const held = await eventually(heldOf, 15_000, 'the held line');
  const decided = await post(
    `/api/v1/folio/recaudo/deposits/${held.id}/review`,
    { decision: 'credit', depositor, reason: 'Soporte del banco' },
    paymaster(eron),
  );
  expect(decided.json()).toMatchObject({ status: 'credited' });
}
/** A product on the shop's list (FOL-09) and a sale of it through the Folio. */
async function product(eron: string, sku: string, unitCost: number, price: number): Promise<string> {
  const res = await post(`/api/v1/folio/shops/${eron}/products`, { sku, name: sku, unitCost, price }, clerk(eron));
  expect(res.statusCode).toBe(201);
  return res.json().id;
}
async function sale(nui: string, eron: string, productId: string, quantity: number): Promise<string> {
  const res = await post('/api/v1/folio/purchases', { nui, shop: eron, items: [{ productId, quantity }] }, clerk(eron));
  expect(res.statusCode).toBe(201);
  return res.json().transactionId;
}

describe('FOL-17 establishment reports', () => {
  it('FOL-17 when the day is reported then deposits (a reviewed one too), shop, Caja Especial and balances held come from the ledger and reconcile', async () => {
    const a = await w.admit({ eron: '131', cash: 10_000 });
    const b = await w.admit({ eron: '131' });
    const da = await authorisedDepositor(a, '131');
    const db = await authorisedDepositor(b, '131');
    expect(await deposit(a, 200_000, da)).toMatchObject({ result: 'credited' });
    expect(await deposit(b, 50_000, db)).toMatchObject({ result: 'credited' });
    expect(await deposit(b, 80_000, cc(79_000_001))).toMatchObject({ result: 'rejected' });
    await heldThenCredited(b, '131', 25_000, db);
    await sale(a, '131', await product('131', 'R-JAB', 1_000, 1_100), 3);
    const work = await post(
      '/api/v1/folio/work-payments',
      { nui: b, month: '2026-10', amount: 100_000, workFront: 'Aseo', payrollReference: 'P-1' },
      paymaster('131'),
    );
    expect(work.statusCode).toBe(201);
    await w.applied((await w.transfer(a, '131', '132')).id);

    const res = await get(`/api/v1/folio/establishments/131/reports/daily?date=${today}`, director('131'));
    expect(res.statusCode).toBe(200);
    const r = res.json<EstablishmentReport>();
    expect(r.deposits).toEqual([{ date: today, received: 275_000, receivedCount: 3, rejected: 80_000, rejectedCount: 1 }]);
    expect(r.shop).toEqual({ sales: 3_300, salesCount: 1, returns: 0, costOfGoods: 3_000, profit: 300, cajaEspecialShare: 0 });
    expect(r.cajaEspecial.movements.map((m) => [m.kind, m.amount])).toEqual([['work_pay', 10_000]]);
    expect(r.cajaEspecial).toMatchObject({ opening: 0, closing: 10_000 });
    // a left for 132 with 10 000 + 200 000 − 3 300; b holds 50 000 + 25 000 + 90 000.
    expect(r.balancesHeld).toMatchObject({ opening: 0, closing: 165_000 });
    const held = await sql<{ s: string }>`SELECT sum(balance) AS s FROM ledger_accounts WHERE eron = '131' AND nui IS NOT NULL`.execute(
      app.db,
    );
    expect(Number(held.rows[0]?.s)).toBe(165_000);
    expect(r.reconciliation).toMatchObject({ reconciles: true, heldFromPostings: 165_000, heldFromBalances: 165_000, mismatches: [] });
    const dest = (
      await get(`/api/v1/folio/establishments/132/reports/monthly?month=${bogotaMonth()}`, director('132'))
    ).json<EstablishmentReport>();
    expect(dest.balancesHeld.closing).toBe(206_700);
    expect(dest.reconciliation.reconciles).toBe(true);
    expect(dest.balancesHeld.movements).toEqual([{ kind: 'transfer_in', count: 1, amount: 206_700 }]);
  });

  it('FOL-17 FOL-09 when sales are made and one is returned then profit is sales less returns less the catalogue cost of what stayed sold, as the shop month says', async () => {
    const nui = await w.admit({ eron: '135', cash: 100_000 });
    const soap = await product('135', 'R-SOAP', 1_000, 1_100);
    const rice = await product('135', 'R-RICE', 4_000, 4_400);
    await sale(nui, '135', soap, 2);
    const returned = await sale(nui, '135', rice, 1);
    const reversal = await post(`/api/v1/folio/uses/${returned}/reversal`, { reason: 'devuelto' }, paymaster('135'));
    expect(reversal.statusCode).toBe(201);
    const r = (await get(`/api/v1/folio/establishments/135/reports/daily?date=${today}`, director('135'))).json<EstablishmentReport>();
    expect(r.shop).toEqual({ sales: 6_600, salesCount: 2, returns: 4_400, costOfGoods: 2_000, profit: 200, cajaEspecialShare: 0 });
    const month = (await get(`/api/v1/folio/shops/135/months/${bogotaMonth()}`, director('135'))).json();
    expect(month).toMatchObject({ sales: 2_200, costOfGoods: 2_000, profit: 200 });
  });

  it('FOL-17 when the month is reported then it adds up with the days, and an earlier month is empty and reconciles', async () => {
    const monthly = (
      await get(`/api/v1/folio/establishments/131/reports/monthly?month=${bogotaMonth()}`, director('131'))
    ).json<EstablishmentReport>();
    expect(monthly.period).toEqual(monthBounds(bogotaMonth()));
    expect(monthly.balancesHeld.opening + monthly.balancesHeld.movements.reduce((s, m) => s + m.amount, 0)).toBe(
      monthly.balancesHeld.closing,
    );
    expect(monthly.reconciliation.reconciles).toBe(true);
    const earlier = (
      await get('/api/v1/folio/establishments/131/reports/monthly?month=2026-01', director('131'))
    ).json<EstablishmentReport>();
    expect(earlier).toMatchObject({ deposits: [], balancesHeld: { opening: 0, closing: 0 }, reconciliation: { reconciles: true } });
  });

  it('FOL-17 when an account balance no longer matches its postings then the report says it does not reconcile', async () => {
    const c = await w.admit({ eron: '133', cash: 40_000 });
    expect(
      (await get(`/api/v1/folio/establishments/133/reports/daily?date=${today}`, director('133'))).json().reconciliation.reconciles,
    ).toBe(true);
    await sql`UPDATE ledger_accounts SET balance = balance + 1 WHERE nui = ${c} AND kind = 'ppl_available'`.execute(app.db);
    const r = (await get(`/api/v1/folio/establishments/133/reports/daily?date=${today}`, director('133'))).json<EstablishmentReport>();
    expect(r.reconciliation.reconciles).toBe(false);
    expect(r.reconciliation.mismatches).toEqual([{ account: `${c}/ppl_available`, postings: 40_000, balance: 40_001 }]);
    expect(c).toBeTruthy();
  });

  it('FOL-17 when reports are asked without role, out of scope or with bad input then refused', async () => {
    const url = `/api/v1/folio/establishments/131/reports/daily?date=${today}`;
    expect((await get(url, {})).statusCode).toBe(401);
    expect((await get(url, staff(['shop_clerk'], ['131']))).statusCode).toBe(403);
    expect((await get(url, director('132'))).statusCode).toBe(403);
    expect((await get(url, staff(['auditor']))).statusCode).toBe(200);
    expect((await get('/api/v1/folio/establishments/131/reports/daily?date=2026-11-31x', director('131'))).statusCode).toBe(400);
    expect((await get('/api/v1/folio/establishments/131/reports/monthly?month=2026-13', director('131'))).statusCode).toBe(400);
    expect((await get('/api/v1/folio/establishments/1x1/reports/monthly?month=2026-10', director('131'))).statusCode).toBe(400);
  });
});

it('PLT-18 FOL-17 when a month of year 0000 (which Postgres has not) is asked for then 400, never a 500', async () => {
  const month = '/api/v1/folio/establishments/131/reports/monthly?month=0000-10';
  expect((await get(month, director('131'))).statusCode).toBe(400);
  const shop = '/api/v1/folio/shops/131/months/0000-10';
  expect((await get(shop, staff(['shop_clerk'], ['131']))).statusCode).toBe(400);
});

describe('FOL-17 shop accounts (Art. 128)', () => {
  it('FOL-17 when the month ends then its accounts are due by the 5th calendar day of the next month', () => {
    expect(shopAccountsDue('2026-02')).toBe('2026-03-05');
    expect(shopAccountsDue('2026-12')).toBe('2027-01-05');
  });

  /**
   * The sales are made through the API, now; folio's clock (src/clock.ts) is then set to instants
   * of the next month, Bogotá time, so the due date's boundary is tested whatever the wall clock's
   * date or time of day: on the 5th at 23:59 not yet overdue, from the 6th at 00:00 overdue.
   */
  it('FOL-17 when a month with shop sales is not submitted by the 5th then it is flagged overdue; submitting late keeps the flag, on time does not', async () => {
    const soldIn = async (eron: string) => {
      const product = await post(
        `/api/v1/folio/shops/${eron}/products`,
        { sku: `SA-${eron}`, name: 'Jabón', unitCost: 3_000, price: 3_000 },
        clerk(eron),
      );
      expect(product.statusCode).toBe(201);
      const nui = await w.admit({ eron, cash: 50_000 });
      const sale = await post(
        '/api/v1/folio/purchases',
        { nui, shop: eron, items: [{ productId: product.json().id, quantity: 3 }] },
        clerk(eron),
      );
      expect(sale.statusCode).toBe(201);
      const tx = await w.db
        .selectFrom('ledger_transactions')
        .select('created_at')
        .where('id', '=', sale.json().transactionId)
        .executeTakeFirstOrThrow();
      return bogotaMonth(tx.created_at);
    };
    const month = await soldIn('134');
    const onTime = await soldIn('135');
    expect(onTime).toBe(month);
    const [y, m] = month.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    const at = (date: string, time: string) => new Date(`${date}T${time}-05:00`);
    const list = async (eron = '134', headers = director(eron)) =>
      get(`/api/v1/folio/establishments/${eron}/shop-accounts?year=${y}`, headers);
    const monthOf = async (eron = '134') => (await list(eron)).json().months.find((x: { month: string }) => x.month === month);
    const url = (eron = '134', mon = month) => `/api/v1/folio/establishments/${eron}/shop-accounts/${mon}/submission`;
    const body = { submittedTo: 'regional_finance', reference: 'Oficio 2026-7781' };
    try {
      // Within the month itself its accounts are not due yet, and cannot be sent.
      w.setNow(at(`${month}-28`, '12:00:00'));
      expect(await monthOf()).toMatchObject({ sales: 9_000, due: true, overdue: false, dueDate: `${next}-05` });
      const current = await app.inject({ method: 'POST', url: url(), headers: director('134'), payload: body });
      expect(current.statusCode).toBe(422);
      expect(current.json()).toMatchObject({ rule: 'FOL-17', article: 'Art. 128' });

      w.setNow(at(`${next}-05`, '23:59:00'));
      const first = await list();
      expect(first.statusCode).toBe(200);
      expect(first.json().months.find((x: { month: string }) => x.month === month)).toMatchObject({
        sales: 9_000,
        due: true,
        submittedAt: null,
        overdue: false,
        dueDate: shopAccountsDue(month),
      });
      const sentOnTime = await app.inject({ method: 'POST', url: url('135'), headers: director('135'), payload: body });
      expect(sentOnTime.json()).toMatchObject({ month, overdue: false, submittedAt: at(`${next}-05`, '23:59:00').toISOString() });

      w.setNow(at(`${next}-06`, '00:00:00'));
      const before = (await list()).json();
      expect(before.months.find((x: { month: string }) => x.month === month)).toMatchObject({
        sales: 9_000,
        due: true,
        submittedAt: null,
        overdue: true,
        dueDate: shopAccountsDue(month),
      });
      expect(before.months.filter((x: { due: boolean }) => !x.due).every((x: { overdue: boolean }) => !x.overdue)).toBe(true);
      expect(await monthOf('135')).toMatchObject({ overdue: false, submittedTo: 'regional_finance' });

      expect((await app.inject({ method: 'POST', url: url(), headers: staff(['paymaster'], ['134']), payload: body })).statusCode).toBe(
        403,
      );
      expect((await app.inject({ method: 'POST', url: url(), headers: director('131'), payload: body })).statusCode).toBe(403);
      expect(
        (await app.inject({ method: 'POST', url: url(), headers: director('134'), payload: { submittedTo: 'nowhere' } })).statusCode,
      ).toBe(400);
      const sent = await app.inject({
        method: 'POST',
        url: url(),
        headers: { ...director('134'), 'idempotency-key': `shop-${month}-134-${randomUUID()}` },
        payload: body,
      });
      expect(sent.statusCode).toBe(201);
      expect(sent.json()).toMatchObject({ month, overdue: true, submittedAt: at(`${next}-06`, '00:00:00').toISOString() });
      expect((await app.inject({ method: 'POST', url: url(), headers: director('134'), payload: body })).statusCode).toBe(409);

      w.setNow(at(`${next}-20`, '09:00:00'));
      const after = (await list('134', staff(['auditor']))).json();
      expect(after.months.find((x: { month: string }) => x.month === month)).toMatchObject({
        submittedTo: 'regional_finance',
        overdue: true,
      });
      expect(await monthOf('135')).toMatchObject({ overdue: false });
      expect((await list('134', staff(['paymaster'], ['131']))).statusCode).toBe(403);
    } finally {
      w.setNow(null);
    }
  });
});
