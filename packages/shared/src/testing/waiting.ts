import { sql, type Kysely, type RawBuilder } from 'kysely';

/** Polls until `check` returns a value other than undefined/false, or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, ms = 10_000, what = 'condition'): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The backends of the test's database waiting on a lock (asked outside a transaction, which would keep its first answer). */
const WAITING = sql<{ n: number }>`
  SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;

/**
 * A race on every run: fires the requests while the test holds `lock` in its own transaction, and
 * lets go once every one waits on a lock, so each has read before any writes.
 */
export async function whileHeld<T>(db: Kysely<any>, lock: RawBuilder<unknown>, fire: () => Promise<T>[]): Promise<T[]> {
  let answers!: Promise<T[]>;
  await db.transaction().execute(async (trx) => {
    await lock.execute(trx);
    const requests = fire();
    answers = Promise.all(requests);
    await eventually(async () => (await WAITING.execute(db)).rows[0]!.n === requests.length, 10_000, 'every request waiting on a lock');
  });
  return answers;
}
