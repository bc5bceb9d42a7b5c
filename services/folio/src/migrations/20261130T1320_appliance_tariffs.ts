import { sql, type Kysely, type Migration } from 'kysely';

/**
 * FOL-08 (7), Art. 41.7: the DG's tariff table for allowed appliances — a fee per month of use, by
 * appliance, effective from a date, under a resolution. Dated rows, never updated: a new figure is
 * a new row from its date (the same appliance and date again is refused).
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('appliance_tariffs')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('appliance', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('monthly_fee', 'bigint', (c) => c.notNull().check(sql`monthly_fee > 0`))
      .addColumn('effective_from', 'date', (c) => c.notNull())
      .addColumn('resolution', 'text', (c) => c.notNull())
      .addColumn('set_by', 'text', (c) => c.notNull())
      .addColumn('set_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('appliance_tariffs_from', ['appliance', 'effective_from'])
      .execute();
    await sql`CREATE TRIGGER appliance_tariffs_append_only BEFORE UPDATE OR DELETE ON appliance_tariffs
      FOR EACH ROW EXECUTE FUNCTION forbid_change()`.execute(db);
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('appliance_tariffs').execute();
  },
};
