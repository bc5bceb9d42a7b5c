import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely';

/**
 * The tables every service has in its schema: outbox and inbox (PLT-08), idempotency keys
 * (PLT-05) and the append-only audit log (PLT-06). Frozen: a change is a new migration.
 */
export const platformMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('outbox')
      .addColumn('seq', 'bigserial', (c) => c.primaryKey())
      .addColumn('id', 'uuid', (c) => c.notNull().unique())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('envelope', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('published_at', 'timestamptz')
      .execute();
    await sql`CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL`.execute(db);

    await db.schema
      .createTable('inbox')
      .addColumn('event_id', 'uuid', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('applied_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();

    await db.schema
      .createTable('idempotency_keys')
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('status', 'integer')
      .addColumn('response', 'jsonb')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
      .execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('roles', sql`text[]`, (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('request_id', 'text')
      .addColumn('details', 'jsonb')
      .execute();
    await sql`
      CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`.execute(db);
    await sql`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION forbid_change()`.execute(db);
  },
  async down(db: Kysely<any>) {
    for (const t of ['audit_log', 'idempotency_keys', 'inbox', 'outbox']) await db.schema.dropTable(t).execute();
    await sql`DROP FUNCTION forbid_change()`.execute(db);
  },
};

export const PLATFORM_MIGRATION_NAME = '20261125T0800_platform';

/**
 * Idempotency keys (PLT-05) bound to the establishments their caller acted for, and pruned by age:
 * see idempotency.ts. Existing rows keep a null scope, which only a national caller may replay.
 */
export const idempotencyScopeMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('idempotency_keys').addColumn('actor_scope', 'text').execute();
    await db.schema.createIndex('idempotency_keys_created_at').on('idempotency_keys').column('created_at').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('idempotency_keys_created_at').execute();
    await db.schema.alterTable('idempotency_keys').dropColumn('actor_scope').execute();
  },
};

/** The platform's migrations, in every service's schema before its own. */
export const platformMigrations: Record<string, Migration> = {
  [PLATFORM_MIGRATION_NAME]: platformMigration,
  '20261201T0800_platform_idempotency_scope': idempotencyScopeMigration,
};
