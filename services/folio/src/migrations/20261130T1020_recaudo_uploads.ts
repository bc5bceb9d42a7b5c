import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Issue 8: a large collection file is not parsed on the request. The request keeps its bytes here
 * and answers 202; the file job checks it (ASO-01 … ASO-15) and either refuses it, with the
 * check, line and field of each issue, or registers it as a file (`file_id`) and books it.
 */
export const migration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('recaudo_uploads')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('raw', 'bytea', (c) => c.notNull())
      .addColumn('bytes', 'integer', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull().check(sql`source IN ('bank', 'staff')`))
      .addColumn('uploaded_by', 'text', (c) => c.notNull())
      .addColumn('uploader_erons', 'jsonb')
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('received', 'refused', 'accepted')`))
      .addColumn('errors', 'jsonb')
      .addColumn('file_id', 'uuid')
      .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('checked_at', 'timestamptz')
      .execute();
    await sql`CREATE INDEX recaudo_uploads_received ON recaudo_uploads (received_at) WHERE status = 'received'`.execute(db);
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropTable('recaudo_uploads').execute();
  },
};
