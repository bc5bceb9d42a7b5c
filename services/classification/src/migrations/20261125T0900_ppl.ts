import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely';

/** The PPL register and the intake books (CLS-03, CLS-05, CLS-10). */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    // NUI: national, never reused (Art. 62) — a sequence never hands out a number twice.
    await sql`CREATE SEQUENCE nui_seq START 1000001`.execute(db);
    await db.schema
      .createTable('ppl')
      .addColumn('nui', 'text', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('names', 'text', (c) => c.notNull())
      .addColumn('surnames', 'text', (c) => c.notNull())
      .addColumn('document_type', 'text', (c) => c.notNull())
      .addColumn('document_number', 'text', (c) => c.notNull())
      .addColumn('sex', 'text', (c) => c.notNull())
      .addColumn('birth_date', 'date', (c) => c.notNull())
      .addColumn('nationality', 'text', (c) => c.notNull())
      .addColumn('legal_status', 'text', (c) => c.notNull())
      .addColumn('security_level', 'integer')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('admitted'))
      .addColumn('admitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('ppl_eron').on('ppl').column('eron').execute();

    await db.schema
      .createTable('intake_books')
      .addColumn('eron', 'text', (c) => c.primaryKey())
      .addColumn('last_entry', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('admissions')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('nui', 'text', (c) => c.notNull().references('ppl.nui'))
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('entry_number', 'integer', (c) => c.notNull())
      .addColumn('detention_order', 'jsonb', (c) => c.notNull())
      .addColumn('identification', 'jsonb', (c) => c.notNull())
      .addColumn('cash_amount', 'bigint', (c) => c.check(sql`cash_amount > 0`))
      .addColumn('cash_acta', 'text')
      .addColumn('cash_search_date', 'date')
      .addColumn('admitted_by', 'text', (c) => c.notNull())
      .addColumn('admitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('admissions_entry', ['eron', 'entry_number'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('admissions').execute();
    await db.schema.dropTable('intake_books').execute();
    await db.schema.dropTable('ppl').execute();
    await sql`DROP SEQUENCE nui_seq`.execute(db);
  },
};
