import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The paymaster's decision on a deposit held for review (FOL-06). Deposits are append-only, so the
 * decision is its own row: at most one per deposit (the primary key), never changed.
 */
export const migration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('recaudo_deposit_reviews')
      .addColumn('deposit_id', 'uuid', (c) => c.primaryKey().references('recaudo_deposits.id'))
      .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision IN ('credit', 'refund')`))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('credited', 'rejected')`))
      .addColumn('reason', 'text')
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('depositor_id', 'uuid', (c) => c.references('depositors.id'))
      .addColumn('transaction_id', 'uuid', (c) => c.notNull())
      .addColumn('decided_by', 'text', (c) => c.notNull())
      .addColumn('request_id', 'text')
      .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await sql`CREATE TRIGGER recaudo_deposit_reviews_append_only BEFORE UPDATE OR DELETE ON recaudo_deposit_reviews
      FOR EACH ROW EXECUTE FUNCTION forbid_change()`.execute(db);
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('recaudo_deposit_reviews').execute();
  },
};
