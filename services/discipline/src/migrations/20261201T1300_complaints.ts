import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Complaints, claims and reports (DIS-19, Art. 142) with their deadlines counted from knowledge of
 * the fact; the complainant's identity and a sexual-violence account live apart (PLT-06).
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('complaints')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('crime_alleged', 'boolean', (c) => c.notNull())
      .addColumn('account', 'text')
      .addColumn('urgent_measures', 'text')
      .addColumn('known_at', 'timestamptz', (c) => c.notNull())
      .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('send_due_at', 'timestamptz', (c) => c.notNull())
      .addColumn('sent_to', 'text', (c) => c.check(sql`sent_to IN ('procuraduria', 'fiscalia')`))
      .addColumn('sent_at', 'timestamptz')
      .addColumn('report_due_at', 'timestamptz')
      .addColumn('report_number', 'text')
      .addColumn('report_officer', 'text')
      .addColumn('reported_at', 'timestamptz')
      .addColumn('overdue_flagged_at', 'timestamptz')
      .addColumn('registered_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('complaints_eron').on('complaints').columns(['eron', 'received_at']).execute();
    await sql`CREATE INDEX complaints_open ON complaints (send_due_at) WHERE sent_at IS NULL OR (report_due_at IS NOT NULL AND reported_at IS NULL)`.execute(
      db,
    );
    await db.schema
      .createTable('complaint_confidential')
      .addColumn('complaint_id', 'uuid', (c) => c.primaryKey().references('complaints.id'))
      .addColumn('complainant', 'jsonb', (c) => c.notNull())
      .addColumn('account', 'text')
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('complaint_confidential').execute();
    await db.schema.dropTable('complaints').execute();
  },
};
