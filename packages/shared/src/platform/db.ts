import { Kysely, PostgresDialect, sql, type QueryResult, type RawBuilder, type Transaction } from 'kysely';
import { Migrator, type Migration } from 'kysely';
import pg, { Pool } from 'pg';

// Pesos are whole numbers far below 2^53, and dates are calendar dates in Bogotá (PLT-09):
// read BIGINT as number and DATE as its 'YYYY-MM-DD' text, never as a shifted JS Date.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/**
 * Each service owns one Postgres schema (PLT-07): its pool sets `search_path` to it, so its
 * queries and migrations never see another service's tables.
 */
const pools = new WeakMap<Kysely<any>, Pool>();

/**
 * The pg pool under a Kysely instance made by createDb: for the one hot statement that runs as a
 * named prepared statement, parsed once per connection (PLT-13); everything else goes through Kysely.
 */
export function poolOf(db: Kysely<any>): Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('poolOf: this Kysely instance was not made by createDb');
  return pool;
}

/** The SQL texts that run as named prepared statements, and their names (see `executePrepared`). */
const preparedNames = new Map<string, string>();
const preparedTexts = new Map<string, string>();

/** What a BEGIN, COMMIT or ROLLBACK answers; also what the held BEGIN answers at once. */
const noRows = (command: string) => ({ command, rowCount: null, oid: 0, rows: [], fields: [] });

/**
 * A pg client that sends a statement registered by `executePrepared` by its name: Postgres parses
 * it once per connection and plans it once, without its values (a generic plan, from the first
 * run). Any other statement goes as Kysely sent it: unnamed, parsed and planned every time with its
 * values — a generic plan of `created_at < $1` is a plan for a third of the table, a scan of a big
 * one. The session's `plan_cache_mode` follows: set to `force_generic_plan` before a named
 * statement and back to the default before a statement with values, only when it changes (a
 * booking's connection runs its named statements and value-less locks, and never switches).
 *
 * A transaction's BEGIN is held until its first statement and, when that statement has no
 * parameters (written with `literal`), sent in one message with it (`BEGIN; SELECT …`): one round
 * trip less for a transaction that starts by taking its locks (PLT-15). Postgres keeps the
 * transaction open past the end of that message, exactly as after a BEGIN of its own. A first
 * statement with parameters is preceded by the BEGIN as usual; a transaction ended before any
 * statement never reached the server, and its COMMIT or ROLLBACK is not sent either.
 */
class PreparingClient extends pg.Client {
  private beginHeld = false;
  /**
   * Whether the session plans generically, as this client last set it; unknown (undefined) after
   * a failure or a ROLLBACK, which undo a SET made in their transaction.
   */
  private generic: boolean | undefined = false;

  override query(config: unknown, values?: unknown, callback?: unknown): any {
    const bare = typeof config === 'string' && (values === undefined || (Array.isArray(values) && values.length === 0)) && !callback;
    if (bare && config === 'begin' && !this.beginHeld) {
      this.beginHeld = true;
      return Promise.resolve(noRows('BEGIN'));
    }
    const name = typeof config === 'string' && Array.isArray(values) ? preparedNames.get(config) : undefined;
    const planned = name !== undefined ? true : Array.isArray(values) && values.length > 0 ? false : this.generic;
    const setting = planned === this.generic ? undefined : `set plan_cache_mode = ${planned ? 'force_generic_plan' : 'default'}`;
    this.generic = planned;
    if (this.beginHeld) {
      this.beginHeld = false;
      if (bare && (config === 'commit' || config === 'rollback')) return Promise.resolve(noRows(config.toUpperCase()));
      if (bare && !preparedNames.has(config))
        return (super.query as any)(`begin; ${config}`).then((r: unknown) => (Array.isArray(r) ? r[r.length - 1] : r));
      // pg sends queries in the order asked: the BEGIN (with the setting) goes first, and the statement (a COPY
      // stream too) is returned as pg returns it. A BEGIN that fails fails on a broken connection, as the statement will.
      (super.query as any)(setting ? `begin; ${setting}` : 'begin').catch(() => undefined);
    } else if (setting) (super.query as any)(setting).catch(() => undefined);
    if (bare && config === 'rollback') this.generic = undefined;
    const sent = name ? (super.query as any)({ name, text: config, values }, callback) : (super.query as any)(config, values, callback);
    if (callback || typeof sent?.catch !== 'function') return sent;
    return sent.catch((err: unknown) => {
      this.generic = undefined;
      throw err;
    });
  }
}

