import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Conduct (DIS-13 … DIS-15, DIS-17): quarterly ratings and the jobs that propose them, the reports
 * to the supervising judge, and conduct certificates. The directory learns why a PPL left (a house
 * arrest keeps being rated, Art. 136.1) and whether a Justicia y Paz tribunal supervises them.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('ppl').addColumn('exit_reason', 'text').execute();
    await db.schema
      .alterTable('ppl')
      .addColumn('supervision', 'text', (c) =>
        c
          .notNull()
          .defaultTo('judge')
          .check(sql`supervision IN ('judge', 'justicia_y_paz')`),
      )
      .execute();
    await db.schema
      .createTable('conduct_runs')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('quarter', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('queued', 'running', 'done', 'failed')`))
      .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('finished_at', 'timestamptz')
      .execute();
    await db.schema
      .createTable('conduct_ratings')
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('quarter', 'text', (c) => c.notNull())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('proposed', 'text', (c) => c.notNull())
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('graves', 'integer', (c) => c.notNull())
      .addColumn('leves', 'integer', (c) => c.notNull())
      .addColumn('carries_mala', 'boolean', (c) => c.notNull())
      .addColumn('rating', 'text')
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('proposed', 'approved', 'amended')`))
      .addColumn('reasons', 'text')
      .addColumn('session_ref', 'text')
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'timestamptz')
      .addColumn('run_id', 'uuid')
      .addColumn('proposed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('conduct_ratings_pk', ['nui', 'quarter'])
      .execute();
    await db.schema.createIndex('conduct_ratings_eron').on('conduct_ratings').columns(['eron', 'quarter']).execute();
    await db.schema
      .createTable('judge_reports')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull().check(sql`subject IN ('sanction', 'incentive', 'repeat_offender')`))
      .addColumn('reference_id', 'uuid', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('notification_id', 'uuid', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('judge_reports_once', ['subject', 'reference_id'])
      .execute();
    await db.schema.createIndex('judge_reports_nui').on('judge_reports').column('nui').execute();
    await db.schema
      .createTable('conduct_certificates')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('certificate', 'opinion')`))
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text')
      .addColumn('issued_by', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('pdf', 'bytea', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('conduct_certificates').execute();
    await db.schema.dropTable('judge_reports').execute();
    await db.schema.dropTable('conduct_ratings').execute();
    await db.schema.dropTable('conduct_runs').execute();
    await db.schema.alterTable('ppl').dropColumn('supervision').execute();
    await db.schema.alterTable('ppl').dropColumn('exit_reason').execute();
  },
};
