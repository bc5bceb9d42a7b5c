import { Queue } from 'bullmq';
import { Client } from 'pg';
import { eventQueueName, SERVICES, type ServiceName } from '@eron/shared';

/**
 * What every drill ends by checking, in the database the services share (each in its schema) and
 * in Redis: every event applied exactly once by each subscriber, no booking overbooked, the ledger
 * balanced. Each check returns what is wrong (empty when all holds), so a failure names it.
 */

async function query<T>(databaseUrl: string, text: string): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

export interface EventLedger {
  /** Events written to the producers' outboxes. */
  published: number;
  /** (event, subscriber) deliveries the subscriptions call for. */
  due: number;
  /** Of those, applied (found in the subscriber's inbox). */
  applied: number;
  /** Outbox rows not yet relayed. */
  unrelayed: number;
  /** What is wrong: missing deliveries, inbox rows of no known event, failed event jobs. */
  wrong: string[];
}

/**
 * PLT-08/PLT-17: every outbox event of every producer reached the inbox of every service subscribed
 * to its type, and each inbox holds no event that was never published. The inbox's primary key is
 * the event ID and the handler's writes commit with its row, so "in the inbox" is "applied once";
 * the drill's domain checks (Folio balances, bookings) prove no effect was applied twice.
 */
export async function eventLedger(databaseUrl: string): Promise<EventLedger> {
  const rows = await query<{ producer: string; id: string; type: string; published: boolean; subscriber: string | null }>(
    databaseUrl,
    SERVICES.map(
      (p) => `SELECT '${p}' AS producer, o.id::text, o.type, o.published_at IS NOT NULL AS published, s.subscriber
        FROM ${p}.outbox o LEFT JOIN ${p}.event_subscriptions s ON s.type = o.type`,
    ).join(' UNION ALL '),
  );
  const inboxes = await query<{ consumer: string; event_id: string }>(
    databaseUrl,
    SERVICES.map((s) => `SELECT '${s}' AS consumer, event_id::text FROM ${s}.inbox`).join(' UNION ALL '),
  );
  const applied = new Set(inboxes.map((r) => `${r.consumer} ${r.event_id}`));
  const known = new Set(rows.map((r) => r.id));
  const wrong: string[] = [];
  const due = rows.filter((r) => r.subscriber !== null);
  const missing = due.filter((r) => !applied.has(`${r.subscriber} ${r.id}`));
  for (const r of missing.slice(0, 10)) wrong.push(`${r.type} ${r.id} from ${r.producer} never applied by ${r.subscriber}`);
  if (missing.length > 10) wrong.push(`… and ${missing.length - 10} more deliveries missing`);
  // A type nobody subscribed to would make "applied by every subscriber" hold vacuously.
  const unsubscribed = new Set(rows.filter((r) => r.subscriber === null).map((r) => `${r.producer} ${r.type}`));
  for (const t of unsubscribed) wrong.push(`no subscription at ${t.replace(' ', ' for ')}, though SUBSCRIBERS names consumers of it`);
  const strays = inboxes.filter((r) => !known.has(r.event_id));
  for (const r of strays.slice(0, 5)) wrong.push(`${r.consumer} applied ${r.event_id}, which no outbox holds`);
  return {
    published: known.size,
    due: due.length,
    applied: due.length - missing.length,
    unrelayed: new Set(rows.filter((r) => !r.published).map((r) => r.id)).size,
    wrong,
  };
}

/** Event jobs that failed for good (attempts spent, or refused): an event that was not applied. */
export async function failedEventJobs(redisUrl: string, prefix: string): Promise<string[]> {
  const wrong: string[] = [];
  for (const service of SERVICES as readonly ServiceName[]) {
    const queue = new Queue(eventQueueName(service), { connection: { url: redisUrl }, prefix });
    try {
      for (const job of await queue.getFailed(0, 20)) wrong.push(`${service}: ${job.name} ${job.id} failed: ${job.failedReason}`);
    } finally {
      await queue.close();
    }
  }
  return wrong;
}

/** VIS-08/PLT-15: no session of any area holds more persons than its capacity, and the count matches the bookings. */
export async function overbooking(databaseUrl: string): Promise<string[]> {
  const rows = await query<{ area_id: string; date: string; session: string; capacity: number; booked: number; persons: string }>(
    databaseUrl,
    `SELECT sp.area_id, sp.date::text, sp.session, sp.capacity, sp.booked,
       (SELECT COALESCE(sum(b.persons), 0) FROM visits.bookings b
         WHERE b.area_id = sp.area_id AND b.date = sp.date AND b.session = sp.session AND b.status = 'booked') AS persons
     FROM visits.session_places sp`,
  );
  return rows.flatMap((r) => {
    const out: string[] = [];
    if (r.booked > r.capacity) out.push(`area ${r.area_id} ${r.date} ${r.session}: ${r.booked} places claimed of ${r.capacity}`);
    if (Number(r.persons) !== r.booked)
      out.push(`area ${r.area_id} ${r.date} ${r.session}: ${r.persons} persons booked, ${r.booked} claimed`);
    return out;
  });
}

/**
 * PLT-16's ledger invariants (as services/folio/test/money-invariants.test.ts checks them): every
 * transaction sums to zero, every PPL account's balance is the sum of its postings and not
 * negative (institutional accounts keep no balance column: their balance is their postings); and each admission opened exactly one Folio.
 */
export async function ledger(databaseUrl: string): Promise<string[]> {
  const unbalanced = await query<{ transaction_id: string }>(
    databaseUrl,
    'SELECT transaction_id FROM folio.postings GROUP BY transaction_id HAVING sum(amount) <> 0',
  );
  const drift = await query<{ id: string; balance: string; sum: string }>(
    databaseUrl,
    `SELECT a.id, a.balance, COALESCE(sum(p.amount), 0) AS sum FROM folio.ledger_accounts a LEFT JOIN folio.postings p ON p.account_id = a.id
     WHERE a.nui IS NOT NULL
     GROUP BY a.id, a.balance HAVING a.balance <> COALESCE(sum(p.amount), 0) OR a.balance < 0`,
  );
  const total = await query<{ sum: string }>(databaseUrl, 'SELECT COALESCE(sum(amount), 0) AS sum FROM folio.postings');
  const twice = await query<{ opened_by_event: string }>(
    databaseUrl,
    'SELECT opened_by_event FROM folio.folios GROUP BY opened_by_event HAVING count(*) > 1',
  );
  return [
    ...unbalanced.map((r) => `transaction ${r.transaction_id} does not sum to zero`),
    ...drift.map((r) => `account ${r.id}: balance ${r.balance}, postings ${r.sum}`),
    ...(Number(total[0]?.sum) === 0 ? [] : [`the ledger sums to ${total[0]?.sum}, not zero`]),
    ...twice.map((r) => `event ${r.opened_by_event} opened more than one Folio`),
  ];
}
