import { sql, type Kysely, type Migration } from 'kysely';

/**
 * FOL-05, PLT-06: the depositor store is national and keyed by document, so names kept there were
 * overwritten by whichever establishment registered the person last. Each PPL's list now keeps
 * the names as its establishment wrote them, on the authorisation itself; existing lists keep the
 * names they show today.
 */
export const migration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('depositor_authorisations').addColumn('given_names', 'text').addColumn('surnames', 'text').execute();
    await sql`UPDATE depositor_authorisations a SET given_names = d.given_names, surnames = d.surnames
      FROM depositors d WHERE d.id = a.depositor_id`.execute(db);
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('depositor_authorisations').dropColumn('given_names').dropColumn('surnames').execute();
  },
};
