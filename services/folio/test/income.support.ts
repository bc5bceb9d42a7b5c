import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { eventQueueName, type EventEnvelope, type EventType, type EventPayload, type ExitReason } from '@eron/shared';
import { buildApp } from '@eron/shared/platform';
import { bearer, eventually, testConfig } from '@eron/shared/testing';
import folio from '../src/app';

/** The real folio service and its real event queue, for the income, exits and report tests. */
export async function startFolio() {
  const t = await testConfig();
  const app = await buildApp('folio', folio, t.config);
  const queue = new Queue(eventQueueName('folio'), { connection: { url: t.config.REDIS_URL }, prefix: t.config.QUEUE_PREFIX });
  const stop = async () => {
    await queue.close();
    await app.close();
    await t.cleanup();
  };
  return { app, queue, stop };
}

let seq = 0;
const uniqueNui = () => String(8_000_000 + (process.pid % 1000) * 1000 + (seq += 1));

export async function deliver<T extends EventType>(queue: Queue, type: T, payload: EventPayload<T>): Promise<EventEnvelope<T>> {
  const event: EventEnvelope<T> = { id: randomUUID(), type, source: 'classification', occurredAt: new Date().toISOString(), payload };
  await queue.add(type, event, { jobId: event.id });
  return event;
}

export async function inboxHas(app: FastifyInstance, eventId: string): Promise<void> {
  await eventually(
    async () => Boolean(await app.db.selectFrom('inbox').select('event_id').where('event_id', '=', eventId).executeTakeFirst()),
    10_000,
    `event ${eventId}`,
  );
}

/** Admits a PPL through the real queue and waits for the Folio; returns the NUI. */
export async function admit(app: FastifyInstance, queue: Queue, eron = '113', cash: number | null = null): Promise<string> {
  const nui = uniqueNui();
  const event = await deliver(queue, 'ppl.admitted', {
    nui,
    eron,
    legalStatus: 'condenado',
    sex: 'M',
    admittedAt: new Date().toISOString(),
    cashAtIntake: cash === null ? null : { amount: cash, actaNumber: `A-${nui}`, searchDate: '2026-11-20' },
  });
  await inboxHas(app, event.id);
  return nui;
}

export const transfer = (queue: Queue, nui: string, fromEron: string, toEron: string) =>
  deliver(queue, 'ppl.transferred', { nui, transferId: randomUUID(), fromEron, toEron });
export const exit = (queue: Queue, nui: string, eron: string, reason: ExitReason) =>
  deliver(queue, 'ppl.exited', { nui, eron, exitId: randomUUID(), reason });

export const staff = bearer;

export async function balances(app: FastifyInstance, nui: string) {
  const rows = await app.db.selectFrom('ledger_accounts').select(['kind', 'balance']).where('nui', '=', nui).execute();
  const of = (kind: string) => Number(rows.find((r: { kind: string }) => r.kind === kind)?.balance ?? 0);
  return { available: of('ppl_available'), savings: of('ppl_savings'), seized: of('ppl_seized') };
}

export async function eronBalance(app: FastifyInstance, eron: string, kind: string): Promise<number> {
  const row = await app.db
    .selectFrom('account_balances')
    .select('balance')
    .where('eron', '=', eron)
    .where('kind', '=', kind)
    .where('nui', 'is', null)
    .executeTakeFirst();
  return Number(row?.balance ?? 0);
}

/** Every posting ever made sums to zero, and every PPL account's kept balance equals the sum of its postings. */
export async function ledgerAddsUp(app: FastifyInstance): Promise<void> {
  const total = await sql<{ t: string }>`SELECT COALESCE(sum(amount), 0) AS t FROM postings`.execute(app.db);
  if (Number(total.rows[0]?.t) !== 0) throw new Error(`ledger does not sum to zero: ${total.rows[0]?.t}`);
  const bad = await sql<{ id: string }>`
    SELECT a.id FROM ledger_accounts a LEFT JOIN postings p ON p.account_id = a.id WHERE a.nui IS NOT NULL
     GROUP BY a.id, a.balance HAVING a.balance <> COALESCE(sum(p.amount), 0)`.execute(app.db);
  if (bad.rows.length) throw new Error(`accounts off their postings: ${JSON.stringify(bad.rows)}`);
}
