import { sql } from 'kysely';
import { createDb, executePrepared } from '../src/platform';
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

  test('PLT-15 when one name is given two texts then it is refused before anything is sent', async () => {
    const db = createDb(databaseUrl, 'public', 1);
    try {
      await executePrepared(db, 'test_one_text', sql`SELECT 1 AS one`);
      await expect(executePrepared(db, 'test_one_text', sql`SELECT 2 AS one`)).rejects.toThrow(/another text/);
    } finally {
      await db.destroy();
    }
  });
});
