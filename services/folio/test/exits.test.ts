import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Payout, Settlement } from '@eron/shared';
import { bearer as staff, eventually } from '@eron/shared/testing';
import { startFolio, type FolioWorld } from './support/folio.world';

let app: FastifyInstance;
let queue: Queue;
let w: FolioWorld;
beforeAll(async () => {
  w = await startFolio();
  ({ app, queue } = w);
});
afterAll(async () => w.close());

const post = (url: string, payload: object, headers: Record<string, string>) => app.inject({ method: 'POST', url, headers, payload });
const account = (nui: string, eron: string) =>
  app.inject({ method: 'GET', url: `/api/v1/folio/accounts/${nui}`, headers: staff(['paymaster'], [eron]) });
const owed = async (nui: string, eron = '113') =>
  (await app.inject({ method: 'GET', url: `/api/v1/folio/accounts/${nui}/exit-settlements`, headers: staff(['paymaster'], [eron]) })).json<{
    payouts: Payout[];
    settlements: Settlement[];
  }>();
const jobFailed = (id: string) => eventually(async () => (await (await queue.getJob(id))?.getState()) === 'failed', 10_000, 'job failed');

/** A PPL at 113 with available, savings and seized money: 100 000 intake, 50 000 work pay with savings, 7 000 seized. */
async function richPpl(eron = '113'): Promise<string> {
  const nui = await w.admit({ eron: eron, cash: 100_000 });
  await app.inject({
    method: 'PUT',
    url: `/api/v1/folio/accounts/${nui}/savings-authorisation`,
    headers: staff(['paymaster'], [eron]),
    payload: { authorised: true, document: 'Aut. 1' },
  });
  const work = { nui, month: '2026-09', amount: 50_000, workFront: 'Taller', payrollReference: 'PL-9' };
  expect((await post('/api/v1/folio/work-payments', work, staff(['paymaster'], [eron]))).statusCode).toBe(201);
  expect(
    (await post('/api/v1/folio/seizures', { eron, nui, amount: 7_000, actaNumber: `OP-${nui}` }, staff(['paymaster'], [eron]))).statusCode,
  ).toBe(201);
  expect(await w.balances(nui)).toEqual({ available: 140_000, savings: 5_000, seized: 7_000 });
  return nui;
}

describe('FOL-13 transfer between establishments', () => {
  it('FOL-13 when the PPL is transferred then the whole balance moves to the destination at once and each establishment adds up', async () => {
    const nui = await richPpl();
    const [from, to] = [await w.eronBalance('113', 'paymaster'), await w.eronBalance('115', 'paymaster')];
    const event = await w.transfer(nui, '113', '115');
    await w.applied(event.id);
    expect(await w.balances(nui)).toEqual({ available: 140_000, savings: 5_000, seized: 7_000 });
    expect((await account(nui, '115')).json()).toMatchObject({ eron: '115', status: 'open', available: 140_000 });
    expect((await account(nui, '113')).statusCode).toBe(403);
    expect((await w.eronBalance('113', 'paymaster')) - from).toBe(152_000);
    expect((await w.eronBalance('115', 'paymaster')) - to).toBe(-152_000);
    const accounts = await app.db.selectFrom('ledger_accounts').select('eron').where('nui', '=', nui).execute();
    expect(accounts.map((a: { eron: string }) => a.eron)).toEqual(['115', '115', '115']);
    const kinds = await app.db
      .selectFrom('ledger_transactions')
      .select(['kind', 'eron'])
      .where('reference', '=', event.payload.transferId)
      .orderBy('kind', 'desc')
      .execute();
    expect(kinds).toEqual([
      { kind: 'transfer_out', eron: '113' },
      { kind: 'transfer_in', eron: '115' },
    ]);
    await w.ledgerAddsUp();
  });

  it('FOL-13 when there is no open Folio at the origin then the event fails for replay and nothing moves', async () => {
    const unknown = await w.transfer('9999990', '113', '115');
    await jobFailed(unknown.id);
    const nui = await w.admit({ eron: '113', cash: 10_000 });
    const wrongOrigin = await w.transfer(nui, '114', '115');
    await jobFailed(wrongOrigin.id);
    expect(
      await app.db.selectFrom('inbox').select('event_id').where('event_id', 'in', [unknown.id, wrongOrigin.id]).execute(),
    ).toHaveLength(0);
    expect((await account(nui, '113')).json()).toMatchObject({ eron: '113', available: 10_000 });
  });
});

