import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Who receives which of this service's events (PLT-08): a subscriber appears when its consumer
 * gains a handler for the type, and is first caught up from the retained outbox, in order, up to
 * where live relaying took over. Frozen: a change is a new migration.
 */
export const subscriptionsMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('event_subscriptions')
      .addColumn('subscriber', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('subscribed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('replay_generation', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('replayed_to', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('replay_until', 'bigint')
      .addColumn('replayed_at', 'timestamptz')
      .addPrimaryKeyConstraint('event_subscriptions_pk', ['subscriber', 'type'])
      .execute();
    await sql`CREATE INDEX outbox_type_seq ON outbox (type, seq)`.execute(db);
  },
  async down(db: Kysely<any>) {
    await sql`DROP INDEX outbox_type_seq`.execute(db);
    await db.schema.dropTable('event_subscriptions').execute();
  },
};

export const SUBSCRIPTIONS_MIGRATION_NAME = '20261126T0800_platform_event_subscriptions';

/**
 * The trace of the replay that asked for a subscription's catch-up (`events:replay` with tracing
 * on): the relay's catch-up batches are spans of it. A W3C carrier, IDs and flags only.
 */
export const replayTraceMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('event_subscriptions').addColumn('replay_trace', 'jsonb').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('event_subscriptions').dropColumn('replay_trace').execute();
  },
};

export const REPLAY_TRACE_MIGRATION_NAME = '20261201T1100_platform_replay_trace';
