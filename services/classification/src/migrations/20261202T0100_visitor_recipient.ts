import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Visitors told of a cancelled visit (VIS-09, VIS-10): one directory entry stands for them all. Its
 * deliveries are addressed `visitor:<id>`; the e-mail is asked of visits when the notice is sent and
 * never stored here (PLT-06), so this entry has neither e-mail nor webhook of its own.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await sql`ALTER TABLE notification_recipients DROP CONSTRAINT notification_recipient_channel`.execute(db);
    await sql`ALTER TABLE notification_recipients ADD CONSTRAINT notification_recipient_channel
      CHECK (email IS NOT NULL OR webhook_url IS NOT NULL OR kind = 'visitor')`.execute(db);
    await db
      .insertInto('notification_recipients')
      .values({
        id: 'b15170e5-0000-4000-8000-000000000001',
        kind: 'visitor',
        eron: null,
        name: 'Visitante (contacto registrado en visitas)',
        created_by: 'migration',
      })
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.deleteFrom('notification_deliveries').where('recipient_id', '=', 'b15170e5-0000-4000-8000-000000000001').execute();
    await db.deleteFrom('notification_recipients').where('id', '=', 'b15170e5-0000-4000-8000-000000000001').execute();
    await sql`ALTER TABLE notification_recipients DROP CONSTRAINT notification_recipient_channel`.execute(db);
    await sql`ALTER TABLE notification_recipients ADD CONSTRAINT notification_recipient_channel
      CHECK (email IS NOT NULL OR webhook_url IS NOT NULL)`.execute(db);
  },
};
