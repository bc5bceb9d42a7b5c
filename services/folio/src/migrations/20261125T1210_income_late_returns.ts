import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Money that reaches a payout after the exit (FOL-10 × FOL-14): a phone credit held before the exit
 * and released after it follows the balance to the payout, which may already have been handed over.
 * `paid` is what the paymaster has handed over so far, so a late return is owed on its own and
 * never paid twice.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('payouts')
      .addColumn('paid', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`UPDATE payouts SET paid = amount WHERE status = 'paid'`.execute(db);
    await db.schema
      .alterTable('payouts')
      .addCheckConstraint('payouts_not_overpaid', sql`paid >= 0 AND paid <= amount`)
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('payouts').dropConstraint('payouts_not_overpaid').execute();
    await db.schema.alterTable('payouts').dropColumn('paid').execute();
  },
};
