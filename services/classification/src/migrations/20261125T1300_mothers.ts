import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely';

/** Mothers with children under three (CLS-17, Art. 31): the requests and decisions, the children's identity kept apart. */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    // Art. 31: the Director, not the board or the DG, decides a mother's place in the mothers' unit.
    await sql`ALTER TABLE placements DROP CONSTRAINT placements_decided_by_check,
      ADD CONSTRAINT placements_decided_by_check CHECK (decided_by IN ('board', 'dg', 'director'))`.execute(db);
    await db.schema
      .createTable('child_requests')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull().references('ppl.nui'))
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('child_birth_date', 'date', (c) => c.notNull())
      .addColumn('statement', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('pending')
          .check(sql`status IN ('pending', 'approved', 'denied')`),
      )
      .addColumn('reasons', 'text')
      .addColumn('filiation_document', 'text')
      .addColumn('no_risk_concept', 'text')
      .addColumn('medical_exam_date', 'date')
      .addColumn('doctor', 'text')
      .addColumn('placement_id', 'uuid')
      .addColumn('notification_id', 'uuid')
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('child_requests_eron_status').on('child_requests').columns(['eron', 'status']).execute();

    // The child's identity lives apart from ordinary fields (PLT-06): never listed, logged or published.
    await db.schema
      .createTable('child_identities')
      .addColumn('request_id', 'uuid', (c) => c.primaryKey().references('child_requests.id'))
      .addColumn('names', 'text', (c) => c.notNull())
      .addColumn('document', 'text')
      .execute();
  },
  async down(db: Kysely<any>) {
    await sql`ALTER TABLE placements DROP CONSTRAINT placements_decided_by_check,
      ADD CONSTRAINT placements_decided_by_check CHECK (decided_by IN ('board', 'dg'))`.execute(db);
    await db.schema.dropTable('child_identities').execute();
    await db.schema.dropTable('child_requests').execute();
  },
};
