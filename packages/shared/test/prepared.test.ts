import { sql } from 'kysely';
import { createDb, executePrepared, literal, poolOf } from '../src/platform';
import { testConfig } from '../src/testing';

/**
 * PLT-15: a hot statement run through executePrepared is a named prepared statement on its
 * connection, planned once (generic plan) instead of on every run, inside a transaction as on the
 * pool; a name given two texts is a programming error, refused before anything runs.
 */
describe('executePrepared (PLT-15)', () => {
  let cleanup: () => Promise<void>;
  let databaseUrl: string;

  beforeAll(async () => {
    const t = await testConfig();
    cleanup = t.cleanup;
    databaseUrl = t.config.DATABASE_URL;
  });
  afterAll(async () => cleanup());

  test('PLT-15 when a statement runs prepared then its connection holds it by name with a generic plan, and the answers are the same', async () => {
    const db = createDb(databaseUrl, 'public', 1);
    try {
      const double = (n: number) => sql<{ twice: number }>`SELECT ${n}::int * 2 AS twice`;
      const answers = await db.transaction().execute(async (trx) => {
        const out: number[] = [];
        for (const n of [1, 2, 3, 4, 5, 6, 7]) out.push((await executePrepared(trx, 'test_double', double(n))).rows[0]!.twice);
        return out;
      });
      expect(answers).toEqual([2, 4, 6, 8, 10, 12, 14]);
      expect((await executePrepared(db, 'test_double', double(21))).rows[0]!.twice).toBe(42);
      // One connection in the pool: the same session that ran it answers for its prepared statements.
      const held = await sql<{ name: string; generic_plans: number; custom_plans: number }>`
        SELECT name, generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE name = 'test_double'`.execute(db);
      expect(held.rows).toEqual([{ name: 'test_double', generic_plans: 8, custom_plans: 0 }]);
    } finally {
      await db.destroy();
    }
  });

  test('PLT-15 when a connection ran a prepared statement then its other statements are still planned with their values, and after a rollback the prepared one keeps its generic plan', async () => {
    const db = createDb(databaseUrl, 'public', 1);
    const double = (n: number) => sql<{ twice: number }>`SELECT ${n}::int * 2 AS twice`;
    /** The plan mode an unnamed statement with a value runs under: `auto` plans it with the value (`g < 5`), not for any (`g < $1`). */
    const modeOf = async (r: typeof db | Parameters<Parameters<ReturnType<typeof db.transaction>['execute']>[0]>[0]) =>
      (
        await sql<{
          mode: string;
        }>`SELECT current_setting('plan_cache_mode') AS mode FROM generate_series(1, 10) g WHERE g = ${5}::int`.execute(r)
      ).rows[0]!.mode;
    const plans = async () =>
      (
        await sql<{ generic_plans: number; custom_plans: number }>`
          SELECT generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE name = 'test_generic'`.execute(db)
      ).rows[0];
    try {
      expect(await modeOf(db)).toBe('auto');
      await executePrepared(db, 'test_generic', double(1));
      expect(await modeOf(db)).toBe('auto');
      await db.transaction().execute(async (trx) => {
        await executePrepared(trx, 'test_generic', double(2));
        expect(await modeOf(trx)).toBe('auto');
        await executePrepared(trx, 'test_generic', double(3));
      });
      // A transaction rolled back after its prepared statement undoes the setting made in it: set again.
      await expect(
        db.transaction().execute(async (trx) => {
          await executePrepared(trx, 'test_generic', double(4));
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      for (const n of [5, 6, 7]) expect((await executePrepared(db, 'test_generic', double(n))).rows[0]!.twice).toBe(n * 2);
      expect(await plans()).toEqual({ generic_plans: 7, custom_plans: 0 });
      expect(await modeOf(db)).toBe('auto');
    } finally {
      await db.destroy();
    }
  });

  test('PLT-15 when one name is given two texts then it is refused before anything is sent', async () => {
    const db = createDb(databaseUrl, 'public', 1);
    try {
      await executePrepared(db, 'test_one_text', sql`SELECT 1 AS one`);
      await expect(executePrepared(db, 'test_one_text', sql`SELECT 2 AS one`)).rejects.toThrow(/another text/);
    } finally {
      await db.destroy();
    }
  });

  /** The simple-protocol messages (text) the pool's connections send, as Postgres receives them. */
  function sent(db: ReturnType<typeof createDb>): string[] {
    const out: string[] = [];
    poolOf(db).on('connect', (client) => {
      const stream = (client as unknown as { connection: { stream: { write: (b: Buffer, ...rest: unknown[]) => boolean } } }).connection
        .stream;
      const write = stream.write.bind(stream);
      stream.write = (b: Buffer, ...rest: unknown[]) => {
        if (Buffer.isBuffer(b) && b[0] === 0x51) out.push(b.subarray(5, b.length - 1).toString());
        return write(b, ...rest);
      };
    });
    return out;
  }

  test('PLT-15 when a transaction starts with a statement without parameters then its BEGIN goes with it, and it is a transaction all the same', async () => {
    const db = createDb(databaseUrl, 'public', 1);
    const other = createDb(databaseUrl, 'public', 1);
    const messages = sent(db);
    try {
      await sql`CREATE TABLE IF NOT EXISTS held_begin (k text PRIMARY KEY)`.execute(db);
      await sql`INSERT INTO held_begin VALUES ('a'), ('b') ON CONFLICT DO NOTHING`.execute(db);
      messages.length = 0;
      await db
        .transaction()
        .execute(async (trx) => {
          const locked = await sql<{ k: string }>`SELECT k FROM held_begin WHERE k = ANY(${literal(['a', "it's"])}) FOR UPDATE`.execute(
            trx,
          );
          expect(locked.rows).toEqual([{ k: 'a' }]);
          // Held until the end: another session cannot take the row.
          await expect(sql`SELECT k FROM held_begin WHERE k = 'a' FOR UPDATE NOWAIT`.execute(other)).rejects.toThrow(
            /could not obtain lock/,
          );
          await sql`DELETE FROM held_begin WHERE k = ${'b'}`.execute(trx);
          throw new Error('undo');
        })
        .catch((err: Error) => expect(err.message).toBe('undo'));
      expect(messages[0]).toMatch(/^begin; SELECT k FROM held_begin/);
      expect(messages).not.toContain('begin');
      expect(messages.at(-1)).toBe('rollback');
      // Rolled back: the delete is undone, and the connection is out of the transaction.
      const after = await sql<{ n: number; alone: boolean }>`
        SELECT (SELECT count(*)::int FROM held_begin) AS n, (SELECT xact_start = query_start FROM pg_stat_activity WHERE pid = pg_backend_pid()) AS alone`.execute(
        db,
      );
      expect(after.rows).toEqual([{ n: 2, alone: true }]);
    } finally {
      await sql`DROP TABLE IF EXISTS held_begin`.execute(db);
      await db.destroy();
      await other.destroy();
    }
  });

  test('PLT-15 when a transaction starts with parameters, or ends before any statement, then its BEGIN goes alone or not at all', async () => {
    const db = createDb(databaseUrl, 'public', 1);
    const messages = sent(db);
    try {
      await sql`SELECT 1`.execute(db);
      messages.length = 0;
      const two = await db
        .transaction()
        .execute(async (trx) => (await sql<{ n: number }>`SELECT ${1}::int + 1 AS n`.execute(trx)).rows[0]!.n);
      expect(two).toBe(2);
      expect(messages).toEqual(['begin', 'commit']);
      messages.length = 0;
      await db.transaction().execute(async () => undefined);
      await expect(db.transaction().execute(async () => Promise.reject(new Error('before any statement')))).rejects.toThrow('before any');
      expect(messages).toEqual([]);
      // A first statement that fails: the transaction is rolled back and the connection is clean.
      await expect(db.transaction().execute(async (trx) => sql`SELECT 1/0`.execute(trx))).rejects.toThrow(/division by zero/);
      expect(messages).toEqual(['begin; SELECT 1/0', 'rollback']);
      const alone = await sql<{
        alone: boolean;
      }>`SELECT xact_start = query_start AS alone FROM pg_stat_activity WHERE pid = pg_backend_pid()`.execute(db);
      expect(alone.rows).toEqual([{ alone: true }]);
    } finally {
      await db.destroy();
    }
  });
});
