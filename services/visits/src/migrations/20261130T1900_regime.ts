import { sql, type Kysely, type Migration } from 'kysely';

/** Regimes proposed and approved (one in force per establishment) and visiting areas (VIS-01 … VIS-03). */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('regimes')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('proposed', 'approved', 'rejected', 'superseded')`))
      .addColumn('days', 'jsonb', (c) => c.notNull())
      .addColumn('visits_per_week', 'integer', (c) => c.notNull().check(sql`visits_per_week BETWEEN 1 AND 2`))
      .addColumn('persons_per_visit', 'integer', (c) => c.notNull().check(sql`persons_per_visit BETWEEN 1 AND 3`))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('proposed_by', 'text', (c) => c.notNull())
      .addColumn('proposed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'timestamptz')
      .execute();
    await sql`CREATE UNIQUE INDEX regimes_in_force ON regimes (eron) WHERE status = 'approved'`.execute(db);

    await db.schema
      .createTable('areas')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity > 0`))
      .addColumn('for_children', 'boolean', (c) => c.notNull().defaultTo(false))
      .execute();
    await db.schema.createIndex('areas_eron').on('areas').column('eron').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('areas').execute();
    await db.schema.dropTable('regimes').execute();
  },
};
