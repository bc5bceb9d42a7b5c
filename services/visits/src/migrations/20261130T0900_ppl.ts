import { sql, type Kysely, type Migration } from 'kysely';

/** The visits-side PPL directory, kept from classification's events. */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('ppl')
      .addColumn('nui', 'text', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('legal_status', 'text', (c) => c.notNull())
      .addColumn('sex', 'text', (c) => c.notNull())
      .addColumn('security_level', 'integer')
      .addColumn('state', 'text', (c) => c.notNull().defaultTo('held'))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('ppl').execute();
  },
};
