import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { EventEnvelope } from '@eron/shared';
import { bearer, eventually } from '@eron/shared/testing';
import { bulkPostings } from '../src/ledger/ledger.repository';
import { startFolio, type FolioWorld } from './support/folio.world';

let w: FolioWorld;
let app: FastifyInstance;
let queue: Queue;

beforeAll(async () => {
  w = await startFolio();
  ({ app, queue } = w);
});
afterAll(async () => w.close());

function admitted(cash: number | null, eron = '113'): EventEnvelope<'ppl.admitted'> {
  const nui = w.nextNui();
  return w.event('ppl.admitted', {
    nui,
    eron,
    legalStatus: 'sindicado',
    sex: 'F',
    admittedAt: new Date().toISOString(),
    cashAtIntake: cash === null ? null : { amount: cash, actaNumber: `ACTA-${nui}`, searchDate: '2026-11-24' },
  });
}

/** The paymaster's receipt of the admission's intake cash, as classification publishes it (CLS-10). */
function receiptOf(admission: EventEnvelope<'ppl.admitted'>): EventEnvelope<'intake-cash.received'> {
  const { nui, eron, cashAtIntake } = admission.payload;
  const { amount, actaNumber } = cashAtIntake!;
  return w.event('intake-cash.received', { nui, eron, amount, actaNumber, receivedOn: '2026-11-25' });
}

const account = (nui: string, headers = bearer(['paymaster'], ['113'])) =>
  app.inject({ method: 'GET', url: `/api/v1/folio/accounts/${nui}`, headers });
const ledgerTotal = async () =>
  Number(
    (
      await app.db
        .selectFrom('postings')
        .select((eb) => eb.fn.coalesce(eb.fn.sum('amount'), eb.lit(0)).as('t'))
        .executeTakeFirstOrThrow()
    ).t,
  );

/** The PPL's available account and establishment 113's paymaster account, for postings written by hand. */
const accountsOf = async (nui: string) => {
  const [ppl, paymaster] = await Promise.all([
    app.db.selectFrom('ledger_accounts').select('id').where('nui', '=', nui).where('kind', '=', 'ppl_available').executeTakeFirstOrThrow(),
    app.db.selectFrom('ledger_accounts').select('id').where('eron', '=', '113').where('kind', '=', 'paymaster').executeTakeFirstOrThrow(),
  ]);
  return { ppl, paymaster };
};

/** A bare ledger transaction of establishment 113, for postings written by hand. */
async function bareTransaction(trx: Kysely<any>, nui: string): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('ledger_transactions')
    .values({ id, kind: 'test', eron: '113', nui, reference: id, concept: 'test', reverses: null, created_by: 'test', request_id: null })
    .execute();
  return id;
}

