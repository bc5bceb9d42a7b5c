import { sql, type Kysely, type Migration } from 'kysely';

/**
 * VIVIF virtual family visits (VIS-16 … VIS-18): devices with their own calendar, the VIVIF hours,
 * slots per device, bookings that Postgres keeps from double-booking a PPL, a slot or a device
 * (exclusion constraints over time ranges), monitoring authorisations and the national figures.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await sql`CREATE EXTENSION IF NOT EXISTS btree_gist`.execute(db);

    await db.schema
      .createTable('vivif_devices')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('vivif_devices_name', ['eron', 'name'])
      .execute();

    await db.schema
      .createTable('vivif_hours')
      .addColumn('eron', 'text', (c) => c.primaryKey())
      .addColumn('weekdays', sql`integer[]`, (c) => c.notNull())
      .addColumn('opens', 'text', (c) => c.notNull())
      .addColumn('closes', 'text', (c) => c.notNull())
      .addColumn('slot_minutes', 'integer', (c) => c.notNull().check(sql`slot_minutes BETWEEN 10 AND 240`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();

    await db.schema
      .createTable('vivif_slots')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('device_id', 'uuid', (c) => c.notNull().references('vivif_devices.id'))
      .addColumn('during', sql`tstzrange`, (c) => c.notNull())
      .addColumn('blocked_for', 'text', (c) => c.check(sql`blocked_for IN ('court_hearing', 'control_body')`))
      .addColumn('block_reference', 'text')
      .execute();
    // A device is one resource: its slots never overlap (VIS-16).
    await sql`ALTER TABLE vivif_slots ADD CONSTRAINT vivif_slots_device_free EXCLUDE USING gist (device_id WITH =, during WITH &&)`.execute(
      db,
    );
    await db.schema.createIndex('vivif_slots_eron').on('vivif_slots').columns(['eron']).execute();

    await db.schema
      .createTable('vivif_bookings')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('slot_id', 'uuid', (c) => c.notNull().references('vivif_slots.id'))
      .addColumn('device_id', 'uuid', (c) => c.notNull().references('vivif_devices.id'))
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('during', sql`tstzrange`, (c) => c.notNull())
      .addColumn('family_name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('booked')
          .check(sql`status IN ('booked', 'started', 'completed', 'no_show', 'failed', 'cancelled')`),
      )
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('room', 'text', (c) => c.notNull())
      .addColumn('provider_session_id', 'text')
      .addColumn('links', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('started_at', 'timestamptz')
      .addColumn('ended_at', 'timestamptz')
      .addColumn('duration_seconds', 'integer')
      .addColumn('failure_reason', 'text')
      .addColumn('rebook_of', 'uuid', (c) => c.references('vivif_bookings.id').unique())
      .addColumn('booked_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    // One PPL, one slot, one device at a time — never double-booked (VIS-16), whatever the concurrency.
    for (const [name, column] of [
      ['vivif_bookings_slot_once', 'slot_id WITH ='],
      ['vivif_bookings_device_once', 'device_id WITH =, during WITH &&'],
      ['vivif_bookings_ppl_once', 'nui WITH =, during WITH &&'],
    ] as const) {
      await sql`ALTER TABLE vivif_bookings ADD CONSTRAINT ${sql.id(name)} EXCLUDE USING gist (${sql.raw(column)}) WHERE (status <> 'cancelled')`.execute(
        db,
      );
    }
    await db.schema.createIndex('vivif_bookings_eron').on('vivif_bookings').columns(['eron', 'created_at']).execute();

    // VIS-18 (Art. 60): who may watch VIVIF sessions of an establishment, as information systems authorises.
    await db.schema
      .createTable('vivif_monitoring')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('monitor', 'text', (c) => c.notNull())
      .addColumn('valid_until', 'timestamptz', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('authorised_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();

    // The national historical figures (VIS-18): video visits 2019–2021 and the devices of 2022.
    await db.schema
      .createTable('vivif_national_figures')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      .addColumn('sessions', 'integer')
      .addColumn('devices', 'integer')
      .addColumn('source', 'text', (c) => c.notNull())
      .execute();
    const source = 'INPEC, informe VIVIF (cifras nacionales)';
    await db
      .insertInto('vivif_national_figures')
      .values([
        { year: 2019, sessions: 3017, devices: null, source },
        { year: 2020, sessions: 80019, devices: null, source },
        { year: 2021, sessions: 102564, devices: null, source },
        { year: 2022, sessions: null, devices: 498, source },
      ])
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['vivif_national_figures', 'vivif_monitoring', 'vivif_bookings', 'vivif_slots', 'vivif_hours', 'vivif_devices']) {
      await db.schema.dropTable(t).execute();
    }
  },
};
