import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The JETEE and sentence redemption (DIS-20 … DIS-24): the board and its sessions, programmes with
 * places, orders, daily hours, monthly evaluations, the dated redemption rates and caps, certificates.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('jetee_boards')
      .addColumn('eron', 'text', (c) => c.primaryKey())
      .addColumn('constituted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('next_number', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('jetee_members')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull().references('jetee_boards.eron'))
      .addColumn('seat', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('position', 'text', (c) => c.notNull())
      .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
      .execute();
    await db.schema
      .createTable('jetee_sessions')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('acta', 'text', (c) => c.notNull().unique())
      .addColumn('held_on', 'date', (c) => c.notNull())
      .addColumn('attendees', 'jsonb', (c) => c.notNull())
      .addColumn('notes', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('jetee_sessions_number', ['eron', 'number'])
      .execute();
    await db.schema.createIndex('jetee_sessions_month').on('jetee_sessions').columns(['eron', 'held_on']).execute();
    await db.schema
      .createTable('jetee_missed_months')
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('flagged_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('jetee_missed_months_pk', ['eron', 'month'])
      .execute();

    await db.schema
      .createTable('programmes')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('work', 'study', 'teaching')`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('places', 'integer', (c) => c.notNull().check(sql`places > 0`))
      .addColumn('officer', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('programme_candidates')
      .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id'))
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('waiting', 'boolean', (c) => c.notNull().defaultTo(true))
      .addColumn('registered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('programme_candidates_pk', ['programme_id', 'nui'])
      .execute();
    await db.schema
      .createTable('programme_orders')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id'))
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('session_id', 'uuid', (c) => c.notNull().references('jetee_sessions.id'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('active', 'refused', 'removed')`))
      .addColumn('legal_status', 'text')
      .addColumn('ordered_on', 'date', (c) => c.notNull())
      .addColumn('grounds', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('reasons', 'text')
      .addColumn('qualification', 'jsonb')
      .addColumn('removed_on', 'date')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('programme_orders_nui').on('programme_orders').columns(['nui', 'programme_id']).execute();
    await sql`CREATE UNIQUE INDEX programme_orders_one_active ON programme_orders (programme_id, nui) WHERE status = 'active'`.execute(db);

    // Every ratio and cap is a dated row with its legal source (DIS-22, DIS-24): the law changes over time.
    await db.schema
      .createTable('redemption_rates')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('effective_from', 'date', (c) => c.notNull())
      .addColumn('days_earned', 'integer', (c) => c.notNull())
      .addColumn('per_days', 'integer', (c) => c.notNull())
      .addColumn('hours_per_day', 'integer', (c) => c.notNull())
      .addColumn('daily_cap', 'double precision', (c) => c.notNull())
      .addColumn('weekly_cap', 'double precision')
      .addColumn('source', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('redemption_rates_pk', ['kind', 'effective_from'])
      .execute();
    await db
      .insertInto('redemption_rates')
      .values([
        {
          kind: 'work',
          effective_from: '1993-08-19',
          days_earned: 1,
          per_days: 2,
          hours_per_day: 8,
          daily_cap: 8,
          weekly_cap: 48,
          source: 'Ley 65 de 1993 Art. 82 (Ley 1709 de 2014)',
        },
        {
          kind: 'work',
          effective_from: '2025-06-25',
          days_earned: 2,
          per_days: 3,
          hours_per_day: 8,
          daily_cap: 8,
          weekly_cap: 48,
          source: 'Ley 2466 de 2025 Art. 19 (modifica Ley 65 Art. 82)',
        },
        {
          kind: 'study',
          effective_from: '1993-08-19',
          days_earned: 1,
          per_days: 2,
          hours_per_day: 6,
          daily_cap: 6,
          weekly_cap: null,
          source: 'Ley 65 de 1993 Art. 97',
        },
        {
          kind: 'teaching',
          effective_from: '1993-08-19',
          days_earned: 1,
          per_days: 2,
          hours_per_day: 4,
          daily_cap: 4,
          weekly_cap: null,
          source: 'Ley 65 de 1993 Art. 98 (4 horas = un día de estudio)',
        },
      ])
      .execute();

    await db.schema
      .createTable('programme_hours')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('order_id', 'uuid', (c) => c.notNull().references('programme_orders.id'))
      .addColumn('programme_id', 'uuid', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('date', 'date', (c) => c.notNull())
      .addColumn('hours', 'double precision', (c) => c.notNull())
      .addColumn('counted', 'double precision', (c) => c.notNull())
      .addColumn('excess', 'double precision', (c) => c.notNull())
      .addColumn('excess_reason', 'text')
      .addColumn('authorisation', 'text')
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('programme_hours_day', ['programme_id', 'nui', 'date'])
      .execute();
    await db.schema.createIndex('programme_hours_nui').on('programme_hours').columns(['nui', 'date']).execute();

    await db.schema
      .createTable('jetee_evaluations')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('session_id', 'uuid', (c) => c.notNull().references('jetee_sessions.id'))
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('rating', 'text', (c) => c.notNull().check(sql`rating IN ('sobresaliente', 'buena', 'deficiente')`))
      .addColumn('remarks', 'text', (c) => c.notNull())
      .addColumn('conduct_rating', 'text')
      .addColumn('counted_hours', 'double precision', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('jetee_evaluations_month', ['nui', 'programme_id', 'month'])
      .execute();

    await db.schema
      .createTable('redemption_certificates')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('days', 'double precision', (c) => c.notNull())
      .addColumn('judge_request', 'text')
      .addColumn('issued_by', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('days_granted', 'double precision')
      .addColumn('order_number', 'text')
      .addColumn('decided_on', 'date')
      .execute();
    await db.schema
      .createTable('redemption_certificate_months')
      .addColumn('evaluation_id', 'uuid', (c) => c.primaryKey().references('jetee_evaluations.id'))
      .addColumn('certificate_id', 'uuid', (c) => c.notNull().references('redemption_certificates.id'))
      .addColumn('days', 'double precision', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of [
      'redemption_certificate_months',
      'redemption_certificates',
      'jetee_evaluations',
      'programme_hours',
      'redemption_rates',
      'programme_orders',
      'programme_candidates',
      'programmes',
      'jetee_missed_months',
      'jetee_sessions',
      'jetee_members',
      'jetee_boards',
    ])
      await db.schema.dropTable(t).execute();
  },
};
