import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The gate (VIS-19, VIS-20). Each entry is one visitor of one booking: refused, inside or out. The
 * token (ficha) is numbered per establishment and day, and the database keeps it unique; a visitor
 * is inside at most once per booking. Debts for lost tokens and the day's incidents are kept apart.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('gate_entries')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('booking_id', 'uuid', (c) => c.notNull().references('bookings.id'))
      .addColumn('visitor_id', 'uuid', (c) => c.notNull().references('visitors.id'))
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('date', 'date', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('inside', 'out', 'refused')`))
      .addColumn('token', 'integer')
      .addColumn('seal', 'text', (c) => c.check(sql`seal IN ('applied', 'exempt')`))
      .addColumn('exemption', 'text')
      .addColumn('credential', 'text')
      .addColumn('refusal_reason', 'text')
      .addColumn('checked_in_at', 'timestamptz')
      .addColumn('checked_out_at', 'timestamptz')
      .addColumn('token_state', 'text', (c) => c.check(sql`token_state IN ('returned', 'lost', 'damaged')`))
      .addColumn('by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('gate_entries_refused_no_token', sql`(status = 'refused') = (token IS NULL AND refusal_reason IS NOT NULL)`)
      .addCheckConstraint('gate_entries_seal_or_exemption', sql`status = 'refused' OR (seal = 'applied') = (exemption IS NULL)`)
      .execute();
    await sql`CREATE UNIQUE INDEX gate_entries_token ON gate_entries (eron, date, token) WHERE token IS NOT NULL`.execute(db);
    await sql`CREATE UNIQUE INDEX gate_entries_inside_once ON gate_entries (booking_id, visitor_id) WHERE status = 'inside'`.execute(db);
    await db.schema.createIndex('gate_entries_day').on('gate_entries').columns(['eron', 'date', 'status']).execute();
    await db.schema
      .createTable('visitor_debts')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('visitor_id', 'uuid', (c) => c.notNull().references('visitors.id'))
      .addColumn('entry_id', 'uuid', (c) => c.notNull().unique().references('gate_entries.id'))
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('visit_suspensions')
      .addColumn('booking_id', 'uuid', (c) => c.primaryKey().references('bookings.id'))
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('date', 'date', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('by', 'text', (c) => c.notNull())
      .addColumn('suspended_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('gate_incidents')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('date', 'date', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('refusal', 'suspension', 'lost_token', 'damaged_token')`))
      .addColumn('booking_id', 'uuid', (c) => c.notNull())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    // VIS-20: each visit day's report sent to the regional director, once by the daily job (re-sent on request).
    await db.schema
      .createTable('incident_reports_sent')
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('date', 'date', (c) => c.notNull())
      .addColumn('notification_id', 'uuid', (c) => c.notNull())
      .addColumn('sent_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('incident_reports_sent_pk', ['eron', 'date'])
      .execute();
    await db.schema.createIndex('gate_incidents_day').on('gate_incidents').columns(['eron', 'date']).execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['incident_reports_sent', 'gate_incidents', 'visit_suspensions', 'visitor_debts', 'gate_entries'])
      await db.schema.dropTable(t).execute();
  },
};
