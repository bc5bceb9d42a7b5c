import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The notifier (CLS-08, 17, 20, 21): the directory of the authorities each establishment reports
 * to, every notification requested, and its delivery to each recipient by e-mail or webhook.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('notification_recipients')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      // NULL: a national recipient, used where an establishment has none of its own for the kind.
      .addColumn('eron', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('webhook_url', 'text')
      .addColumn('webhook_secret', 'text')
      .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('notification_recipient_channel', sql`email IS NOT NULL OR webhook_url IS NOT NULL`)
      .execute();
    await db.schema.createIndex('notification_recipients_kind').on('notification_recipients').columns(['kind', 'eron']).execute();

    await db.schema
      .createTable('notifications')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('event_id', 'uuid', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('nui', 'text')
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('queued', 'sent', 'failed')`))
      .addColumn('reason', 'text')
      .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('notifications_eron').on('notifications').columns(['eron', 'requested_at']).execute();
    await db.schema.createIndex('notifications_nui').on('notifications').column('nui').execute();

    await db.schema
      .createTable('notification_deliveries')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('notification_id', 'uuid', (c) => c.notNull().references('notifications.id'))
      .addColumn('recipient_id', 'uuid', (c) => c.notNull().references('notification_recipients.id'))
      .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel IN ('email', 'webhook')`))
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('queued', 'sent', 'failed')`))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('last_error', 'text')
      .addColumn('sent_at', 'timestamptz')
      .execute();
    await sql`CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at) WHERE status = 'queued'`.execute(db);
    await db.schema.createIndex('notification_deliveries_of').on('notification_deliveries').column('notification_id').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('notification_deliveries').execute();
    await db.schema.dropTable('notifications').execute();
    await db.schema.dropTable('notification_recipients').execute();
  },
};
