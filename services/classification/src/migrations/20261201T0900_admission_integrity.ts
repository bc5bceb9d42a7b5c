import { sql, type Kysely, type Migration } from 'kysely';

/**
 * What admission may not get wrong, held by the database too:
 * - CLS-05: a person is admitted into, and held by, an establishment the DG registered. `NOT VALID`
 *   checks every row written from now on without rejecting history written before the rule.
 * - CLS-10 (Art. 28): an intake-cash act number is used once per establishment, whatever its case
 *   or surrounding blanks — two admissions racing with one act cannot both commit. Should an older
 *   database hold a repeated act, the index cannot be built and the migration stops naming it:
 *   correct the act numbers (they are paper records) and migrate again.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    for (const table of ['ppl', 'admissions']) {
      await sql`ALTER TABLE ${sql.id(table)} ADD CONSTRAINT ${sql.id(`${table}_eron_registered`)}
        FOREIGN KEY (eron) REFERENCES establishments (code) NOT VALID`.execute(db);
    }
    await sql`CREATE UNIQUE INDEX admissions_cash_acta ON admissions (eron, upper(btrim(cash_acta))) WHERE cash_acta IS NOT NULL`.execute(
      db,
    );
  },
  async down(db: Kysely<any>) {
    await sql`DROP INDEX admissions_cash_acta`.execute(db);
    for (const table of ['admissions', 'ppl']) {
      await sql`ALTER TABLE ${sql.id(table)} DROP CONSTRAINT ${sql.id(`${table}_eron_registered`)}`.execute(db);
    }
  },
};
