import { sql, type Kysely, type Migration } from 'kysely';

/** The Disciplinary Council (DIS-11, DIS-12), incentives (DIS-16) and own-food requests (DIS-18). */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('councils')
      .addColumn('eron', 'text', (c) => c.primaryKey())
      .addColumn('secretary_name', 'text', (c) => c.notNull())
      .addColumn('secretary_position', 'text', (c) => c.notNull())
      .addColumn('set_by', 'text', (c) => c.notNull())
      .addColumn('set_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('council_members')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('seat', 'integer', (c) => c.notNull())
      .addColumn('post', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('nui', 'text')
      .addColumn('groups', sql`text[]`, (c) => c.notNull())
      .addColumn('votes', 'boolean', (c) => c.notNull())
      .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
      .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('ended_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('council_members_eron').on('council_members').columns(['eron', 'active']).execute();
    await db.schema
      .createTable('council_sessions')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('ordinary', 'extraordinary')`))
      .addColumn('date', 'date', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('acta', 'text', (c) => c.notNull().unique())
      .addColumn('agenda', sql`text[]`, (c) => c.notNull())
      .addColumn('present', sql`text[]`, (c) => c.notNull())
      .addColumn('convened_by', 'text')
      .addColumn('requested_by', 'uuid')
      .addColumn('justification', 'text')
      .addColumn('secretary_name', 'text', (c) => c.notNull())
      .addColumn('secretary_position', 'text', (c) => c.notNull())
      .addColumn('opened_by', 'text', (c) => c.notNull())
      .addColumn('opened_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('council_sessions_number', ['eron', 'year', 'number'])
      .execute();
    await db.schema
      .createTable('council_decisions')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('session_id', 'uuid', (c) => c.notNull().references('council_sessions.id'))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('group', 'text', (c) => c.notNull().check(sql`"group" IN ('plenary', 'one', 'two')`))
      .addColumn('matter', 'text', (c) => c.notNull())
      .addColumn('nui', 'text')
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('reasons', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome IN ('approved', 'rejected')`))
      .addColumn('decided_by', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('council_decisions_number', ['session_id', 'number'])
      .execute();
    await db.schema
      .createTable('council_votes')
      .addColumn('decision_id', 'uuid', (c) => c.notNull().references('council_decisions.id'))
      .addColumn('member_id', 'uuid', (c) => c.notNull().references('council_members.id'))
      .addColumn('vote', 'text', (c) => c.notNull().check(sql`vote IN ('for', 'against', 'abstain')`))
      .addPrimaryKeyConstraint('council_votes_pk', ['decision_id', 'member_id'])
      .execute();
    await db.schema
      .createTable('treatment_opinions')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('favourable', 'boolean', (c) => c.notNull())
      .addColumn('reasons', 'text', (c) => c.notNull())
      .addColumn('given_by', 'text', (c) => c.notNull())
      .addColumn('given_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('incentives')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('incentive', 'text', (c) => c.notNull())
      .addColumn('reasons', 'text', (c) => c.notNull())
      .addColumn('council_decision_id', 'uuid', (c) => c.notNull().references('council_decisions.id'))
      .addColumn('treatment_opinion_id', 'uuid', (c) => c.notNull().references('treatment_opinions.id'))
      .addColumn('notification_id', 'uuid', (c) => c.notNull())
      .addColumn('granted_by', 'text', (c) => c.notNull())
      .addColumn('granted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('incentives_nui').on('incentives').column('nui').execute();
    await db.schema
      .createTable('own_food_requests')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('health_reasons', 'boolean', (c) => c.notNull())
      .addColumn('renunciation_document', 'text', (c) => c.notNull())
      .addColumn('security_council_opinion', 'text', (c) => c.notNull())
      .addColumn('doctor_opinion', 'text')
      .addColumn('council_decision_id', 'uuid', (c) => c.notNull().references('council_decisions.id'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('approved', 'denied')`))
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of [
      'own_food_requests',
      'incentives',
      'treatment_opinions',
      'council_votes',
      'council_decisions',
      'council_sessions',
      'council_members',
      'councils',
    ])
      await db.schema.dropTable(t).execute();
  },
};
