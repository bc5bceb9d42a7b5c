import { sql, type Kysely, type Migration } from 'kysely';

/**
 * FOL-15 (Art. 123): the persons a PPL authorised in writing to receive the balance settled on
 * death, escape or extradition. A new authorisation revokes the one in force; rows are never deleted.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('settlement_beneficiaries')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('nui', 'text', (c) => c.notNull().references('folios.nui'))
      .addColumn('doc_type', 'text', (c) => c.notNull())
      .addColumn('doc_number', 'text', (c) => c.notNull())
      .addColumn('names', 'text', (c) => c.notNull())
      .addColumn('relationship', 'text', (c) => c.notNull())
      .addColumn('authorisation', 'text', (c) => c.notNull())
      .addColumn('authorised_on', 'date', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('revoked_at', 'timestamptz')
      .addColumn('revoked_by', 'text')
      .execute();
    await sql`CREATE UNIQUE INDEX settlement_beneficiaries_in_force ON settlement_beneficiaries (nui, doc_type, doc_number)
      WHERE revoked_at IS NULL`.execute(db);
    await sql`CREATE FUNCTION settlement_beneficiaries_keep() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'DELETE' OR OLD.revoked_at IS NOT NULL
           OR (NEW.id, NEW.nui, NEW.doc_type, NEW.doc_number, NEW.names, NEW.authorisation)
              IS DISTINCT FROM (OLD.id, OLD.nui, OLD.doc_type, OLD.doc_number, OLD.names, OLD.authorisation) THEN
          RAISE EXCEPTION 'settlement_beneficiaries: an authorisation is only ever revoked';
        END IF;
        RETURN NEW;
      END $fn$`.execute(db);
    await sql`CREATE TRIGGER settlement_beneficiaries_keep BEFORE UPDATE OR DELETE ON settlement_beneficiaries
      FOR EACH ROW EXECUTE FUNCTION settlement_beneficiaries_keep()`.execute(db);
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('settlement_beneficiaries').execute();
    await sql`DROP FUNCTION settlement_beneficiaries_keep()`.execute(db);
  },
};