describe('FOL-14 release and house arrest', () => {
  it('FOL-14 when the PPL is released then available, savings and seized are paid out at once and the Folio closes', async () => {
    const nui = await richPpl();
    const due = await w.eronBalance('113', 'payouts_due');
    await w.applied((await w.exit(nui, '113', 'release')).id);
    expect(await w.balances(nui)).toEqual({ available: 0, savings: 0, seized: 0 });
    expect((await account(nui, '113')).json().status).toBe('closed');
    const [payout] = (await owed(nui)).payouts;
    expect(payout).toMatchObject({
      amount: 152_000,
      available: 140_000,
      savings: 5_000,
      seized: 7_000,
      status: 'due',
      smallRemainder: false,
    });
    expect((await w.eronBalance('113', 'payouts_due')) - due).toBe(152_000);

    const url = `/api/v1/folio/payouts/${payout!.id}/payment`;
    const body = { method: 'cash', reference: 'CE-100' };
    expect((await post(url, body, staff(['shop_clerk'], ['113']))).statusCode).toBe(403);
    expect((await post(url, body, staff(['paymaster'], ['114']))).statusCode).toBe(403);
    expect((await post(url, { method: 'gold' }, staff(['paymaster'], ['113']))).statusCode).toBe(400);
    expect(
      (
        await post(
          `/api/v1/folio/payouts/${payout!.id}/small-remainder`,
          { choice: 'cash', approval: 'Acta D-1' },
          staff(['director'], ['113']),
        )
      ).statusCode,
    ).toBe(422);
    const paid = await post(url, body, staff(['paymaster'], ['113']));
    expect(paid.statusCode).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paid', settledAs: 'payment' });
    expect((await post(url, body, staff(['paymaster'], ['113']))).statusCode).toBe(409);
    expect((await w.eronBalance('113', 'payouts_due')) - due).toBe(0);
    await w.ledgerAddsUp();
  });

  it('FOL-14 when under $1 000 remains then only the Director can have it delivered in cash or moved to another PPL’s Folio', async () => {
    const nui = await w.admit({ eron: '113', cash: 750 });
    const friend = await w.admit({ eron: '113', cash: 1_000 });
    const elsewhere = await w.admit({ eron: '114' });
    await w.applied((await w.exit(nui, '113', 'house_arrest')).id);
    const [payout] = (await owed(nui)).payouts;
    expect(payout).toMatchObject({ amount: 750, smallRemainder: true, status: 'due' });
    const url = `/api/v1/folio/payouts/${payout!.id}/small-remainder`;
    const paymasterTry = await post(
      `/api/v1/folio/payouts/${payout!.id}/payment`,
      { method: 'cash', reference: 'CE-1' },
      staff(['paymaster'], ['113']),
    );
    expect(paymasterTry.statusCode).toBe(422);
    expect(paymasterTry.json()).toMatchObject({ rule: 'FOL-14', article: 'Art. 41 §' });
    expect((await post(url, { choice: 'folio', toNui: friend, approval: 'Acta D-2' }, staff(['paymaster'], ['113']))).statusCode).toBe(403);
    expect((await post(url, { choice: 'folio', toNui: friend, approval: 'Acta D-2' }, staff(['director'], ['114']))).statusCode).toBe(403);
    expect((await post(url, { choice: 'folio', approval: 'Acta D-2' }, staff(['director'], ['113']))).statusCode).toBe(422);
    expect((await post(url, { choice: 'folio', toNui: elsewhere, approval: 'Acta D-2' }, staff(['director'], ['113']))).statusCode).toBe(
      422,
    );
    expect((await post(url, { choice: 'wire', approval: '' }, staff(['director'], ['113']))).statusCode).toBe(400);
    const done = await post(url, { choice: 'folio', toNui: friend, approval: 'Acta D-2' }, staff(['director'], ['113']));
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'paid', settledAs: 'folio', toNui: friend });
    expect(await w.balances(friend)).toEqual({ available: 1_750, savings: 0, seized: 0 });
    await w.ledgerAddsUp();
  });

  it('FOL-14 when the Director chooses cash for a small remainder then the paymaster hands it over and nothing is left due', async () => {
    const nui = await w.admit({ eron: '113', cash: 999 });
    await w.applied((await w.exit(nui, '113', 'release')).id);
    const [payout] = (await owed(nui)).payouts;
    const paymasterBefore = await w.eronBalance('113', 'paymaster');
    const done = await post(
      `/api/v1/folio/payouts/${payout!.id}/small-remainder`,
      { choice: 'cash', approval: 'Acta D-3' },
      staff(['director'], ['113']),
    );
    expect(done.json()).toMatchObject({ status: 'paid', settledAs: 'cash', amount: 999 });
    expect((await w.eronBalance('113', 'paymaster')) - paymasterBefore).toBe(999);
  });

  it('FOL-14 when an exit arrives for a Folio already closed then the event fails for replay and nothing moves twice', async () => {
    const nui = await w.admit({ eron: '113', cash: 5_000 });
    await w.applied((await w.exit(nui, '113', 'release')).id);
    const second = await w.exit(nui, '113', 'release');
    await jobFailed(second.id);
    expect((await owed(nui)).payouts).toHaveLength(1);
  });
});

