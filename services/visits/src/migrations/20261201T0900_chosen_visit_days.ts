import { sql, type Kysely, type Migration } from 'kysely';

/** The visit day a trans or intersex PPL chose (VIS-04); confidential (PLT-06). */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('chosen_visit_days')
      .addColumn('nui', 'text', (c) => c.primaryKey().references('ppl.nui'))
      .addColumn('weekday', 'integer', (c) => c.notNull().check(sql`weekday BETWEEN 0 AND 6`))
      .addColumn('basis', 'text', (c) => c.notNull().check(sql`basis IN ('trans', 'intersex')`))
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('chosen_visit_days').execute();
  },
};
