import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The shop (expendio, FOL-09, Arts. 124–130): who runs it, its public price list (a sale price never
 * more than 10 % over cost, Art. 125, also as a CHECK), each month's close (30 % of the profit to the
 * Caja Especial, Art. 128), and `shop_purchase`: prices the items from the list and spends through
 * `folio_spend` in the same statement, so a sale is one round trip. Raw materials (Art. 42) are
 * outside the daily cap but inside the monthly one.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('shops')
      .addColumn('eron', 'text', (c) => c.primaryKey())
      .addColumn('run_by', 'text', (c) => c.notNull().check(sql`run_by IN ('establishment', 'private_company')`))
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('shop_products')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('sku', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('unit_cost', 'bigint', (c) => c.notNull().check(sql`unit_cost > 0`))
      .addColumn('price', 'bigint', (c) => c.notNull().check(sql`price > 0`))
      .addColumn('raw_material', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('shop_products_sku', ['eron', 'sku'])
      .addCheckConstraint('shop_price_at_most_10_percent_over_cost', sql`price * 10 <= unit_cost * 11`)
      .execute();
    await db.schema
      .createTable('shop_months')
      .addColumn('eron', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('sales', 'bigint', (c) => c.notNull())
      .addColumn('cost_of_goods', 'bigint', (c) => c.notNull())
      .addColumn('profit', 'bigint', (c) => c.notNull())
      .addColumn('caja_share', 'bigint', (c) => c.notNull())
      .addColumn('run_by', 'text', (c) => c.notNull())
      .addColumn('tx_id', 'uuid', (c) => c.references('ledger_transactions.id'))
      .addColumn('closed_by', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('shop_months_pk', ['eron', 'month'])
      .execute();
    await sql`CREATE TRIGGER shop_months_append_only BEFORE UPDATE OR DELETE ON shop_months
      FOR EACH ROW EXECUTE FUNCTION forbid_change()`.execute(db);

    await sql`
      CREATE FUNCTION shop_purchase(
        p_nui text, p_shop text, p_items jsonb, p_date date, p_legal_day bigint, p_legal_month bigint,
        p_tx uuid, p_by text, p_request text,
        OUT outcome text, OUT ppl_eron text, OUT available bigint, OUT day_cap bigint, OUT day_spent bigint,
        OUT month_cap bigint, OUT month_spent bigint, OUT receipt bigint, OUT total bigint, OUT lines jsonb)
      LANGUAGE plpgsql AS $fn$
      DECLARE v_day bigint; v_count int;
      BEGIN
        SELECT COALESCE(sum(p.price * i.quantity), 0), COALESCE(sum(p.price * i.quantity) FILTER (WHERE NOT p.raw_material), 0),
               count(*), jsonb_agg(jsonb_build_object('productId', p.id, 'sku', p.sku, 'name', p.name, 'quantity', i.quantity,
                 'unitPrice', p.price, 'unitCost', p.unit_cost, 'rawMaterial', p.raw_material) ORDER BY p.sku)
          INTO total, v_day, v_count, lines
          FROM jsonb_to_recordset(p_items) AS i("productId" uuid, quantity int)
          JOIN shop_products p ON p.id = i."productId" AND p.eron = p_shop AND p.active;
        IF v_count <> jsonb_array_length(p_items) THEN outcome := 'unknown_product'; RETURN; END IF;
        SELECT s.outcome, s.ppl_eron, s.available, s.day_cap, s.day_spent, s.month_cap, s.month_spent, s.receipt
          INTO outcome, ppl_eron, available, day_cap, day_spent, month_cap, month_spent, receipt
          FROM folio_spend(p_nui, ARRAY[p_shop], total, v_day, p_date, p_legal_day, p_legal_month, 'shop_purchase', p_tx,
            p_tx::text, 'Compra en el expendio', 'shop', p_by, p_request,
            jsonb_build_object('shop', p_shop, 'items', lines)) s;
      END $fn$`.execute(db);
  },
  async down(db: Kysely<any>) {
    await sql`DROP FUNCTION shop_purchase`.execute(db);
    for (const t of ['shop_months', 'shop_products', 'shops']) await db.schema.dropTable(t).execute();
  },
};
