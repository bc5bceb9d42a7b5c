import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Establishments, their units and cells (CLS-01, CLS-02). The security category is the DG's
 * (Art. 23) and keeps its history; a unit is created or renamed only with the DG's authorisation
 * (Art. 20 §2), which the row names; a cell has its places.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('establishments')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('regional', 'text', (c) => c.notNull())
      .addColumn('order', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('security_category', 'text', (c) => c.notNull().check(sql`security_category IN ('alta', 'media', 'minima')`))
      .addColumn('category_since', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('category_changes')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull().references('establishments.code'))
      .addColumn('security_category', 'text', (c) => c.notNull())
      .addColumn('resolution', 'text', (c) => c.notNull())
      .addColumn('changed_by', 'text', (c) => c.notNull())
      .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('category_changes_eron').on('category_changes').columns(['eron', 'id']).execute();

    await db.schema
      .createTable('units')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('eron', 'text', (c) => c.notNull().references('establishments.code'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sexes', sql`text[]`, (c) => c.notNull())
      .addColumn('legal', 'text', (c) => c.notNull().check(sql`legal IN ('pre_trial', 'sentenced', 'both')`))
      .addColumn('special_regime', 'text')
      .addColumn('dg_authorisation', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await sql`CREATE UNIQUE INDEX units_name ON units (eron, lower(name))`.execute(db);
    await db.schema
      .createTable('unit_names')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('dg_authorisation', 'text', (c) => c.notNull())
      .addColumn('named_by', 'text', (c) => c.notNull())
      .addColumn('named_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();

    await db.schema
      .createTable('cells')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity > 0`))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('cells_code', ['unit_id', 'code'])
      .execute();

    for (const table of ['category_changes', 'unit_names']) {
      await sql`CREATE TRIGGER ${sql.id(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${sql.id(table)}
        FOR EACH ROW EXECUTE FUNCTION forbid_change()`.execute(db);
    }
  },
  async down(db: Kysely<any>) {
    for (const t of ['cells', 'unit_names', 'units', 'category_changes', 'establishments']) await db.schema.dropTable(t).execute();
  },
};
