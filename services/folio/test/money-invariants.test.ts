import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { bogotaToday, eventQueueName, type EventEnvelope } from '@eron/shared';
import { buildApp } from '@eron/shared/platform';
import { bearer, eventually, testConfig } from '@eron/shared/testing';
import folio from '../src/app';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
let queue: Queue;
beforeAll(async () => {
  const t = await testConfig();
  cleanup = t.cleanup;
  app = await buildApp('folio', folio, t.config);
  queue = new Queue(eventQueueName('folio'), { connection: { url: t.config.REDIS_URL }, prefix: t.config.QUEUE_PREFIX });
});
afterAll(async () => {
  await queue.close();
  await app.close();
  await cleanup();
});

let seq = 8_400_000;
/** A PPL admitted through the real queue with cash at intake; resolves once the Folio is open. */
async function admit(cash: number, eron = '113'): Promise<string> {
  seq += 1;
  const nui = String(seq);
  const event: EventEnvelope<'ppl.admitted'> = {
    id: randomUUID(),
    type: 'ppl.admitted',
    source: 'classification',
    occurredAt: new Date().toISOString(),
    payload: {
      nui,
      eron,
      legalStatus: 'condenado',
      sex: 'M',
      admittedAt: new Date().toISOString(),
      cashAtIntake: { amount: cash, actaNumber: `A-${nui}`, searchDate: '2026-11-24' },
    },
  };
  await queue.add(event.type, event, { jobId: event.id });
  await eventually(async () => (await available(nui)) === cash, 10_000, `folio of ${nui}`);
  return nui;
}
const available = async (nui: string) =>
  (
    await app.db
      .selectFrom('ledger_accounts')
      .select('balance')
      .where('nui', '=', nui)
      .where('kind', '=', 'ppl_available')
      .executeTakeFirst()
  )?.balance as number | undefined;

/**
 * PLT-16. Long run: `FC_RUNS=10000 pnpm test services/folio/test/money-invariants.test.ts` (about 20 min);
 * the test command runs FC_RUNS=200 by default.
 */
const RUNS = Number(process.env.FC_RUNS ?? 200);
const DAY_CAP = 30_000;
const MONTH_CAP = 80_000;
const clerk = bearer(['shop_clerk'], ['113']);
const paymaster = bearer(['paymaster'], ['113']);
let unit: string;
let raw: string;

beforeAll(async () => {
  const dg = bearer(['dg']);
  for (const [kind, amount] of [
    ['spend_day', DAY_CAP],
    ['spend_month', MONTH_CAP],
  ] as const) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/folio/limits/overrides',
      headers: dg,
      payload: { kind, amount, effectiveFrom: '2016-01-01', resolution: 'PLT-16' },
    });
    expect(res.statusCode).toBe(201);
  }
  const product = (payload: object) => app.inject({ method: 'POST', url: '/api/v1/folio/shops/113/products', headers: clerk, payload });
  unit = (await product({ sku: 'U-1', name: 'Unidad', unitCost: 1_000, price: 1_000 })).json().id;
  raw = (await product({ sku: 'R-1', name: 'Materia prima', unitCost: 9_000, price: 9_900, rawMaterial: true })).json().id;
});

type Step =
  | { kind: 'purchase'; who: number; qty: number; raw: boolean }
  | { kind: 'withdraw'; who: number; amount: number }
  | { kind: 'reverse'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('purchase' as const), who: fc.nat(2), qty: fc.integer({ min: 1, max: 12 }), raw: fc.boolean() }),
  fc.record({ kind: fc.constant('withdraw' as const), who: fc.nat(2), amount: fc.integer({ min: 1, max: 25_000 }) }),
  fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat(30) }),
);

