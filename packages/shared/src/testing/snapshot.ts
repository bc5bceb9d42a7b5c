import { sql, type Kysely } from 'kysely';

/** Every row of every table of the service's schema, as one fingerprint per table (PLT-18 "changes nothing"). */
export async function databaseSnapshot(db: Kysely<any>): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`.execute(db);
  const out: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const { rows } = await sql<{ n: string; h: string }>`SELECT count(*) AS n,
      md5(COALESCE(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${sql.table(name)} t`.execute(db);
    out[name] = `${rows[0]!.n} rows ${rows[0]!.h}`;
  }
  return out;
}
