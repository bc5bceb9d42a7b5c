import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { bogotaToday, type ExitReason, type Payout, type Settlement } from '@eron/shared';
import { bearer, eventually } from '@eron/shared/testing';
import type { EronAccountKind } from '../src/db';
import { runPhoneSweep } from '../src/spending/phone.jobs';
import { holdCredit } from '../src/spending/phone.use-cases';
import { recharge } from '../src/spending/telephony.client';
import { runtime } from '../src/runtime';
import { startFolio, type FolioWorld } from './support/folio.world';
import { FakeTelephony } from './support/fake-telephony';

const provider = new FakeTelephony();

let app: FastifyInstance;
let world: FolioWorld;
beforeAll(async () => {
  const url = await provider.start();
  world = await startFolio({
    config: {
      TELEPHONY_URL: url,
      TELEPHONY_KEY_ID: 'eron-folio',
      TELEPHONY_SECRET: 'telephony-test-secret',
      TELEPHONY_TIMEOUT_MS: 300,
      // The sweeps below are run directly; the timer would race them for the same rows.
      PHONE_HOLD_TIMEOUT_MS: 60_000,
      PHONE_SWEEP_INTERVAL_MS: 0,
    },
  });
  app = world.app;
});
afterAll(async () => {
  await world.close();
  await provider.stop();
});
const admit = (cash: number, eron = '113') => world.admit({ cash, eron });
const available = (nui: string) => world.available(nui);

const clerk = (eron = '113') => bearer(['shop_clerk'], [eron]);
const credit = (body: object, headers: Record<string, string> = clerk()) =>
  app.inject({ method: 'POST', url: '/api/v1/folio/phone-credits', headers, payload: body });
const spentToday = async (nui: string) =>
  (await app.inject({ method: 'GET', url: `/api/v1/folio/accounts/${nui}/caps`, headers: bearer(['paymaster'], ['113']) })).json().day
    .spent;
const eronBalance = async (kind: string) =>
  (await app.db.selectFrom('account_balances').select('balance').where('eron', '=', '113').where('kind', '=', kind).executeTakeFirst())
    ?.balance ?? 0;
const holdBalance = () => eronBalance('phone_hold');

beforeEach(() => {
  provider.mode = 'ok';
});