async function run(s: Step, nuis: string[], done: string[]): Promise<number> {
  if (s.kind === 'purchase') {
    const items = [{ productId: s.raw ? raw : unit, quantity: s.qty }];
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/folio/purchases',
      headers: clerk,
      payload: { nui: nuis[s.who], shop: '113', items },
    });
    if (res.statusCode === 201) done.push(res.json().transactionId);
    return res.statusCode;
  }
  if (s.kind === 'withdraw') {
    const payload = { nui: nuis[s.who], use: 'productive_project', amount: s.amount, receiptNumber: 'PP-1', project: 'Taller' };
    const res = await app.inject({ method: 'POST', url: '/api/v1/folio/withdrawals', headers: paymaster, payload });
    if (res.statusCode === 201) done.push(res.json().transactionId);
    return res.statusCode;
  }
  const tx = done[s.pick % Math.max(1, done.length)];
  if (!tx) return 422;
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/folio/uses/${tx}/reversal`,
    headers: paymaster,
    payload: { reason: 'prueba' },
  });
  return res.statusCode;
}

/** The invariants of PLT-16, checked in the database after every step. */
async function checkInvariants(nuis: string[]): Promise<void> {
  const unbalanced = await sql`SELECT transaction_id FROM postings GROUP BY transaction_id HAVING sum(amount) <> 0`.execute(app.db);
  expect(unbalanced.rows).toEqual([]);
  const drift = await sql`SELECT a.id FROM ledger_accounts a LEFT JOIN postings p ON p.account_id = a.id WHERE a.nui IS NOT NULL
    GROUP BY a.id, a.balance HAVING a.balance <> COALESCE(sum(p.amount), 0) OR a.balance < 0`.execute(app.db);
  expect(drift.rows).toEqual([]);
  const today = bogotaToday();
  const { rows } = await sql<{ nui: string; day: number; month: number; d_uses: number; m_uses: number; ledger: number }>`
    SELECT f.nui,
      COALESCE((SELECT amount FROM spend_totals WHERE nui = f.nui AND period = ${'d:' + today}), 0)::int AS day,
      COALESCE((SELECT amount FROM spend_totals WHERE nui = f.nui AND period = ${'m:' + today.slice(0, 7)}), 0)::int AS month,
      COALESCE((SELECT sum(day_amount) FROM spend_uses WHERE nui = f.nui AND reversed_by IS NULL AND spend_date = ${today}::date), 0)::int AS d_uses,
      COALESCE((SELECT sum(amount) FROM spend_uses WHERE nui = f.nui AND reversed_by IS NULL), 0)::int AS m_uses,
      COALESCE((SELECT -sum(p.amount) FROM postings p JOIN ledger_accounts a ON a.id = p.account_id AND a.kind = 'ppl_available'
        JOIN ledger_transactions t ON t.id = p.transaction_id
        WHERE a.nui = f.nui AND (t.id IN (SELECT tx_id FROM spend_uses) OR t.reverses IN (SELECT tx_id FROM spend_uses))), 0)::int AS ledger
    FROM folios f WHERE f.nui = ANY(${nuis}::text[])`.execute(app.db);
  for (const r of rows) {
    expect(r.day).toBeLessThanOrEqual(DAY_CAP);
    expect(r.month).toBeLessThanOrEqual(MONTH_CAP);
    expect(r.day).toBe(r.d_uses);
    expect(r.month).toBe(r.m_uses);
    expect(r.ledger).toBe(r.month);
  }
}

describe('PLT-16 money invariants', () => {
  it(`PLT-16 when deposits, purchases, uses and reversals interleave at random (${RUNS} runs) then the ledger balances, no account is negative, no cap is passed`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 120_000 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.array(step, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        async (cash, batches) => {
          const nuis = await Promise.all(cash.map((c) => admit(c)));
          const done: string[] = [];
          for (const batch of batches) {
            const statuses = await Promise.all(batch.map((s) => run(s, nuis, done)));
            for (const st of statuses) expect([201, 409, 422]).toContain(st);
            await checkInvariants(nuis);
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('PLT-16 when 1 000 purchases hit one account at once then it ends exactly at the cap, every other one refused cleanly', async () => {
    const nui = await admit(1_000_000);
    const buyOne = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/folio/purchases',
        headers: clerk,
        payload: { nui, shop: '113', items: [{ productId: unit, quantity: 1 }] },
      });
    const statuses = (await Promise.all(Array.from({ length: 1_000 }, buyOne))).map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(DAY_CAP / 1_000);
    expect(statuses.filter((s) => s !== 201 && s !== 422)).toEqual([]);
    expect(await available(nui)).toBe(1_000_000 - DAY_CAP);
    await checkInvariants([nui]);
  }, 60_000);

  it('PLT-16 when 1 000 purchases hit one account with less balance than the cap then it ends exactly at zero', async () => {
    const nui = await admit(12_000);
    const buyOne = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/folio/purchases',
        headers: clerk,
        payload: { nui, shop: '113', items: [{ productId: unit, quantity: 1 }] },
      });
    const statuses = (await Promise.all(Array.from({ length: 1_000 }, buyOne))).map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(12);
    expect(statuses.filter((s) => s !== 201 && s !== 422)).toEqual([]);
    expect(await available(nui)).toBe(0);
    await checkInvariants([nui]);
  }, 60_000);
});
