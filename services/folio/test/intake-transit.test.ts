import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { bogotaToday, type Payout, type Settlement } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import { startFolio, type FolioWorld } from './support/folio.world';

/**
 * Intake cash (CLS-10, Art. 28) and transit (CLS-20, Arts. 171, 178) as folio sees them: the
 * events are published as classification publishes them.
 *
 * Decisions (issue 9): intake cash is booked under the person's NUI (never reused), so a reused
 * acta number can never stop the Folio from opening; it is pending — shown, not spendable —
 * until the paymaster's receipt with the act's three signatures; an amount above the configured
 * ceiling is flagged for review on the account. While in transit no use of the Folio is allowed:
 * a 409 naming CLS-20.
 */
let w: FolioWorld;
let app: FastifyInstance;
const CEILING = 1_500_000;

beforeAll(async () => {
  w = await startFolio({ config: { INTAKE_CASH_REVIEW_CEILING: CEILING } });
  app = w.app;
});
afterAll(async () => w.close());

const paymaster = (eron = '113') => bearer(['paymaster'], [eron]);
const clerk = (eron = '113') => bearer(['shop_clerk'], [eron]);
const account = async (nui: string, eron = '113') =>
  (await app.inject({ method: 'GET', url: `/api/v1/folio/accounts/${nui}`, headers: paymaster(eron) })).json();
const post = (url: string, payload: object, headers: Record<string, string>) =>
  app.inject({ method: 'POST', url: `/api/v1/folio${url}`, headers, payload });
const owed = async (nui: string, eron = '113') =>
  (await app.inject({ method: 'GET', url: `/api/v1/folio/accounts/${nui}/exit-settlements`, headers: paymaster(eron) })).json<{
    payouts: Payout[];
    settlements: Settlement[];
  }>();
const withdrawal = (nui: string, amount: number) => ({ nui, use: 'productive_project', amount, receiptNumber: 'PP-1', project: 'Taller' });
const admission = (nui: string, amount: number, actaNumber: string, eron = '113') => ({
  nui,
  eron,
  legalStatus: 'condenado' as const,
  sex: 'M' as const,
  admittedAt: new Date().toISOString(),
  cashAtIntake: { amount, actaNumber, searchDate: '2026-11-24' },
});
const receipt = (nui: string, amount: number, actaNumber: string, eron = '113') => ({
  nui,
  eron,
  amount,
  actaNumber,
  receivedOn: '2026-11-25',
});

