import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely';

/** The record (cartilla biográfica) with its history, its confidential part and the foreign-PPL notices (CLS-06 … CLS-09). */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('ppl_records')
      .addColumn('nui', 'text', (c) => c.primaryKey().references('ppl.nui'))
      .addColumn('parts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();

    // Kept apart from ordinary fields (CLS-07, PLT-06): one column per section, each with its own readers.
    await db.schema
      .createTable('ppl_confidential')
      .addColumn('nui', 'text', (c) => c.primaryKey().references('ppl.nui'))
      .addColumn('identity', 'jsonb')
      .addColumn('health', 'jsonb')
      .addColumn('children', 'jsonb')
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();

    // Every change: who, when, what (CLS-06). Confidential changes name the sections, never the values.
    await db.schema
      .createTable('record_history')
      .addColumn('seq', 'bigserial', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull().references('ppl.nui'))
      .addColumn('part', 'text', (c) => c.notNull().check(sql`part IN ('general', 'confidential')`))
      .addColumn('fields', sql`text[]`, (c) => c.notNull())
      .addColumn('before', 'jsonb')
      .addColumn('after', 'jsonb')
      .addColumn('changed_by', 'text', (c) => c.notNull())
      .addColumn('roles', sql`text[]`, (c) => c.notNull())
      .addColumn('request_id', 'text')
      .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('record_history_nui').on('record_history').columns(['nui', 'seq']).execute();
    await sql`CREATE FUNCTION record_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'record_history is append-only'; END $$`.execute(db);
    await sql`CREATE TRIGGER record_history_append_only BEFORE UPDATE OR DELETE ON record_history
      FOR EACH ROW EXECUTE FUNCTION record_history_append_only()`.execute(db);

    // One notice per PPL and recipient, ever (CLS-08).
    await db.schema
      .createTable('foreign_notices')
      .addColumn('nui', 'text', (c) => c.notNull().references('ppl.nui'))
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('notification_id', 'uuid', (c) => c.notNull())
      .addColumn('nationality', 'text', (c) => c.notNull())
      .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('foreign_notices_pk', ['nui', 'recipient'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('foreign_notices').execute();
    await db.schema.dropTable('record_history').execute();
    await sql`DROP FUNCTION record_history_append_only()`.execute(db);
    await db.schema.dropTable('ppl_confidential').execute();
    await db.schema.dropTable('ppl_records').execute();
  },
};
