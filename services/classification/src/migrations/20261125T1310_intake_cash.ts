import { sql, type Kysely, type Migration } from 'kysely';

/** The paymaster's receipt of the cash found at intake, with the act's three signatures (CLS-10, Art. 28). */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('intake_cash_receipts')
      .addColumn('nui', 'text', (c) => c.primaryKey().references('ppl.nui'))
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('received_on', 'date', (c) => c.notNull())
      .addColumn('guard_commander', 'text', (c) => c.notNull())
      .addColumn('custody_officer', 'text', (c) => c.notNull())
      .addColumn('paymaster', 'text', (c) => c.notNull())
      .addColumn('copy_given_to_ppl', 'boolean', (c) => c.notNull().check(sql`copy_given_to_ppl`))
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await sql`CREATE TRIGGER intake_cash_receipts_append_only BEFORE UPDATE OR DELETE ON intake_cash_receipts
      FOR EACH ROW EXECUTE FUNCTION forbid_change()`.execute(db);
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('intake_cash_receipts').execute();
  },
};
