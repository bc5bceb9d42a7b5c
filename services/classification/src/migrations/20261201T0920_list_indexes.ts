import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Indexes for the paged lists and the history of the stay (PLT-18, CLS-06): each page reads the
 * rows it returns, never a whole table — intake cash by establishment and search date (CLS-10), a
 * person's admissions, placements, transfers and escapes-register entries (CLS-06).
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await sql`CREATE INDEX admissions_cash_search ON admissions (eron, cash_search_date, nui) WHERE cash_amount IS NOT NULL`.execute(db);
    await db.schema.createIndex('admissions_nui').on('admissions').column('nui').execute();
    await db.schema.createIndex('placements_nui').on('placements').columns(['nui', 'placed_at']).execute();
    await db.schema.createIndex('transfers_nui').on('transfers').columns(['nui', 'ordered_at']).execute();
    await db.schema.createIndex('escape_register_nui').on('escape_register').columns(['nui', 'occurred_at']).execute();
  },
  async down(db: Kysely<any>) {
    for (const index of ['escape_register_nui', 'transfers_nui', 'placements_nui', 'admissions_nui', 'admissions_cash_search']) {
      await db.schema.dropIndex(index).execute();
    }
  },
};