describe('FOL-10 phone credit through the provider', () => {
  it('FOL-10 when the provider confirms then the PPL is charged, the money goes to providers, and it counts toward the caps', async () => {
    const nui = await admit(50_000);
    const res = await credit({ nui, line: '3001112233', amount: 10_000 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ nui, amount: 10_000, status: 'confirmed', after: { available: 40_000 } });
    expect(provider.loaded.get(res.json().id)).toMatchObject({ line: '3001112233', amount: 10_000 });
    expect(await available(nui)).toBe(40_000);
    expect(await spentToday(nui)).toBe(10_000);
    expect(await holdBalance()).toBe(0);
  });

  it('FOL-10 when the provider fails then nothing is charged and the caps are restored', async () => {
    const nui = await admit(50_000);
    provider.mode = 'fail';
    const res = await credit({ nui, line: '3001112233', amount: 10_000 });
    expect(res.statusCode).toBe(502);
    expect(res.json().rule).toBe('FOL-10');
    expect(await available(nui)).toBe(50_000);
    expect(await spentToday(nui)).toBe(0);
    expect(await holdBalance()).toBe(0);
  });

  it('FOL-10 when the provider times out then the reference is cancelled with it and the PPL is not charged', async () => {
    const nui = await admit(50_000);
    provider.mode = 'timeout';
    const res = await credit({ nui, line: '3001112233', amount: 7_000 });
    expect(res.statusCode).toBe(502);
    const row = await app.db.selectFrom('phone_credits').selectAll().where('nui', '=', nui).executeTakeFirstOrThrow();
    expect(row.status).toBe('released');
    expect(provider.cancelled.has(row.id)).toBe(true);
    // The provider was still working on it when we gave up; its answer comes after our response.
    expect(provider.loaded.has(row.id)).toBe(false);
    expect(await provider.lateAnswer(row.id)).toEqual({ loaded: false, heard: false });
    expect(provider.loaded.has(row.id)).toBe(false);
    expect(await credit_(row.id)).toEqual(row);
    expect(await available(nui)).toBe(50_000);
    expect(await spentToday(nui)).toBe(0);
    expect(await holdBalance()).toBe(0);
    const released = await app.db.selectFrom('audit_log').select(['action', 'details']).where('entity_id', '=', row.id).execute();
    expect(released).toEqual([
      { action: 'release-phone-credit', details: { nui, amount: 7_000, reason: 'provider timed out', owedTo: null } },
    ]);
  });

  it('FOL-10 when the provider answers late and the sweeper asks later then the late answer changes nothing: released once, never charged', async () => {
    const nui = await admit(50_000);
    provider.mode = 'timeout';
    const res = await credit({ nui, line: '3001112233', amount: 3_000 });
    expect(res.statusCode).toBe(502);
    const row = await app.db.selectFrom('phone_credits').selectAll().where('nui', '=', nui).executeTakeFirstOrThrow();
    expect((await provider.lateAnswer(row.id)).loaded).toBe(false);
    provider.mode = 'ok';
    expect(await sweep()).toEqual(nothing);
    expect(await credit_(row.id)).toEqual(row);
    expect(await available(nui)).toBe(50_000);
  });

  it('FOL-10 when the same request comes twice then the provider loads once and the PPL is charged once', async () => {
    const nui = await admit(50_000);
    const headers = { ...clerk(), 'idempotency-key': `phone-${nui}` };
    const body = { nui, line: '3001112233', amount: 5_000 };
    const first = await credit(body, headers);
    const again = await credit(body, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(await available(nui)).toBe(45_000);
    expect((await credit({ ...body, amount: 6_000 }, headers)).statusCode).toBe(422);
  });

  it('FOL-02 when the credit would pass the balance then 422 FOL-02 and the provider is never called', async () => {
    const nui = await admit(3_000);
    const before = provider.calls;
    const res = await credit({ nui, line: '3001112233', amount: 5_000 });
    expect(res.statusCode).toBe(422);
    expect(res.json().rule).toBe('FOL-02');
    expect(provider.calls).toBe(before);
  });

  it('FOL-07 when a phone credit would pass what remains of the daily cap then 422 FOL-07, nothing held, the provider never called', async () => {
    const caps = await app.inject({ method: 'GET', url: '/api/v1/folio/limits', headers: bearer(['paymaster'], ['113']) });
    const dayCap: number = caps.json().spendDay;
    const nui = await admit(dayCap + 50_000);
    const first = await credit({ nui, line: '3001112233', amount: dayCap - 1_000 });
    expect(first.statusCode).toBe(201);
    expect(first.json().after.day).toEqual({ cap: dayCap, spent: dayCap - 1_000, remaining: 1_000 });
    const before = provider.calls;
    const over = await credit({ nui, line: '3001112233', amount: 1_001 });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ rule: 'FOL-07', type: 'https://eron.inpec.gov.co/problems/fol-07-daily-cap' });
    expect(provider.calls).toBe(before);
    expect(await available(nui)).toBe(50_000 + 1_000);
    expect(await spentToday(nui)).toBe(dayCap - 1_000);
    expect(await app.db.selectFrom('phone_credits').select('id').where('nui', '=', nui).execute()).toHaveLength(1);
    const exact = await credit({ nui, line: '3001112233', amount: 1_000 });
    expect(exact.statusCode).toBe(201);
    expect(exact.json().after.day).toEqual({ cap: dayCap, spent: dayCap, remaining: 0 });
  });

  it('PLT-06 when a phone credit is bought then its hold and its confirmation are in the audit log with who and the request', async () => {
    const nui = await admit(50_000);
    const res = await credit({ nui, line: '3001112233', amount: 2_000 }, { ...clerk(), 'x-request-id': `req-phone-${nui}` });
    expect(res.statusCode).toBe(201);
    const hold = (await app.db.selectFrom('phone_credits').select('hold_tx').where('id', '=', res.json().id).executeTakeFirstOrThrow())
      .hold_tx;
    const lines = await app.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'entity', 'entity_id', 'request_id', 'details'])
      .where('entity_id', 'in', [hold, res.json().id])
      .orderBy('id')
      .execute();
    expect(lines).toEqual([
      {
        actor: 'test-shop_clerk',
        action: 'spend:phone_credit',
        entity: 'spend_use',
        entity_id: hold,
        request_id: `req-phone-${nui}`,
        details: expect.objectContaining({ nui, eron: '113', use: 'phone_credit', amount: 2_000 }),
      },
      {
        actor: 'test-shop_clerk',
        action: 'confirm-phone-credit',
        entity: 'phone_credit',
        entity_id: res.json().id,
        request_id: `req-phone-${nui}`,
        details: { nui, amount: 2_000, providerTransactionId: res.json().providerTransactionId },
      },
    ]);
  });

  it('PLT-03 when the caller lacks the role, token or establishment, or the body is bad, then refused and nothing moves', async () => {
    const nui = await admit(50_000);
    const body = { nui, line: '3001112233', amount: 5_000 };
    expect((await credit(body, {})).statusCode).toBe(401);
    expect((await credit(body, bearer(['gate_officer'], ['113']))).statusCode).toBe(403);
    expect((await credit(body, clerk('114'))).statusCode).toBe(403);
    const bad = await credit({ nui, line: 'abc', amount: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['/line', '/amount']);
    expect(await available(nui)).toBe(50_000);
    expect(provider.badSignatures).toBe(0);
  });
});

