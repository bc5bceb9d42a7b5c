import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Inductions and placements in cells (CLS-12 … CLS-16). A placement is history: the current one
 * has no end; at most one current placement per PPL.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('inductions')
      .addColumn('nui', 'text', (c) => c.primaryKey().references('ppl.nui'))
      .addColumn('date', 'date', (c) => c.notNull())
      .addColumn('given_by', 'text', (c) => c.notNull())
      .addColumn('topics', sql`text[]`, (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('placements')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull().references('ppl.nui'))
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
      .addColumn('cell_id', 'uuid', (c) => c.notNull().references('cells.id'))
      .addColumn('acta', 'text', (c) => c.notNull())
      .addColumn('reasons', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text', (c) => c.notNull().check(sql`decided_by IN ('board', 'dg')`))
      .addColumn('special_regime_basis', 'text')
      .addColumn('protection_consent', 'text')
      .addColumn('over_capacity_reason', 'text')
      .addColumn('placed_by', 'text', (c) => c.notNull())
      .addColumn('placed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('ended_at', 'timestamptz')
      .execute();
    await sql`CREATE UNIQUE INDEX placements_current ON placements (nui) WHERE ended_at IS NULL`.execute(db);
    await sql`CREATE INDEX placements_cell_current ON placements (cell_id) WHERE ended_at IS NULL`.execute(db);
    await sql`CREATE INDEX placements_eron_current ON placements (eron, unit_id) WHERE ended_at IS NULL`.execute(db);
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('placements').execute();
    await db.schema.dropTable('inductions').execute();
  },
};
