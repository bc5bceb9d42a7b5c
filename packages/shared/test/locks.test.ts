import { sql, type Kysely } from 'kysely';
import { createDb, lockKeys } from '../src/platform';
import { eventually, testConfig, uniqueSuffix } from '../src/testing';

/**
 * lockKeys: the transaction's advisory locks on a set of keys, distinct and in sorted order, so
 * transactions naming overlapping keys in any order wait for each other and never deadlock.
 */
describe('lockKeys: transaction-scoped advisory locks on keys', () => {
  let cleanup: () => Promise<void>;
  let db: Kysely<any>;

  beforeAll(async () => {
    const t = await testConfig();
    cleanup = t.cleanup;
    db = createDb<any>(t.config.DATABASE_URL, 'public', 12);
  });
  afterAll(async () => {
    await db.destroy();
    await cleanup();
  });

  /** The advisory locks of a backend: how many it holds and how many it waits for. */
  const advisoryOf = async (pid: number) =>
    (
      await sql<{ held: number; waiting: number }>`
        SELECT count(*) FILTER (WHERE granted)::int AS held, count(*) FILTER (WHERE NOT granted)::int AS waiting
          FROM pg_locks WHERE locktype = 'advisory' AND pid = ${pid}`.execute(db)
    ).rows[0]!;

  test('when a second transaction names held keys in another order, with one more, then it waits holding none of them, and takes them all once the first ends', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((k) => `lock-test:${uniqueSuffix()}:${k}`) as [string, string, string];
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let firstHolds!: () => void;
    const firstHeld = new Promise<void>((r) => (firstHolds = r));
    const first = db.transaction().execute(async (trx) => {
      await lockKeys(trx, [b, a]);
      firstHolds();
      await released;
    });
    await firstHeld;
    let secondPid = 0;
    const second = db.transaction().execute(async (trx) => {
      secondPid = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx)).rows[0]!.pid;
      await lockKeys(trx, [c, b, a, c]);
      return advisoryOf(secondPid);
    });
    // Sorted, the second asks for `a` first: it waits holding nothing, not `c` (free) taken before
    // it reached a held key, which the first might want next.
    await eventually(async () => secondPid !== 0 && (await advisoryOf(secondPid)).waiting === 1, 10_000, 'the second waiting');
    expect(await advisoryOf(secondPid)).toEqual({ held: 0, waiting: 1 });
    release();
    await first;
    expect(await second).toEqual({ held: 3, waiting: 0 });
  });

  test('when many transactions lock overlapping keys in shuffled orders at once then every one commits (no deadlock)', async () => {
    const keys = ['p', 'q', 'r', 's', 't'].map((k) => `lock-test:${uniqueSuffix()}:${k}`);
    const shuffled = () => [...keys].sort(() => Math.random() - 0.5).slice(0, 4);
    const runs = Array.from({ length: 24 }, () =>
      db.transaction().execute(async (trx) => {
        await lockKeys(trx, shuffled());
        await sql`SELECT pg_sleep(0.005)`.execute(trx);
      }),
    );
    await expect(Promise.all(runs)).resolves.toHaveLength(24);
  });

  test('when there are no keys then nothing is locked', async () => {
    const held = await db.transaction().execute(async (trx) => {
      await lockKeys(trx, []);
      return (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`.execute(
          trx,
        )
      ).rows[0]!.n;
    });
    expect(held).toBe(0);
  });
});
