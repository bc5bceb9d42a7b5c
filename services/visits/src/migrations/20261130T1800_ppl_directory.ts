import { sql, type Kysely, type Migration } from 'kysely';

/** The visits side's directory of PPL and the units they are placed in (PLT-07, VIS-03). */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('units')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('session', 'text', (c) => c.check(sql`session IN ('morning', 'afternoon')`))
      .execute();
    await db.schema.createIndex('units_eron').on('units').column('eron').execute();

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
      .addColumn('unit_id', 'uuid', (c) => c.references('units.id'))
      .addColumn('legal_status', 'text')
      .addColumn('sex', 'text', (c) => c.check(sql`sex IN ('M', 'F')`))
      .addColumn('security_level', 'integer', (c) => c.check(sql`security_level BETWEEN 1 AND 5`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('ppl_unit').on('ppl').column('unit_id').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('ppl').execute();
    await db.schema.dropTable('units').execute();
  },
};