describe('CLS-10 intake cash in the Folio', () => {
  it('CLS-10 when two admissions of one establishment carry the same acta number then both Folios open and each cash is booked once', async () => {
    const [a, b] = [w.nextNui(), w.nextNui()];
    await w.deliver('ppl.admitted', admission(a, 30_000, 'ACTA-DUP-1'));
    await w.deliver('ppl.admitted', admission(b, 45_000, 'ACTA-DUP-1'));
    await w.deliver('intake-cash.received', receipt(a, 30_000, 'ACTA-DUP-1'));
    await w.deliver('intake-cash.received', receipt(b, 45_000, 'ACTA-DUP-1'));
    expect(await account(a)).toMatchObject({ status: 'open', available: 30_000, pending: 0 });
    expect(await account(b)).toMatchObject({ status: 'open', available: 45_000, pending: 0 });
    const txs = await app.db.selectFrom('ledger_transactions').select(['nui', 'kind']).where('nui', 'in', [a, b]).execute();
    expect(txs.sort((x, y) => x.nui!.localeCompare(y.nui))).toEqual([
      { nui: a, kind: 'intake_cash' },
      { nui: b, kind: 'intake_cash' },
    ]);
    await w.ledgerAddsUp();
  });

  it('CLS-10 when the admission is consumed then the intake cash is pending: no use of the Folio may spend it until the paymaster receives it', async () => {
    const untouched = await w.eronBalance('113', 'paymaster');
    const nui = await w.admit({ cash: 80_000, received: false });
    expect(await account(nui)).toMatchObject({
      available: 0,
      pending: 80_000,
      intakeCash: { amount: 80_000, actaNumber: `A-${nui}`, status: 'pending', receivedOn: null, flaggedForReview: false },
    });
    const refused = await post('/withdrawals', withdrawal(nui, 10_000), paymaster());
    expect(refused.statusCode).toBe(422);
    expect(refused.json().rule).toBe('FOL-02');
    // Pending books nothing: the paymaster's account has not moved.
    const before = await w.eronBalance('113', 'paymaster');
    expect(before).toBe(untouched);

    await w.deliver('intake-cash.received', receipt(nui, 80_000, `A-${nui}`));
    expect(await account(nui)).toMatchObject({
      available: 80_000,
      pending: 0,
      intakeCash: { status: 'available', receivedOn: '2026-11-25' },
    });
    expect(await w.eronBalance('113', 'paymaster')).toBe(before - 80_000);
    expect((await post('/withdrawals', withdrawal(nui, 10_000), paymaster())).statusCode).toBe(201);
  });

  it('CLS-10 when the receipt arrives before the admission then the cash becomes available once both are in, once', async () => {
    const nui = w.nextNui();
    await w.deliver('intake-cash.received', receipt(nui, 25_000, 'ACTA-EARLY'));
    await w.deliver('ppl.admitted', admission(nui, 25_000, 'ACTA-EARLY'));
    expect(await account(nui)).toMatchObject({ available: 25_000, pending: 0 });
    expect(await app.db.selectFrom('ledger_transactions').select('kind').where('nui', '=', nui).execute()).toEqual([
      { kind: 'intake_cash' },
    ]);
  });

  it('CLS-10 when the intake cash is above the configured ceiling then the account flags it for review', async () => {
    const big = await w.admit({ cash: CEILING + 1, received: false });
    const small = await w.admit({ cash: CEILING, received: false });
    expect((await account(big)).intakeCash).toMatchObject({ amount: CEILING + 1, flaggedForReview: true });
    expect((await account(small)).intakeCash).toMatchObject({ amount: CEILING, flaggedForReview: false });
  });

  it('CLS-10 when the person was transferred before the cash was received then the current establishment’s paymaster books it', async () => {
    const nui = await w.admit({ cash: 60_000, received: false });
    const moved = await w.transfer(nui, '113', '114');
    await w.applied(moved.id);
    const before = await w.eronBalance('114', 'paymaster');
    await w.deliver('intake-cash.received', receipt(nui, 60_000, `A-${nui}`, '114'));
    expect(await account(nui, '114')).toMatchObject({ eron: '114', available: 60_000, pending: 0 });
    const tx = await app.db.selectFrom('ledger_transactions').select(['eron', 'kind']).where('nui', '=', nui).execute();
    expect(tx).toEqual([{ eron: '114', kind: 'intake_cash' }]);
    expect(await w.eronBalance('114', 'paymaster')).toBe(before - 60_000);
  });

  /**
   * Decision (issue 9): a receipt recorded after the exit still records the cash (the act's three
   * signatures) and the paymaster owes it to the person with the rest of the exit balance: it goes
   * from the paymaster's cash to the payouts due (FOL-14) — or, on death, escape or extradition, to
   * the settlement held for the persons the PPL authorised (FOL-15) — which grows by it and is due
   * again, so it is handed over by the same payout and the ledger keeps balancing. Never pending forever.
   */
  it('CLS-10 when the receipt arrives after the exit then the cash is booked once to the person’s payout, which is due again and handed over in full', async () => {
    const nui = await w.admit({ cash: 40_000, received: false });
    await w.applied((await w.exit(nui, '113', 'release')).id);
    const [closed] = (await owed(nui)).payouts;
    expect(closed).toMatchObject({ amount: 0, status: 'paid' });
    const [due, cash] = [await w.eronBalance('113', 'payouts_due'), await w.eronBalance('113', 'paymaster')];

    await w.deliver('intake-cash.received', receipt(nui, 40_000, `A-${nui}`));
    await w.deliver('intake-cash.received', receipt(nui, 40_000, `A-${nui}`));
    expect(await account(nui)).toMatchObject({
      status: 'closed',
      available: 0,
      pending: 0,
      intakeCash: { amount: 40_000, status: 'owed_on_exit', receivedOn: '2026-11-25' },
    });
    const [payout] = (await owed(nui)).payouts;
    expect(payout).toMatchObject({ id: closed!.id, amount: 40_000, available: 40_000, paid: 0, remaining: 40_000, status: 'due' });
    expect(await w.eronBalance('113', 'payouts_due')).toBe(due + 40_000);
    expect(await w.eronBalance('113', 'paymaster')).toBe(cash - 40_000);
    const kinds = await app.db.selectFrom('ledger_transactions').select(['kind', 'eron']).where('nui', '=', nui).execute();
    expect(kinds).toEqual([{ kind: 'intake_cash_after_exit', eron: '113' }]);

    const paid = await post(`/payouts/${payout!.id}/payment`, { method: 'cash', reference: 'CE-INT-1' }, paymaster());
    expect(paid.statusCode).toBe(200);
    expect(paid.json()).toMatchObject({ amount: 40_000, paid: 40_000, remaining: 0, status: 'paid' });
    expect(await w.eronBalance('113', 'payouts_due')).toBe(due);
    expect(await w.eronBalance('113', 'paymaster')).toBe(cash);
    await w.ledgerAddsUp();
  });

  it('CLS-10 when the receipt arrives after a death then the cash joins the settlement held for the persons the PPL authorised', async () => {
    const nui = await w.admit({ cash: 25_000, received: false });
    await w.applied((await w.exit(nui, '113', 'death')).id);
    const held = await w.eronBalance('113', 'settlements_held');
    await w.deliver('intake-cash.received', receipt(nui, 25_000, `A-${nui}`));
    expect((await account(nui)).intakeCash).toMatchObject({ status: 'owed_on_exit' });
    const [settlement] = (await owed(nui)).settlements;
    expect(settlement).toMatchObject({ amount: 25_000, paid: 0, remaining: 25_000, status: 'held', reason: 'death' });
    expect(await w.eronBalance('113', 'settlements_held')).toBe(held + 25_000);
    await w.ledgerAddsUp();
  });
});

