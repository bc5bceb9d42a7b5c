import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Transfers, exits, the escapes/recaptures register and the CET's security level and phase
 * (CLS-20 … CLS-22). All are history: rows are appended, never rewritten, and the NUI stays.
 * The current phase is the latest CET decision; the security level is also kept on `ppl`.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('transfers')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull().references('ppl.nui'))
      .addColumn('from_eron', 'text', (c) => c.notNull())
      .addColumn('to_eron', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('ordered', 'in_transit', 'received')`))
      .addColumn('reasons', 'text', (c) => c.notNull())
      .addColumn('authority', 'text', (c) => c.notNull())
      .addColumn('ordered_as', 'text', (c) => c.notNull().check(sql`ordered_as IN ('dg', 'regional_director')`))
      .addColumn('delegation', 'text')
      .addColumn('ordered_by', 'text', (c) => c.notNull())
      .addColumn('ordered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('dispatched_by', 'text')
      .addColumn('dispatched_at', 'timestamptz')
      .addColumn('received_by', 'text')
      .addColumn('received_at', 'timestamptz')
      .addCheckConstraint('transfers_other_eron', sql`from_eron <> to_eron`)
      .addCheckConstraint('transfers_delegated', sql`ordered_as = 'dg' OR delegation IS NOT NULL`)
      .execute();
    // One open transfer per person: two orders at once cannot both stand.
    await sql`CREATE UNIQUE INDEX transfers_open ON transfers (nui) WHERE status <> 'received'`.execute(db);

    await db.schema
      .createTable('transfer_delays')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('transfer_id', 'uuid', (c) => c.notNull().references('transfers.id'))
      .addColumn('cause', 'text', (c) => c.notNull())
      .addColumn('expected_date', 'date')
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('transfer_delays_transfer').on('transfer_delays').column('transfer_id').execute();

    await db.schema
      .createTable('exits')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull().references('ppl.nui'))
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason IN ('release', 'house_arrest', 'death', 'escape', 'extradition')`))
      .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
      .addColumn('from_house_arrest', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('judicial_decision', 'jsonb')
      .addColumn('details', 'text')
      .addColumn('notified', sql`text[]`, (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('exits_judicial_decision', sql`reason NOT IN ('release', 'house_arrest') OR judicial_decision IS NOT NULL`)
      .execute();
    await db.schema.createIndex('exits_nui').on('exits').column('nui').execute();

    await db.schema
      .createTable('escape_register')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull().references('ppl.nui'))
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('escape', 'recapture')`))
      .addColumn('from_house_arrest', 'boolean', (c) => c.notNull())
      .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
      .addColumn('details', 'text')
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('escape_register_eron').on('escape_register').columns(['eron', 'occurred_at']).execute();

    await db.schema
      .createTable('treatment_history')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull().references('ppl.nui'))
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('security_level', 'integer')
      .addColumn('phase', 'text')
      .addColumn('cet_acta', 'text', (c) => c.notNull())
      .addColumn('reasons', 'text', (c) => c.notNull())
      .addColumn('set_by', 'text', (c) => c.notNull())
      .addColumn('set_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('treatment_history_nui').on('treatment_history').columns(['nui', 'set_at']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('treatment_history').execute();
    await db.schema.dropTable('escape_register').execute();
    await db.schema.dropTable('exits').execute();
    await db.schema.dropTable('transfer_delays').execute();
    await db.schema.dropTable('transfers').execute();
  },
};