/** The shop clerk of 113 whose request died after the hold. */
const CLERK_113 = { sub: 'clerk-113', roles: ['shop_clerk' as const], erons: ['113'], national: false };

/** What a request that died after committing the hold leaves behind: the real hold step, never settled. */
async function crashedHold(nui: string, amount: number, minutesAgo = 10, on = app) {
  const id = randomUUID();
  const hold = { id, requestKey: `crashed ${id}`, requestHash: 'crashed', nui, line: '3001112233', amount, date: bogotaToday() };
  const o = await runtime(on).system({ actor: CLERK_113, requestId: `crashed-${id}` }, (ctx) => holdCredit(ctx, hold));
  expect(o.outcome).toBe('ok');
  await on.db
    .updateTable('phone_credits')
    .set({ created_at: new Date(Date.now() - minutesAgo * 60_000) })
    .where('id', '=', id)
    .execute();
  return id;
}
const settings = (on = app) => runtime(on).config;
const sweep = (on = app) => runPhoneSweep(runtime(on), on.log);
const credit_ = (id: string) => app.db.selectFrom('phone_credits').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const settlements = (id: string) =>
  app.db
    .selectFrom('ledger_transactions')
    .select('kind')
    .where('reference', '=', id)
    .where('kind', '=', 'phone_credit_confirmed')
    .execute();
const nothing = { confirmed: 0, released: 0, undecided: 0 };

describe('FOL-10 held credits left by a request that died', () => {
  it('FOL-10 when the process dies between hold and confirmation then a credit the provider loaded is charged once and providers credited', async () => {
    const nui = await admit(50_000);
    const id = await crashedHold(nui, 10_000);
    expect(await available(nui)).toBe(40_000);
    // The provider loaded it; the answer never reached us.
    expect(await recharge(settings(), { reference: id, line: '3001112233', amount: 10_000 })).toMatchObject({ ok: true });
    const providers = await eronBalance('providers');
    const calls = provider.calls;
    expect(await sweep()).toEqual({ ...nothing, confirmed: 1 });
    const row = await credit_(id);
    expect(row).toMatchObject({ status: 'confirmed', provider_tx: provider.loaded.get(id)!.tx });
    expect(await settlements(id)).toHaveLength(1);
    expect(await available(nui)).toBe(40_000);
    expect(await spentToday(nui)).toBe(10_000);
    expect(await eronBalance('providers')).toBe(providers + 10_000);
    expect(await holdBalance()).toBe(0);
    expect(provider.calls).toBe(calls); // asked, never loaded again
    expect(await sweep()).toEqual(nothing);
    expect(await credit_(id)).toEqual(row);
    expect(await settlements(id)).toHaveLength(1);
    expect(await eronBalance('providers')).toBe(providers + 10_000);
  });

  it('FOL-10 when the process dies between hold and confirmation then a credit the provider never loaded is released, caps restored, nothing charged', async () => {
    const nui = await admit(50_000);
    const young = await crashedHold(nui, 4_000, 0);
    const id = await crashedHold(nui, 6_000);
    const providers = await eronBalance('providers');
    expect(await spentToday(nui)).toBe(10_000);
    expect(await sweep()).toEqual({ ...nothing, released: 1 });
    expect(await credit_(id)).toMatchObject({ status: 'released', provider_tx: null });
    expect(provider.cancelled.has(id)).toBe(true);
    expect((await credit_(young)).status).toBe('held'); // still within PHONE_HOLD_TIMEOUT_MS: its request may be alive
    expect(await available(nui)).toBe(46_000);
    expect(await spentToday(nui)).toBe(4_000);
    expect(await sweep()).toEqual(nothing);
    await app.db
      .updateTable('phone_credits')
      .set({ created_at: new Date(Date.now() - 600_000) })
      .where('id', '=', young)
      .execute();
    expect(await sweep()).toEqual({ ...nothing, released: 1 });
    expect(await available(nui)).toBe(50_000);
    expect(await spentToday(nui)).toBe(0);
    expect(await holdBalance()).toBe(0);
    expect(await eronBalance('providers')).toBe(providers);
    expect(await settlements(id)).toHaveLength(0);
    expect(await sweep()).toEqual(nothing);
    expect(await available(nui)).toBe(50_000);
  });

  it('FOL-10 when the process dies between hold and confirmation then two sweepers side by side settle each credit once', async () => {
    const nui = await admit(50_000);
    const loaded = await crashedHold(nui, 5_000);
    const lost = await crashedHold(nui, 3_000);
    await recharge(settings(), { reference: loaded, line: '3001112233', amount: 5_000 });
    const providers = await eronBalance('providers');
    const [a, b] = await Promise.all([sweep(), sweep()]);
    expect({ confirmed: a.confirmed + b.confirmed, released: a.released + b.released }).toEqual({ confirmed: 1, released: 1 });
    expect((await credit_(loaded)).status).toBe('confirmed');
    expect((await credit_(lost)).status).toBe('released');
    expect(await settlements(loaded)).toHaveLength(1);
    expect(await available(nui)).toBe(45_000);
    expect(await eronBalance('providers')).toBe(providers + 5_000);
    expect(await holdBalance()).toBe(0);
  });
});