describe('CLS-20 no use of the Folio in transit', () => {
  let soap: string;
  beforeAll(async () => {
    const res = await post('/shops/113/products', { sku: 'JAB-T', name: 'Jabón', unitCost: 2_000, price: 2_200 }, clerk());
    soap = res.json().id;
  });

  it('CLS-20 when the origin dispatched the person then neither establishment may spend the Folio (shop, phone, withdrawal) until reception', async () => {
    const nui = await w.admit({ cash: 100_000 });
    const transferId = randomUUID();
    await w.deliver('ppl.dispatched', { nui, transferId, fromEron: '113', toEron: '114' });
    const refused = [
      await post('/purchases', { nui, shop: '113', items: [{ productId: soap, quantity: 1 }] }, clerk()),
      await post('/phone-credits', { nui, line: '3001112233', amount: 5_000 }, clerk()),
      await post('/withdrawals', withdrawal(nui, 5_000), paymaster()),
      await post('/withdrawals', withdrawal(nui, 5_000), { ...paymaster(), 'idempotency-key': randomUUID() }),
    ];
    for (const res of refused) expect([res.statusCode, res.json().rule, res.json().article]).toEqual([409, 'CLS-20', 'Arts. 171, 178']);
    // The destination does not hold the Folio yet: its shop is refused too.
    expect((await post('/withdrawals', withdrawal(nui, 5_000), paymaster('114'))).statusCode).toBe(403);
    expect(await w.available(nui)).toBe(100_000);
    expect(await app.db.selectFrom('spend_uses').select('tx_id').where('nui', '=', nui).execute()).toEqual([]);

    await w.deliver('ppl.transferred', { nui, transferId, fromEron: '113', toEron: '114' });
    const after = await post('/withdrawals', withdrawal(nui, 5_000), paymaster('114'));
    expect(after.statusCode).toBe(201);
    expect(await w.available(nui)).toBe(95_000);
    await w.ledgerAddsUp();
  });

  it('CLS-20 when reception is seen before the dispatch then the late dispatch does not freeze the Folio', async () => {
    const nui = await w.admit({ cash: 20_000 });
    const transferId = randomUUID();
    await w.deliver('ppl.transferred', { nui, transferId, fromEron: '113', toEron: '114' });
    await w.deliver('ppl.dispatched', { nui, transferId, fromEron: '113', toEron: '114' });
    expect((await post('/withdrawals', withdrawal(nui, 5_000), paymaster('114'))).statusCode).toBe(201);
  });
});