/**
 * Text values written into a statement's text, quoted by pg's `escapeLiteral` (an array of them
 * with `ARRAY[…]::text[]`), for a statement that must go without parameters: the first statement of
 * a transaction, sent with its BEGIN (see PreparingClient). Only for short lists of plain values.
 */
export const literal = (values: readonly string[]): RawBuilder<string[]> =>
  sql.raw(`ARRAY[${values.map((v) => pg.escapeLiteral(v)).join(', ')}]::text[]`);

/**
 * Runs a hot statement inside a transaction (or on the pool) as a named prepared statement. Its
 * planning is then paid once per connection instead of every run: for the booking's facts, a
 * dozen sub-selects, planning cost nine times the execution (PLT-15). Only for statements whose
 * text never varies with the values (arrays go as one parameter) and whose columns are named, not
 * `*`: a prepared statement whose result columns a migration changes fails ("cached plan must
 * not change result type") until its connection is replaced.
 */
export async function executePrepared<R>(db: Kysely<any> | Transaction<any>, name: string, query: RawBuilder<R>): Promise<QueryResult<R>> {
  const compiled = query.compile(db);
  const known = preparedTexts.get(name);
  if (known === undefined) {
    preparedTexts.set(name, compiled.sql);
    preparedNames.set(compiled.sql, name);
  } else if (known !== compiled.sql) {
    throw new Error(`executePrepared: the statement ${name} was given another text (it must not vary with its values)`);
  }
  return db.executeQuery(compiled);
}

export function createDb<DB>(databaseUrl: string, schema: string, max = 10): Kysely<DB> {
  const pool = new Pool({
    Client: PreparingClient,
    connectionString: databaseUrl,
    max,
    // Plans: generic for the named statements only (see PreparingClient).
    options: `-c search_path=${schema}`,
    // A burst queues for a connection rather than failing: 1 000 purchases at once on one account
    // wait their turn on its row lock anyway (PLT-16).
    connectionTimeoutMillis: 15_000,
  });
  // A client losing its server is not a reason to die: the query in flight fails (and its
  // transaction rolls back), the pool drops the client, and the next query reconnects.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

const SEPARATOR = '\x1f';
const NULL_MARK = '\x1e';
type ArrayType = 'uuid' | 'text' | 'bigint' | 'int' | 'date';

/**
 * A column of values for `unnest(…)` in a bulk INSERT, sent as one text parameter and split by
 * Postgres: half the client's work of a quoted array literal for 10 000-row batches (PLT-14).
 * Values holding the separator (a control character) are refused rather than split.
 */
export function column(values: readonly (string | number | bigint | null | undefined)[], type: ArrayType): RawBuilder<unknown> {
  const text = values
    .map((v) => {
      if (v === null || v === undefined) return NULL_MARK;
      const s = String(v);
      if (s.includes(SEPARATOR) || s.includes(NULL_MARK)) throw new Error('column: a value holds a control character');
      return s;
    })
    .join(SEPARATOR);
  // string_to_array('') is the empty array: no values, or one empty string, are spelled out.
  if (text === '') return values.length === 0 ? sql`ARRAY[]::${sql.raw(type)}[]` : sql`ARRAY['']::${sql.raw(type)}[]`;
  return sql`string_to_array(${text}, ${SEPARATOR}, ${NULL_MARK})::${sql.raw(type)}[]`;
}

export type Migrations = Record<string, Migration>;

/** Runs a service's migrations in its schema; throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<any>, schema: string, migrations: Migrations): Promise<string[]> {
  await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: schema,
    // Capabilities of a service add migrations side by side (each in its own time range), so a
    // newer capability's file may sort before one already applied: run it rather than refuse.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`Migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).map((r) => `${r.migrationName}: ${r.status}`);
}
