import { type Kysely, type Migration } from 'kysely';

/**
 * FOL-06 (b): where a collection file came from and for whom. `source` is `bank` (the bank's
 * machine client, HMAC-signed) or `staff` (an upload by an officer); `uploader_erons` are the
 * establishments the uploading officer acted for (null: national scope, or the bank).
 */
export const migration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .alterTable('recaudo_files')
      .addColumn('source', 'text', (c) => c.notNull().defaultTo('staff'))
      .addColumn('uploader_erons', 'jsonb')
      .execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('recaudo_files').dropColumn('source').dropColumn('uploader_erons').execute();
  },
};
