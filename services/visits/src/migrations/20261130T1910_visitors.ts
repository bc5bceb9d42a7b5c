import { sql, type Kysely, type Migration } from 'kysely';

/** Visitors with their identity apart, authorised lists, bans, extradition authorisations (VIS-04 … VIS-07). */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('visitors')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('gender', 'text', (c) => c.notNull().check(sql`gender IN ('M', 'F')`))
      .addColumn('birth_date', 'date', (c) => c.notNull())
      .addColumn('registered_by', 'text', (c) => c.notNull())
      .addColumn('registered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('visitor_identities')
      .addColumn('visitor_id', 'uuid', (c) => c.primaryKey().references('visitors.id'))
      .addColumn('document_type', 'text', (c) => c.notNull())
      .addColumn('document_number', 'text', (c) => c.notNull())
      .addColumn('given_names', 'text', (c) => c.notNull())
      .addColumn('surnames', 'text', (c) => c.notNull())
      .addUniqueConstraint('visitor_identities_document', ['document_type', 'document_number'])
      .execute();
    await db.schema
      .createTable('authorised_visitors')
      .addColumn('nui', 'text', (c) => c.notNull())
      .addColumn('visitor_id', 'uuid', (c) => c.notNull().references('visitors.id'))
      .addColumn('relationship', 'text', (c) => c.notNull())
      .addColumn('accreditation', 'text')
      .addColumn('added_by', 'text', (c) => c.notNull())
      .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('authorised_visitors_pk', ['nui', 'visitor_id'])
      .execute();
    await db.schema
      .createTable('visitor_bans')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('visitor_id', 'uuid', (c) => c.notNull().references('visitors.id'))
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('until', 'date', (c) => c.notNull())
      .addColumn('banned_by', 'text', (c) => c.notNull())
      .addColumn('banned_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('visitor_bans_visitor').on('visitor_bans').column('visitor_id').execute();
    await db.schema
      .createTable('extradition_authorisations')
      .addColumn('nui', 'text', (c) => c.primaryKey())
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('valid_until', 'date', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['extradition_authorisations', 'visitor_bans', 'authorised_visitors', 'visitor_identities', 'visitors'])
      await db.schema.dropTable(t).execute();
  },
};
