import { sql, type Kysely, type Migration } from 'kysely';

/** The DG's figures that take precedence over the SMMLV-based caps from a date (FOL-03). */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('dg_overrides')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('deposit_month', 'spend_day', 'spend_month')`))
      .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
      .addColumn('effective_from', 'date', (c) => c.notNull())
      .addColumn('resolution', 'text', (c) => c.notNull())
      .addColumn('set_by', 'text', (c) => c.notNull())
      .addColumn('set_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('dg_overrides_kind_from', ['kind', 'effective_from'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('dg_overrides').execute();
  },
};
