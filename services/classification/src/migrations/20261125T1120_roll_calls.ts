import { sql, type Kysely, type Migration } from 'kysely';

/** Roll calls per unit against the cell book, and every discrepancy found (CLS-19, Arts. 16, 141.7). */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('roll_calls')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
      .addColumn('taken_at', 'timestamptz', (c) => c.notNull())
      .addColumn('day', 'date', (c) => c.notNull())
      .addColumn('expected', 'integer', (c) => c.notNull())
      .addColumn('present', 'integer', (c) => c.notNull())
      .addColumn('taken_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('roll_calls_day').on('roll_calls').columns(['eron', 'day']).execute();
    await db.schema
      .createTable('roll_call_discrepancies')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('roll_call_id', 'uuid', (c) => c.notNull().references('roll_calls.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('absent', 'wrong_cell', 'unknown')`))
      .addColumn('nui', 'text')
      .addColumn('booked_cell_id', 'uuid')
      .addColumn('seen_cell_id', 'uuid')
      .execute();
    await db.schema.createIndex('roll_call_discrepancies_call').on('roll_call_discrepancies').column('roll_call_id').execute();
    for (const table of ['roll_calls', 'roll_call_discrepancies']) {
      await sql`CREATE TRIGGER ${sql.id(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${sql.id(table)}
        FOR EACH ROW EXECUTE FUNCTION forbid_change()`.execute(db);
    }
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('roll_call_discrepancies').execute();
    await db.schema.dropTable('roll_calls').execute();
  },
};
