import type { Kysely, Migration } from 'kysely';

/**
 * When the row's establishment and state were last set by an event: the event's time. Events may
 * arrive out of order (a job redelivered after a stall), so an older one no longer moves a PPL
 * (PLT-08). Rows from before it have none, which any event may replace.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('ppl').addColumn('location_as_of', 'timestamptz').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('ppl').dropColumn('location_as_of').execute();
  },
};
