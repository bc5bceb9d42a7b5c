import { sql, type Kysely, type Migration } from 'kysely';

/**
 * A deposit's depositor is checked once per INSERT instead of once per row (PLT-14): the per-row
 * foreign key cost 40 % of a deposit's insert in a 10 000-deposit batch. A depositor is never
 * deleted (their identity is confidential, not disposable: refunds and audits name them).
 * A file's content is compressed with lz4 where the server has it: pglz spent a quarter of a
 * second on a 16 MB file at upload.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await sql`ALTER TABLE recaudo_deposits DROP CONSTRAINT recaudo_deposits_depositor_id_fkey`.execute(db);
    await sql`DO $$ BEGIN
        ALTER TABLE recaudo_files ALTER COLUMN content SET COMPRESSION lz4;
      EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'lz4 is not available here: recaudo_files.content keeps pglz';
      END $$`.execute(db);
    await sql`CREATE TRIGGER depositors_kept BEFORE DELETE ON depositors FOR EACH ROW EXECUTE FUNCTION forbid_change()`.execute(db);
    await sql`
      CREATE FUNCTION check_deposit_depositors() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE bad uuid;
      BEGIN
        SELECT n.id INTO bad FROM (SELECT DISTINCT depositor_id AS id FROM new_deposits WHERE depositor_id IS NOT NULL) n
         WHERE NOT EXISTS (SELECT FROM depositors d WHERE d.id = n.id) LIMIT 1;
        IF bad IS NOT NULL THEN
          RAISE EXCEPTION 'deposit names unknown depositor %', bad USING ERRCODE = '23503';
        END IF;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER recaudo_deposits_depositor_known AFTER INSERT ON recaudo_deposits
      REFERENCING NEW TABLE AS new_deposits FOR EACH STATEMENT EXECUTE FUNCTION check_deposit_depositors()`.execute(db);
  },
  async down(db: Kysely<any>) {
    await sql`DROP TRIGGER recaudo_deposits_depositor_known ON recaudo_deposits`.execute(db);
    await sql`DROP FUNCTION check_deposit_depositors()`.execute(db);
    await sql`DROP TRIGGER depositors_kept ON depositors`.execute(db);
    await sql`ALTER TABLE recaudo_files ALTER COLUMN content SET COMPRESSION default`.execute(db);
    await sql`ALTER TABLE recaudo_deposits ADD FOREIGN KEY (depositor_id) REFERENCES depositors (id)`.execute(db);
  },
};