describe('FOL-10 FOL-14 FOL-15 a phone credit released after the PPL left', () => {
  /** Its own service: the provider hangs past a longer timeout, so an exit fits between the hold and the release. */
  let late: FolioWorld;
  beforeAll(async () => {
    late = await startFolio({
      config: {
        TELEPHONY_URL: settings().TELEPHONY_URL,
        TELEPHONY_KEY_ID: 'eron-folio',
        TELEPHONY_SECRET: 'telephony-test-secret',
        TELEPHONY_TIMEOUT_MS: 2_000,
        PHONE_HOLD_TIMEOUT_MS: 60_000,
        PHONE_SWEEP_INTERVAL_MS: 0,
      },
    });
  });
  afterAll(async () => late.close());
  afterEach(() => {
    provider.delayMs = 1_000;
  });

  const paymaster = () => bearer(['paymaster'], ['113']);
  const post = (url: string, payload: object, headers: Record<string, string> = paymaster()) =>
    late.app.inject({ method: 'POST', url, headers, payload });
  const owed = async (nui: string) =>
    (await late.app.inject({ method: 'GET', url: `/api/v1/folio/accounts/${nui}/exit-settlements`, headers: paymaster() })).json<{
      payouts: Payout[];
      settlements: Settlement[];
    }>();
  const folioStatus = async (nui: string) =>
    (await late.app.db.selectFrom('folios').select('status').where('nui', '=', nui).executeTakeFirstOrThrow()).status;
  const held = (kind: EronAccountKind) => late.eronBalance('113', kind);
  const exited = async (nui: string, reason: ExitReason) => late.applied((await late.exit(nui, '113', reason)).id);
  const payPayout = (id: string, reference: string) => post(`/api/v1/folio/payouts/${id}/payment`, { method: 'cash', reference });
  const paySettlement = (id: string, amount: number) =>
    post(`/api/v1/folio/settlements/${id}/payments`, {
      amount,
      beneficiary: { document: { type: 'CC', number: '52123456' }, names: 'María Pérez Gómez' },
      authorisationReference: 'Autorización 2025-044',
    });
  const settledBy = async (creditId: string) => {
    const row = await late.app.db.selectFrom('phone_credits').selectAll().where('id', '=', creditId).executeTakeFirstOrThrow();
    const tx = await late.app.db.selectFrom('ledger_transactions').select('kind').where('id', '=', row.settle_tx).executeTakeFirstOrThrow();
    return { status: row.status, kind: tx.kind };
  };
  /** Everything the PPL's money may sit in at 113 once the Folio closed. */
  const establishment = async () => ({
    hold: await held('phone_hold'),
    due: await held('payouts_due'),
    settled: await held('settlements_held'),
    paymaster: await held('paymaster'),
  });

  /** The credit is held and the provider hangs; `meanwhile` runs before our timeout releases it. */
  async function whileHeld(nui: string, amount: number, meanwhile: () => Promise<void>) {
    provider.mode = 'timeout';
    provider.delayMs = 2_500;
    const pending = late.app.inject({
      method: 'POST',
      url: '/api/v1/folio/phone-credits',
      headers: clerk(),
      payload: { nui, line: '3001112233', amount },
    });
    const hold = await eventually(
      () => late.app.db.selectFrom('phone_credits').select('id').where('nui', '=', nui).where('status', '=', 'held').executeTakeFirst(),
      2_000,
      'the hold',
    );
    await meanwhile();
    return { res: await pending, id: hold.id };
  }

  it('FOL-10 FOL-14 when a phone credit is released after the PPL’s release from prison then it goes to the payout, not the closed Folio', async () => {
    const nui = await late.admit({ cash: 50_000 });
    const before = await establishment();
    const { res, id } = await whileHeld(nui, 10_000, () => exited(nui, 'release'));
    expect(res.statusCode).toBe(502);
    expect(res.json().rule).toBe('FOL-10');
    expect(provider.cancelled.has(id)).toBe(true);
    expect(await settledBy(id)).toEqual({ status: 'released', kind: 'phone_credit_released_after_exit' });
    const [payout] = (await owed(nui)).payouts;
    expect(payout).toMatchObject({ amount: 50_000, available: 50_000, paid: 0, remaining: 50_000, status: 'due', smallRemainder: false });
    expect(await late.balances(nui)).toEqual({ available: 0, savings: 0, seized: 0 });
    expect(await folioStatus(nui)).toBe('closed');
    expect(await establishment()).toEqual({ ...before, due: before.due + 50_000 });
    await late.ledgerAddsUp();
  });

  it('FOL-10 FOL-14 when the payout was already paid when the credit is released then it is due again for exactly the late amount, and paying it pays only that', async () => {
    const nui = await late.admit({ cash: 50_000 });
    const before = await establishment();
    let payoutId = '';
    const { res, id } = await whileHeld(nui, 10_000, async () => {
      await exited(nui, 'release');
      payoutId = (await owed(nui)).payouts[0]!.id;
      const first = await payPayout(payoutId, 'CE-1');
      expect(first.json()).toMatchObject({ amount: 40_000, paid: 40_000, remaining: 0, status: 'paid' });
    });
    expect(res.statusCode).toBe(502);
    expect(await settledBy(id)).toEqual({ status: 'released', kind: 'phone_credit_released_after_exit' });
    expect((await owed(nui)).payouts).toEqual([
      expect.objectContaining({ id: payoutId, amount: 50_000, available: 50_000, paid: 40_000, remaining: 10_000, status: 'due' }),
    ]);
    expect(await establishment()).toEqual({ ...before, due: before.due + 10_000, paymaster: before.paymaster + 40_000 });

    const second = await payPayout(payoutId, 'CE-2');
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ amount: 50_000, paid: 50_000, remaining: 0, status: 'paid', settledAs: 'payment' });
    expect(await establishment()).toEqual({ ...before, paymaster: before.paymaster + 50_000 });
    expect((await payPayout(payoutId, 'CE-3')).statusCode).toBe(409);
    const handedOver = await late.app.db
      .selectFrom('ledger_transactions')
      .select('reference')
      .where('kind', '=', 'payout_paid')
      .where('reference', 'like', `${payoutId}%`)
      .orderBy('created_at')
      .execute();
    expect(handedOver.map((t) => t.reference)).toEqual([payoutId, `${payoutId}/40000`]);
    expect(await folioStatus(nui)).toBe('closed');
    await late.ledgerAddsUp();
  });

  it('FOL-10 FOL-15 when a phone credit is released after the PPL’s death then it is held with the settlement, even one already paid', async () => {
    const nui = await late.admit({ cash: 50_000 });
    const authorised = await late.app.inject({
      method: 'PUT',
      url: `/api/v1/folio/accounts/${nui}/settlement-beneficiaries`,
      headers: paymaster(),
      payload: {
        writtenRequest: { date: '2026-11-02', signed: true, fingerprint: true, documentRef: 'RAD-44' },
        persons: [{ document: { type: 'CC', number: '52123456' }, names: 'María Pérez Gómez', relationship: 'madre' }],
      },
    });
    expect(authorised.statusCode).toBe(200);
    const before = await establishment();
    let settlementId = '';
    const { res, id } = await whileHeld(nui, 10_000, async () => {
      await exited(nui, 'death');
      settlementId = (await owed(nui)).settlements[0]!.id;
      expect((await paySettlement(settlementId, 40_000)).json()).toMatchObject({ remaining: 0, status: 'paid' });
    });
    expect(res.statusCode).toBe(502);
    expect(await settledBy(id)).toEqual({ status: 'released', kind: 'phone_credit_released_after_exit' });
    const out = await owed(nui);
    expect(out.payouts).toEqual([]);
    expect(out.settlements).toEqual([
      expect.objectContaining({ id: settlementId, amount: 50_000, paid: 40_000, remaining: 10_000, status: 'held', reason: 'death' }),
    ]);
    expect(await late.balances(nui)).toEqual({ available: 0, savings: 0, seized: 0 });
    expect(await establishment()).toEqual({ ...before, settled: before.settled + 10_000, paymaster: before.paymaster + 40_000 });
    expect((await paySettlement(settlementId, 10_000)).json()).toMatchObject({ remaining: 0, status: 'paid' });
    expect(await establishment()).toEqual({ ...before, paymaster: before.paymaster + 50_000 });
    expect(await folioStatus(nui)).toBe('closed');
    await late.ledgerAddsUp();
  });

  it('FOL-10 FOL-14 when the sweeper releases a credit held before the PPL left then it follows the paid payout, and a late remainder under $1 000 needs the Director', async () => {
    const nui = await late.admit({ cash: 20_000 });
    const id = await crashedHold(nui, 600, 10, late.app);
    const before = await establishment();
    await exited(nui, 'house_arrest');
    const [payout] = (await owed(nui)).payouts;
    expect((await payPayout(payout!.id, 'CE-9')).json()).toMatchObject({ amount: 19_400, status: 'paid' });
    expect(await sweep(late.app)).toEqual({ ...nothing, released: 1 });
    expect(provider.cancelled.has(id)).toBe(true);
    expect(await settledBy(id)).toEqual({ status: 'released', kind: 'phone_credit_released_after_exit' });
    expect((await owed(nui)).payouts).toEqual([
      expect.objectContaining({ amount: 20_000, paid: 19_400, remaining: 600, status: 'due', smallRemainder: true }),
    ]);
    expect(await establishment()).toEqual({
      ...before,
      hold: before.hold - 600,
      due: before.due + 600,
      paymaster: before.paymaster + 19_400,
    });
    expect(await late.balances(nui)).toEqual({ available: 0, savings: 0, seized: 0 });

    expect((await payPayout(payout!.id, 'CE-10')).statusCode).toBe(422);
    const director = bearer(['director'], ['113']);
    const cash = await post(`/api/v1/folio/payouts/${payout!.id}/small-remainder`, { choice: 'cash', approval: 'Acta D-9' }, director);
    expect(cash.json()).toMatchObject({ amount: 20_000, paid: 20_000, remaining: 0, status: 'paid', settledAs: 'cash' });
    expect(await establishment()).toEqual({ ...before, hold: before.hold - 600, paymaster: before.paymaster + 20_000 });
    expect(await sweep(late.app)).toEqual(nothing);
    expect(await folioStatus(nui)).toBe('closed');
    await late.ledgerAddsUp();
  });
});

describe('FOL-10 the sweeper runs inside the service', () => {
  it('FOL-10 when the process dies between hold and confirmation then the service’s own timer releases the credit', async () => {
    const own = await startFolio({
      config: {
        TELEPHONY_URL: settings().TELEPHONY_URL,
        TELEPHONY_KEY_ID: 'eron-folio',
        TELEPHONY_SECRET: 'telephony-test-secret',
        PHONE_HOLD_TIMEOUT_MS: 50,
        PHONE_SWEEP_INTERVAL_MS: 100,
      },
    });
    try {
      const nui = await own.admit({ cash: 20_000 });
      const id = randomUUID();
      const hold = { id, requestKey: `crashed ${id}`, requestHash: 'crashed', nui, line: '3001112233', amount: 2_000, date: bogotaToday() };
      await runtime(own.app).system({ actor: CLERK_113, requestId: `crashed-${id}` }, (ctx) => holdCredit(ctx, hold));
      const status = async () =>
        (await own.app.db.selectFrom('phone_credits').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
      await eventually(async () => (await status()) === 'released', 5_000, 'swept by the timer');
      expect(await own.available(nui)).toBe(20_000);
    } finally {
      await own.close();
    }
  });
});