describe('ppl.admitted → Folio', () => {
  it('FOL-01 when a PPL is admitted then the Folio opens with a zero balance', async () => {
    const event = admitted(null);
    await queue.add(event.type, event, { jobId: event.id });
    const res = await eventually(
      async () => ((await account(event.payload.nui)).statusCode === 200 ? account(event.payload.nui) : undefined),
      10_000,
      'folio',
    );
    expect(res.json()).toMatchObject({ nui: event.payload.nui, eron: '113', status: 'open', available: 0, savings: 0, seized: 0 });
  });

  it('CLS-10 when intake cash comes with the event then it is pending until the paymaster receives it, then credited exactly once, even if both events are delivered twice', async () => {
    const event = admitted(185_000);
    await queue.add(event.type, event, { jobId: event.id });
    await queue.add(event.type, event, { jobId: `${event.id}-redelivered` });
    await eventually(async () => ((await queue.getJobCounts('completed')).completed ?? 0) >= 2, 10_000, 'both deliveries consumed');
    expect((await account(event.payload.nui)).json()).toMatchObject({ available: 0, pending: 185_000, intakeCash: { status: 'pending' } });
    const receipt = receiptOf(event);
    await queue.add(receipt.type, receipt, { jobId: receipt.id });
    await queue.add(receipt.type, receipt, { jobId: `${receipt.id}-redelivered` });
    await eventually(async () => ((await queue.getJobCounts('completed')).completed ?? 0) >= 4, 10_000, 'both receipts consumed');
    const body = (await account(event.payload.nui)).json();
    expect(body).toMatchObject({ available: 185_000, pending: 0, intakeCash: { status: 'available', receivedOn: '2026-11-25' } });
    const inbox = await app.db.selectFrom('inbox').selectAll().where('event_id', 'in', [event.id, receipt.id]).execute();
    expect(inbox).toHaveLength(2);
    const txs = await app.db.selectFrom('ledger_transactions').selectAll().where('nui', '=', event.payload.nui).execute();
    expect(txs).toHaveLength(1);
    expect(txs[0]).toMatchObject({ kind: 'intake_cash', eron: '113', reference: `${event.payload.nui}/ACTA-${event.payload.nui}` });
  });

  it('FOL-02 when money moves then every transaction balances to zero and the ledger refuses edits', async () => {
    expect(await ledgerTotal()).toBe(0);
    await expect(app.db.updateTable('postings').set({ amount: 1 }).execute()).rejects.toThrow(/append-only/);
    await expect(app.db.deleteFrom('ledger_transactions').execute()).rejects.toThrow(/append-only/);
  });

  it('FOL-02 when postings do not balance or would take a PPL account below zero then the database refuses them', async () => {
    const event = admitted(10_000);
    await queue.add(event.type, event, { jobId: event.id });
    const receipt = receiptOf(event);
    await queue.add(receipt.type, receipt, { jobId: receipt.id });
    await eventually(async () => (await account(event.payload.nui)).json().available === 10_000, 10_000, 'intake cash');
    const { ppl, paymaster } = await accountsOf(event.payload.nui);
    const attempt = (amounts: [number, number]) =>
      app.db.transaction().execute(async (trx) => {
        const id = await bareTransaction(trx, event.payload.nui);
        await trx
          .insertInto('postings')
          .values([
            { transaction_id: id, account_id: ppl.id, amount: amounts[0] },
            { transaction_id: id, account_id: paymaster.id, amount: amounts[1] },
          ])
          .execute();
      });
    await expect(attempt([-1_000, 999])).rejects.toThrow(/does not balance/);
    await expect(attempt([-10_001, 10_001])).rejects.toThrow(/ppl_account_not_negative/);
    expect((await account(event.payload.nui)).json().available).toBe(10_000);
    expect(await ledgerTotal()).toBe(0);
  });

  it("FOL-02 when a batch of postings names an unknown transaction or account, or a running balance that is not the account's, then the database refuses all of it", async () => {
    const event = admitted(10_000);
    await queue.add(event.type, event, { jobId: event.id });
    const receipt = receiptOf(event);
    await queue.add(receipt.type, receipt, { jobId: receipt.id });
    const nui = event.payload.nui;
    await eventually(async () => (await account(nui)).json().available === 10_000, 10_000, 'intake credited');
    const { ppl, paymaster } = await accountsOf(nui);
    const batch = (p: { tx?: string; account?: string; after: [number | null, number | null]; second?: number | null }) =>
      app.db.transaction().execute(async (trx) => {
        const ids = [await bareTransaction(trx, nui), await bareTransaction(trx, nui)];
        await trx.selectFrom('ledger_accounts').select('id').where('id', '=', ppl.id).forUpdate().execute();
        const [a, b] = [p.tx ?? ids[0]!, ids[1]!];
        await bulkPostings(trx, {
          transactionId: [a, a, b, b],
          accountId: [p.account ?? ppl.id, paymaster.id, ppl.id, paymaster.id],
          amount: [500, -500, 700, -700],
          balanceAfter: [p.after[0], null, p.second ?? 11_200, p.after[1]],
        });
      });
    await expect(batch({ after: [10_400, null] })).rejects.toThrow(/running balance/);
    await expect(batch({ after: [10_500, 0] })).rejects.toThrow(/running balance/);
    await expect(batch({ after: [10_500, null], second: 11_000 })).rejects.toThrow(/running balance/);
    await expect(batch({ after: [10_500, null], tx: randomUUID() })).rejects.toThrow(/does not balance|unknown ledger transaction/);
    await expect(batch({ after: [null, null], account: randomUUID() })).rejects.toThrow(/unknown account/);
    expect((await account(nui)).json().available).toBe(10_000);
    await batch({ after: [10_500, null] });
    expect((await account(nui)).json().available).toBe(11_200);
    const statement = await app.db
      .selectFrom('postings')
      .select(['amount', 'balance_after'])
      .where('account_id', '=', ppl.id)
      .orderBy('id')
      .execute();
    expect(statement.map((p) => p.balance_after)).toEqual([10_000, 10_500, 11_200]);
    expect(await ledgerTotal()).toBe(0);
  });
});

describe('PLT-03 auth on folio accounts', () => {
  it('PLT-03 when the caller lacks the role, has no token or acts for another establishment then refused', async () => {
    const event = admitted(null, '114');
    await queue.add(event.type, event, { jobId: event.id });
    const nui = event.payload.nui;
    await eventually(async () => (await account(nui, bearer(['paymaster'], ['114']))).statusCode === 200, 10_000, 'folio');
    expect((await account(nui, {} as never)).statusCode).toBe(401);
    expect((await account(nui, bearer(['gate_officer'], ['114']))).statusCode).toBe(403);
    const other = await account(nui, bearer(['paymaster'], ['113']));
    expect(other.statusCode).toBe(403);
    expect(other.json().rule).toBe('PLT-03');
    expect((await account(nui, bearer(['auditor']))).statusCode).toBe(200);
  });

  it('PLT-04 when the NUI is malformed then 400 problem naming the field', async () => {
    const res = await account('12ab');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('params:/nui');
  });
});