describe('FOL-02 FOL-13 FOL-17 a reversal after a transfer', () => {
  /**
   * Decision: the establishment that holds the Folio now authorises the correction and its
   * paymaster credits the PPL; the shop that sold (at the origin) is debited and the origin's
   * paymaster sends the money on, as a transfer moves a balance — so each establishment's own
   * postings, and its FOL-17 report, keep adding up.
   */
  it('FOL-02 when a sale at the origin is reversed after the transfer then the destination authorises and credits the PPL, the origin’s shop is debited, and both FOL-17 reports reconcile', async () => {
    const product = await post('/shops/141/products', { sku: 'PAN-1', name: 'Pan', unitCost: 2_000, price: 2_200 }, clerk('141'));
    expect(product.statusCode).toBe(201);
    const nui = await w.admit({ cash: 50_000, eron: '141' });
    const sale = await post('/purchases', { nui, shop: '141', items: [{ productId: product.json().id, quantity: 3 }] }, clerk('141'));
    expect(sale.statusCode).toBe(201);
    const txId = sale.json().transactionId as string;
    const moved = await w.transfer(nui, '141', '142');
    await w.applied(moved.id);
    expect(await w.available(nui)).toBe(43_400);

    const reverse = (eron: string) => post(`/uses/${txId}/reversal`, { reason: 'Producto vencido' }, paymaster(eron));
    expect((await reverse('141')).statusCode).toBe(403);
    const res = await reverse('142');
    expect(res.statusCode).toBe(201);
    expect(await w.available(nui)).toBe(50_000);
    expect(await w.eronBalance('141', 'shop')).toBe(0);
    const booked = await app.db
      .selectFrom('ledger_transactions')
      .select(['kind', 'eron', 'reverses'])
      .where('nui', '=', nui)
      .where('kind', 'in', ['reversal', 'reversal_transfer_in'])
      .orderBy('kind')
      .execute();
    expect(booked).toEqual([
      { kind: 'reversal', eron: '141', reverses: txId },
      { kind: 'reversal_transfer_in', eron: '142', reverses: null },
    ]);

    const today = bogotaToday();
    const report = async (eron: string) =>
      (
        await app.inject({
          method: 'GET',
          url: `/api/v1/folio/establishments/${eron}/reports/daily?date=${today}`,
          headers: bearer(['director'], [eron]),
        })
      ).json();
    const [origin, destination] = [await report('141'), await report('142')];
    expect(origin.reconciliation).toMatchObject({ reconciles: true, heldFromPostings: 0, heldFromBalances: 0, mismatches: [] });
    expect(origin.balancesHeld).toMatchObject({ closing: 0 });
    expect(destination.reconciliation).toMatchObject({
      reconciles: true,
      heldFromPostings: 50_000,
      heldFromBalances: 50_000,
      mismatches: [],
    });
    expect(destination.balancesHeld).toMatchObject({ closing: 50_000 });
    await w.ledgerAddsUp();
  });
});
