import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Bookings (VIS-08 … VIS-10). An area's places per day and session are a counter the database
 * keeps within capacity (CHECK), claimed by one conditional UPDATE: concurrent bookings can
 * never overbook (PLT-15). One ordinary visit per PPL and day by a unique index.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('session_places')
      .addColumn('area_id', 'uuid', (c) => c.notNull().references('areas.id'))
      .addColumn('date', 'date', (c) => c.notNull())
      .addColumn('session', 'text', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addColumn('booked', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('session_places_pk', ['area_id', 'date', 'session'])
      .addCheckConstraint('session_places_within_capacity', sql`booked BETWEEN 0 AND capacity`)
      .execute();
    await db.schema
      .createTable('bookings')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'uuid', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().defaultTo('ordinary'))
      .addColumn('area_id', 'uuid', (c) => c.notNull().references('areas.id'))
      .addColumn('date', 'date', (c) => c.notNull())
      .addColumn('session', 'text', (c) => c.notNull())
      .addColumn('persons', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('booked')
          .check(sql`status IN ('booked', 'cancelled')`),
      )
      .addColumn('cancel_reason', 'text')
      .addColumn('booked_by', 'text', (c) => c.notNull())
      .addColumn('booked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('cancelled_at', 'timestamptz')
      .execute();
    await sql`CREATE UNIQUE INDEX bookings_one_per_day ON bookings (nui, date) WHERE status = 'booked' AND kind = 'ordinary'`.execute(db);
    await db.schema.createIndex('bookings_day').on('bookings').columns(['eron', 'date', 'session']).execute();
    await db.schema
      .createTable('booking_visitors')
      .addColumn('booking_id', 'uuid', (c) => c.notNull().references('bookings.id'))
      .addColumn('visitor_id', 'uuid', (c) => c.notNull().references('visitors.id'))
      .addPrimaryKeyConstraint('booking_visitors_pk', ['booking_id', 'visitor_id'])
      .execute();
    // The visit opportunities a firm sanction suppressed (VIS-09); lifting it deletes the future ones.
    await db.schema
      .createTable('visit_suppressions')
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('date', 'date', (c) => c.notNull())
      .addColumn('sanction_id', 'uuid', (c) => c.notNull())
      .addPrimaryKeyConstraint('visit_suppressions_pk', ['nui', 'date', 'sanction_id'])
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['visit_suppressions', 'booking_visitors', 'bookings', 'session_places']) await db.schema.dropTable(t).execute();
  },
};
