import { sql, type Kysely, type Migration } from 'kysely';

/**
 * What each PPL spent per Bogotá day ('d:YYYY-MM-DD') and month ('m:YYYY-MM') (FOL-07). Kept next to
 * the ledger and updated in the same transaction as the use, under the account row lock, so checking
 * a cap is one indexed read instead of a sum over postings.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('spend_totals')
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`amount >= 0`),
      )
      .addPrimaryKeyConstraint('spend_totals_pk', ['nui', 'period'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('spend_totals').execute();
  },
};
