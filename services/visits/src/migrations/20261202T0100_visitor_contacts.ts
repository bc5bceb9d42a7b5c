import { sql, type Kysely, type Migration } from 'kysely';

/** A visitor's contact, to tell them of a cancelled visit (VIS-09, VIS-10); confidential, apart from `visitors` (PLT-06). */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('visitor_contacts')
      .addColumn('visitor_id', 'uuid', (c) => c.primaryKey().references('visitors.id'))
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('visitor_contacts').execute();
  },
};
