import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Intimate visits (VIS-11 … VIS-13), lawyer visits (VIS-14) and official visits (VIS-15). The
 * intimate request's visitor, partner and grounds live apart from its status (Art. 72 §, PLT-06).
 * A lawyer visit has no column a recording or a monitor could go in (Art. 61).
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('intimate_requests')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('filed_on', 'date', (c) => c.notNull())
      .addColumn('due_on', 'date', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('pending')
          .check(sql`status IN ('pending', 'granted', 'limited', 'denied')`),
      )
      .addColumn('visits_per_month', 'integer', (c) => c.check(sql`visits_per_month >= 1`))
      .addColumn('overdue_flagged_at', 'timestamptz')
      .addColumn('answered_by', 'text')
      .addColumn('answered_at', 'timestamptz')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('intimate_requests_eron_status').on('intimate_requests').columns(['eron', 'status', 'due_on']).execute();
    await db.schema.createIndex('intimate_requests_nui').on('intimate_requests').column('nui').execute();

    await db.schema
      .createTable('intimate_request_details')
      .addColumn('request_id', 'uuid', (c) => c.primaryKey().references('intimate_requests.id'))
      .addColumn('visitor', 'jsonb', (c) => c.notNull())
      .addColumn('written_request_ref', 'text', (c) => c.notNull())
      .addColumn('partner_nui', 'text')
      .addColumn('partner_eron', 'text')
      .addColumn('partner_moves', 'text', (c) => c.check(sql`partner_moves IN ('requester', 'partner')`))
      .addColumn('grounds', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
      .addColumn('reasons', 'text')
      .addColumn('move_permission', 'jsonb')
      .execute();

    await db.schema
      .createTable('intimate_visits')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('request_id', 'uuid', (c) => c.notNull().references('intimate_requests.id'))
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('date', 'date', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('intimate_visits_one_a_day', ['request_id', 'date'])
      .execute();
    await db.schema.createIndex('intimate_visits_eron_date').on('intimate_visits').columns(['eron', 'date']).execute();

    await db.schema
      .createTable('lawyers')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('names', 'text', (c) => c.notNull())
      .addColumn('document_type', 'text', (c) => c.notNull())
      .addColumn('document_number', 'text', (c) => c.notNull())
      .addColumn('credential_kind', 'text', (c) =>
        c.notNull().check(sql`credential_kind IN ('professional_card', 'provisional_licence', 'clinic_certificate')`),
      )
      .addColumn('credential_number', 'text', (c) => c.notNull())
      .addColumn('credential_issuer', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('lawyers_document', ['document_type', 'document_number'])
      .execute();

    await db.schema
      .createTable('lawyer_authorisations')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('lawyer_id', 'uuid', (c) => c.notNull().references('lawyers.id'))
      .addColumn('signed_on', 'date', (c) => c.notNull())
      .addColumn('document_ref', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'boolean', (c) => c.notNull().check(sql`fingerprint`))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('lawyer_authorisations_nui').on('lawyer_authorisations').columns(['nui', 'lawyer_id']).execute();

    await db.schema
      .createTable('lawyer_visits')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('lawyer_id', 'uuid', (c) => c.notNull().references('lawyers.id'))
      .addColumn('date', 'date', (c) => c.notNull())
      .addColumn('start_time', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('booked')
          .check(sql`status IN ('booked', 'entered')`),
      )
      .addColumn('entered_at', 'timestamptz')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('lawyer_visits_eron_date').on('lawyer_visits').columns(['eron', 'date']).execute();

    await db.schema
      .createTable('official_visits')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('control_body', 'text')
      .addColumn('nui', 'text')
      .addColumn('officials', 'jsonb', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('arrives_at', 'timestamptz', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('scheduled')
          .check(sql`status IN ('scheduled', 'attended')`),
      )
      .addColumn('attended_at', 'timestamptz')
      .addColumn('press', 'jsonb')
      .addColumn('press_authority', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('official_visits_control_body', sql`(kind = 'control_body') = (control_body IS NOT NULL)`)
      .execute();
    await db.schema.createIndex('official_visits_eron_arrives').on('official_visits').columns(['eron', 'arrives_at']).execute();

    await db.schema
      .createTable('official_blocked_places')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('visit_id', 'uuid', (c) => c.notNull().references('official_visits.id'))
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('notified', sql`text[]`, (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of [
      'official_blocked_places',
      'official_visits',
      'lawyer_visits',
      'lawyer_authorisations',
      'lawyers',
      'intimate_visits',
      'intimate_request_details',
      'intimate_requests',
    ])
      await db.schema.dropTable(t).execute();
  },
};
