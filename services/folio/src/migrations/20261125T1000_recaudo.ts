import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Bank deposits (FOL-04 … FOL-06). Depositor identities live apart, in `depositors` (PLT-06);
 * everything else refers to them by id. A deposit's `key` is its identity across both bank
 * channels (operation number, or the teller-cash fallback of asobancaria-2001.md §3), so the same
 * payment is booked once however often and however it arrives.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('depositors')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('doc_type', 'text', (c) => c.notNull())
      .addColumn('doc_number', 'text', (c) => c.notNull())
      .addColumn('given_names', 'text')
      .addColumn('surnames', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('depositors_document', ['doc_type', 'doc_number'])
      .execute();
    await db.schema.createIndex('depositors_number').on('depositors').column('doc_number').execute();

    await db.schema
      .createTable('depositor_list_changes')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('first', 'boolean', (c) => c.notNull())
      .addColumn('changed_by', 'text', (c) => c.notNull())
      .addColumn('request_id', 'text')
      .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('depositor_list_changes_nui').on('depositor_list_changes').columns(['nui', 'changed_at']).execute();

    await db.schema
      .createTable('depositor_authorisations')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('depositor_id', 'uuid', (c) => c.notNull().references('depositors.id'))
      .addColumn('added_by', 'uuid', (c) => c.notNull().references('depositor_list_changes.id'))
      .addColumn('removed_by', 'uuid', (c) => c.references('depositor_list_changes.id'))
      .execute();
    await sql`CREATE UNIQUE INDEX depositor_authorisations_active ON depositor_authorisations (nui, depositor_id) WHERE removed_by IS NULL`.execute(
      db,
    );
    await sql`CREATE INDEX depositor_authorisations_person ON depositor_authorisations (depositor_id) WHERE removed_by IS NULL`.execute(db);

    await db.schema
      .createTable('recaudo_files')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('identity_key', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull().unique())
      .addColumn('collection_date', 'date', (c) => c.notNull())
      .addColumn('bank_code', 'text', (c) => c.notNull())
      .addColumn('modifier', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('total_records', 'integer', (c) => c.notNull())
      .addColumn('total_cents', 'bigint', (c) => c.notNull())
      .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('warnings', 'jsonb', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('uploaded_by', 'text', (c) => c.notNull())
      .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('finished_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('recaudo_files_identity').on('recaudo_files').column('identity_key').execute();
    await db.schema.createIndex('recaudo_files_date').on('recaudo_files').column('collection_date').execute();
    await sql`CREATE INDEX recaudo_files_pending ON recaudo_files (uploaded_at) WHERE status IN ('queued', 'processing')`.execute(db);

    await db.schema
      .createTable('recaudo_deposits')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel IN ('notice', 'file')`))
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('amount_cents', 'bigint', (c) => c.notNull())
      .addColumn('collection_date', 'date', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('credited', 'rejected', 'held')`))
      .addColumn('reason', 'text')
      .addColumn('depositor_id', 'uuid', (c) => c.references('depositors.id'))
      .addColumn('bank_code', 'text', (c) => c.notNull())
      .addColumn('file_id', 'uuid')
      .addColumn('line', 'integer')
      .addColumn('transaction_id', 'uuid')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await sql`CREATE INDEX recaudo_deposits_month ON recaudo_deposits (nui, month) INCLUDE (amount_cents) WHERE status = 'credited'`.execute(
      db,
    );
    await db.schema.createIndex('recaudo_deposits_day').on('recaudo_deposits').columns(['eron', 'collection_date']).execute();

    await db.schema
      .createTable('recaudo_file_records')
      .addColumn('file_id', 'uuid', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('amount_cents', 'bigint', (c) => c.notNull())
      .addColumn('deposit_id', 'uuid', (c) => c.notNull())
      .addPrimaryKeyConstraint('recaudo_file_records_pk', ['file_id', 'line'])
      .execute();

    // `file_id` has no foreign key: a per-row check of the same file row costs a third of a
    // record's insert (PLT-14). Only the file job writes it, from the file it holds, and a file is
    // never deleted.
    await sql`CREATE TRIGGER recaudo_files_kept BEFORE DELETE ON recaudo_files FOR EACH ROW EXECUTE FUNCTION forbid_change()`.execute(db);
    for (const table of ['depositor_list_changes', 'recaudo_deposits', 'recaudo_file_records']) {
      await sql`CREATE TRIGGER ${sql.id(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${sql.id(table)}
        FOR EACH ROW EXECUTE FUNCTION forbid_change()`.execute(db);
    }
  },
  async down(db: Kysely<any>) {
    for (const t of [
      'recaudo_file_records',
      'recaudo_deposits',
      'recaudo_files',
      'depositor_authorisations',
      'depositor_list_changes',
      'depositors',
    ]) {
      await db.schema.dropTable(t).execute();
    }
  },
};
