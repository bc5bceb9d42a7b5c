import { sql, type Kysely, type Migration } from 'kysely';

/** Discipline's directory of PPL and establishments, kept from classification's events (PLT-07). */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('ppl')
      .addColumn('nui', 'text', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) =>
        c
          .notNull()
          .defaultTo('held')
          .check(sql`state IN ('held', 'exited')`),
      )
      .addColumn('legal_status', 'text')
      .addColumn('sex', 'text', (c) => c.check(sql`sex IN ('M', 'F')`))
      .addColumn('names', 'text')
      .addColumn('surnames', 'text')
      .addColumn('admitted_at', 'timestamptz')
      .addColumn('sentenced_at', 'timestamptz')
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('establishments')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ppl_eron').on('ppl').columns(['eron', 'state']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('establishments').execute();
    await db.schema.dropTable('ppl').execute();
  },
};
