import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The board's daily sessions (CLS-11, Arts. 30, 141): who attended, and one acta per session,
 * numbered per establishment and year; the board's placements name their session. Cell-change
 * requests and their answers (CLS-18).
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('board_sessions')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull().references('establishments.code'))
      .addColumn('date', 'date', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('acta', 'text', (c) => c.notNull().unique())
      .addColumn('attendees', 'jsonb', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('board_sessions_day', ['eron', 'date'])
      .addUniqueConstraint('board_sessions_number', ['eron', 'year', 'number'])
      .execute();
    await sql`CREATE TRIGGER board_sessions_append_only BEFORE UPDATE OR DELETE ON board_sessions
      FOR EACH ROW EXECUTE FUNCTION forbid_change()`.execute(db);
    await db.schema
      .alterTable('placements')
      .addColumn('session_id', 'uuid', (c) => c.references('board_sessions.id'))
      .execute();
    await sql`ALTER TABLE placements ADD CONSTRAINT placements_board_session CHECK ((decided_by = 'board') = (session_id IS NOT NULL))`.execute(
      db,
    );
    await db.schema.createIndex('placements_session').on('placements').column('session_id').execute();

    // CLS-18: a PPL's request for another patio, unit or cell, and the board's motivated answer.
    await db.schema
      .createTable('cell_change_requests')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull().references('ppl.nui'))
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('wanted', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('pending')
          .check(sql`status IN ('pending', 'approved', 'denied')`),
      )
      .addColumn('session_id', 'uuid', (c) => c.references('board_sessions.id'))
      .addColumn('answer', 'text')
      .addColumn('placement_id', 'uuid', (c) => c.references('placements.id'))
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('cell_change_requests_nui').on('cell_change_requests').columns(['nui', 'requested_at']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('cell_change_requests').execute();
    await db.schema.alterTable('placements').dropColumn('session_id').execute();
    await db.schema.dropTable('board_sessions').execute();
  },
};