describe('FOL-15 death, escape, extradition', () => {
  /** The PPL's signed authorisation of whom to pay (FOL-15, Art. 123), recorded while in custody. */
  const authorise = (nui: string, persons: object[]) =>
    app.inject({
      method: 'PUT',
      url: `/api/v1/folio/accounts/${nui}/settlement-beneficiaries`,
      headers: staff(['paymaster'], ['113']),
      payload: { writtenRequest: { date: '2026-11-02', signed: true, fingerprint: true, documentRef: 'RAD-44' }, persons },
    });

  it('FOL-15 when the PPL dies then the balance is held for those they authorised and paid to them, never more than held', async () => {
    const nui = await richPpl();
    const authorised = await authorise(nui, [
      { document: { type: 'CC', number: '52123456' }, names: 'María Pérez Gómez', relationship: 'madre' },
      { document: { type: 'CC', number: '79555444' }, names: 'Jorge Pérez', relationship: 'hermano' },
    ]);
    expect(authorised.statusCode).toBe(200);
    const held = await w.eronBalance('113', 'settlements_held');
    await w.applied((await w.exit(nui, '113', 'death')).id);
    expect((await account(nui, '113')).json().status).toBe('closed');
    const [settlement] = (await owed(nui)).settlements;
    expect(settlement).toMatchObject({ amount: 152_000, paid: 0, remaining: 152_000, status: 'held', reason: 'death' });
    expect((await w.eronBalance('113', 'settlements_held')) - held).toBe(152_000);

    const url = `/api/v1/folio/settlements/${settlement!.id}/payments`;
    const payment = (amount: number, number = '52123456') => ({
      amount,
      beneficiary: { document: { type: 'CC', number }, names: 'María Pérez Gómez' },
      authorisationReference: 'Autorización 2025-044',
    });
    expect((await post(url, payment(100_000, '0012'), staff(['paymaster'], ['113']))).statusCode).toBe(400);
    expect((await post(url, payment(100_000), staff(['director'], ['113']))).statusCode).toBe(403);
    expect((await post(url, payment(100_000), staff(['paymaster'], ['114']))).statusCode).toBe(403);
    const first = await post(url, payment(100_000), { ...staff(['paymaster'], ['113']), 'idempotency-key': `settle-${nui}-1` });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ amount: 100_000, remaining: 52_000, status: 'held' });
    expect(JSON.stringify(first.json())).not.toContain('52123456');
    const over = await post(url, payment(60_000), staff(['paymaster'], ['113']));
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ rule: 'FOL-15', article: 'Art. 123' });
    expect((await post(url, payment(52_000, '79555444'), staff(['paymaster'], ['113']))).json()).toMatchObject({
      remaining: 0,
      status: 'paid',
    });
    const listed = JSON.stringify(await owed(nui));
    expect(listed).not.toContain('52123456');
    expect(listed).not.toContain('María');
    expect((await w.eronBalance('113', 'settlements_held')) - held).toBe(0);
    await w.ledgerAddsUp();
  });

  it('FOL-15 when the PPL escapes or is extradited then the balance is settled the same way, not paid to the person', async () => {
    for (const reason of ['escape', 'extradition'] as const) {
      const nui = await w.admit({ eron: '113', cash: 30_000 });
      await w.applied((await w.exit(nui, '113', reason)).id);
      const out = await owed(nui);
      expect(out.payouts).toHaveLength(0);
      expect(out.settlements[0]).toMatchObject({ amount: 30_000, status: 'held', reason });
    }
  });
});
