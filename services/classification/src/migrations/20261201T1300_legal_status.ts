import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The history of a PPL's legal situation after intake (CLS-06, Art. 26): each change — today a
 * conviction becoming firm — with the judicial decision's data. Rows are appended, never rewritten;
 * the status in force is also kept on `ppl`. One firm conviction per person: a second cannot stand.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('legal_status_history')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull().references('ppl.nui'))
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('from_status', 'text', (c) => c.notNull())
      .addColumn('to_status', 'text', (c) => c.notNull())
      .addColumn('court', 'text', (c) => c.notNull())
      .addColumn('decision_number', 'text', (c) => c.notNull())
      .addColumn('firm_on', 'date', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('legal_status_history_changes', sql`from_status <> to_status`)
      .execute();
    await sql`CREATE UNIQUE INDEX legal_status_history_conviction ON legal_status_history (nui) WHERE to_status = 'condenado'`.execute(db);
    await db.schema.createIndex('legal_status_history_nui').on('legal_status_history').columns(['nui', 'recorded_at']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('legal_status_history').execute();
  },
};
