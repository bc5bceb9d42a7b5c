import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Every change of a cell's places, with its reason, the occupants it had then and, when it left the
 * cell over capacity, the decision's over-capacity reasons (CLS-02, CLS-16). Append-only history.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('cell_capacity_changes')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('cell_id', 'uuid', (c) => c.notNull().references('cells.id'))
      .addColumn('from_capacity', 'integer', (c) => c.notNull())
      .addColumn('to_capacity', 'integer', (c) => c.notNull())
      .addColumn('occupants', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('over_capacity_reason', 'text')
      .addColumn('changed_by', 'text', (c) => c.notNull())
      .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('cell_capacity_over_needs_reason', sql`to_capacity >= occupants OR over_capacity_reason IS NOT NULL`)
      .execute();
    await db.schema.createIndex('cell_capacity_changes_cell').on('cell_capacity_changes').columns(['cell_id', 'id']).execute();
    await sql`CREATE TRIGGER cell_capacity_changes_append_only BEFORE UPDATE OR DELETE ON cell_capacity_changes
      FOR EACH ROW EXECUTE FUNCTION forbid_change()`.execute(db);
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('cell_capacity_changes').execute();
  },
};
