import { sql, type Kysely, type Migration } from 'kysely';

/**
 * A collection file's detail lines, staged with COPY when the file is registered (PLT-14): the
 * file job books each batch from here with a few set statements instead of parsing the file again
 * and sending every deposit, record and posting back as parameters. Each line has its payment
 * identity (`key`, shared with notices), its lane (by PPL, so a PPL's lines keep the file's order)
 * and its place in the lane (`seq`), which cuts the lane into the job's batches.
 * `recaudo_uuid7` makes the ids of a batch's deposits and ledger transactions in time order (as
 * `orderedUuid` does for the notices), so they append to the right edge of their indexes.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('recaudo_file_lines')
      .addColumn('file_id', 'uuid', (c) => c.notNull())
      .addColumn('lane', 'smallint', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('amount_cents', 'bigint', (c) => c.notNull())
      .addColumn('return_reason', 'text', (c) => c.notNull())
      // The depositor slice of the reference, leading zeros stripped; null when the agreement has none.
      .addColumn('depositor', 'text')
      .addPrimaryKeyConstraint('recaudo_file_lines_pk', ['file_id', 'lane', 'seq'])
      .execute();
    // A large upload's bytes are kept until the job checks them (issue 8): lz4 where the server has
    // it, as the files' content (pglz spent a quarter of a second on a 16 MB file).
    await sql`DO $$ BEGIN
        ALTER TABLE recaudo_uploads ALTER COLUMN raw SET COMPRESSION lz4;
      EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'lz4 is not available here: recaudo_uploads.raw keeps pglz';
      END $$`.execute(db);
    await sql`
      CREATE FUNCTION recaudo_uuid7(n bigint) RETURNS uuid LANGUAGE sql VOLATILE AS $$
        SELECT (lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || '7'
          || lpad(to_hex(n % 4096), 3, '0') || substr(u, 20, 4) || substr(u, 25, 12))::uuid
          FROM (SELECT gen_random_uuid()::text AS u) r
      $$`.execute(db);
  },
  async down(db: Kysely<any>) {
    await sql`DROP FUNCTION recaudo_uuid7(bigint)`.execute(db);
    await sql`ALTER TABLE recaudo_uploads ALTER COLUMN raw SET COMPRESSION default`.execute(db);
    await db.schema.dropTable('recaudo_file_lines').execute();
  },
};
