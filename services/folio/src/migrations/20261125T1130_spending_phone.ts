import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Phone credit bought from the telephony provider (FOL-10): money is held first, then confirmed to
 * the provider or released. The request key makes a retry return the first outcome; the id is the
 * reference the provider deduplicates on.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('phone_credits')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('request_key', 'text', (c) => c.notNull().unique())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('line', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('held', 'confirmed', 'released')`))
      .addColumn('hold_tx', 'uuid', (c) => c.notNull().references('ledger_transactions.id'))
      .addColumn('settle_tx', 'uuid', (c) => c.references('ledger_transactions.id'))
      .addColumn('provider_tx', 'text')
      .addColumn('failure', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('settled_at', 'timestamptz')
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('phone_credits').execute();
  },
};
