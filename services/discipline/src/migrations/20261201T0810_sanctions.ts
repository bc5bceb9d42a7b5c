import { sql, type Kysely, type Migration } from 'kysely';

/** The sanctions decisions impose (DIS-05 … DIS-10), read by conduct (DIS-13, DIS-14) and redemption (DIS-24). */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('sanctions')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('case_id', 'uuid', (c) => c.notNull())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity IN ('leve', 'grave')`))
      .addColumn('kind', 'text', (c) =>
        c.notNull().check(sql`kind IN ('reprimand', 'no_recreation', 'visit_suppression', 'incentive_suspension', 'redemption_loss')`),
      )
      .addColumn('amount', 'integer', (c) => c.check(sql`amount > 0`))
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('imposed')
          .check(sql`status IN ('imposed', 'firm', 'suspended', 'lifted', 'revoked')`),
      )
      .addColumn('fact_date', 'date', (c) => c.notNull())
      .addColumn('imposed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('firm_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('sanctions_nui').on('sanctions').columns(['nui', 'firm_at']).execute();
    await db.schema.createIndex('sanctions_case').on('sanctions').column('case_id').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('sanctions').execute();
  },
};
