import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The migrated template of this test run (set by the global set-up; one per run, so runs never collide). */
export const templateDb = (): string => process.env.ERON_TEMPLATE_DB ?? 'eron_test_template';

/** The same server as DATABASE_URL, another database. */
export function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer<T>(base: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl(base, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(base: string, name: string): Promise<void> {
  await onServer(base, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Drops and recreates a database (the migrated template, in the global set-up). */
export async function recreateDatabase(base: string, name: string): Promise<string> {
  await onServer(base, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  return databaseUrl(base, name);
}

/**
 * A fresh database cloned from the migrated template: each test file owns its data
 * (CREATE DATABASE … TEMPLATE is a file copy, far faster than migrating).
 */
export async function cloneTemplate(base: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `eron_t_${randomBytes(5).toString('hex')}`;
  for (let attempt = 0; ; attempt += 1) {
    try {
      await onServer(base, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDb()}"`));
      break;
    } catch (err) {
      // Two clones at the same instant can collide on the template's lock; try again shortly.
      if (attempt >= 20 || !/being accessed by other users/.test((err as Error).message)) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  return {
    url: databaseUrl(base, name),
    drop: () => onServer(base, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
