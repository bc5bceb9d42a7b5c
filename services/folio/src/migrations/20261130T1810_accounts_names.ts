import { type Kysely, type Migration } from 'kysely';

/**
 * Names for the documents folio issues (FOL-16): the PPL's names as the admission's order states
 * them (from `ppl.admitted`), and the establishments' names (from `establishment.registered`).
 * Null where the event that would carry them was published before they were added.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('folios').addColumn('names', 'text').addColumn('surnames', 'text').execute();
    await db.schema
      .createTable('establishments')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('registered_by_event', 'uuid', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('establishments').execute();
    await db.schema.alterTable('folios').dropColumn('names').dropColumn('surnames').execute();
  },
};
