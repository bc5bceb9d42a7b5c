import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Income, movements and exits (FOL-11 … FOL-15) and shop account submissions (FOL-17). The money
 * itself is in the ledger; these tables hold what the ledger cannot say (the split, the payout's
 * state). Work pay and moves are history: append-only.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('savings_authorisations')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('authorised', 'boolean', (c) => c.notNull())
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('savings_authorisations_nui').on('savings_authorisations').columns(['nui', 'id']).execute();

    await db.schema
      .createTable('work_payments')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
      .addColumn('caja_especial', 'bigint', (c) => c.notNull())
      .addColumn('savings', 'bigint', (c) => c.notNull())
      .addColumn('available', 'bigint', (c) => c.notNull())
      .addColumn('transaction_id', 'uuid', (c) => c.notNull().references('ledger_transactions.id'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('work_payments_one_per_month', ['nui', 'month'])
      .addCheckConstraint('work_payments_split_adds_up', sql`caja_especial + savings + available = amount`)
      .execute();

    await db.schema
      .createTable('folio_moves')
      .addColumn('transfer_id', 'uuid', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('from_eron', 'text', (c) => c.notNull())
      .addColumn('to_eron', 'text', (c) => c.notNull())
      .addColumn('moved_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();

    await db.schema
      .createTable('payouts')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('exit_id', 'uuid', (c) => c.notNull().unique())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('available', 'bigint', (c) => c.notNull())
      .addColumn('savings', 'bigint', (c) => c.notNull())
      .addColumn('seized', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('settled_as', 'text')
      .addColumn('to_nui', 'text')
      .addColumn('approval', 'text')
      .addColumn('paid_by', 'text')
      .addColumn('paid_at', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('payouts_parts_add_up', sql`available + savings + seized = amount`)
      .execute();

    await db.schema
      .createTable('settlements')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('exit_id', 'uuid', (c) => c.notNull().unique())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('paid', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('settlements_not_overpaid', sql`paid >= 0 AND paid <= amount`)
      .execute();

    await db.schema
      .createTable('settlement_payments')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('settlement_id', 'uuid', (c) => c.notNull().references('settlements.id'))
      .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
      .addColumn('beneficiary_document', 'text', (c) => c.notNull())
      .addColumn('beneficiary_names', 'text', (c) => c.notNull())
      .addColumn('authorisation_reference', 'text', (c) => c.notNull())
      .addColumn('transaction_id', 'uuid', (c) => c.notNull().references('ledger_transactions.id'))
      .addColumn('paid_by', 'text', (c) => c.notNull())
      .addColumn('paid_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();

    await db.schema
      .createTable('shop_account_submissions')
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('submitted_to', 'text', (c) => c.notNull())
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('submitted_by', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('shop_account_submissions_pk', ['eron', 'month'])
      .execute();

    for (const table of ['savings_authorisations', 'work_payments', 'folio_moves', 'settlement_payments', 'shop_account_submissions']) {
      await sql`CREATE TRIGGER ${sql.id(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${sql.id(table)}
        FOR EACH ROW EXECUTE FUNCTION forbid_change()`.execute(db);
    }
  },
  async down(db: Kysely<any>) {
    for (const table of [
      'shop_account_submissions',
      'settlement_payments',
      'settlements',
      'payouts',
      'folio_moves',
      'work_payments',
      'savings_authorisations',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
