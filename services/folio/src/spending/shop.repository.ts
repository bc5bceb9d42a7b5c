import type { ProductInput } from '@eron/shared';
import type { Db, Trx } from '../db';

export const productView = (p: {
  id: string;
  eron: string;
  sku: string;
  name: string;
  unit_cost: number;
  price: number;
  raw_material: boolean;
  active: boolean;
}) => ({
  id: p.id,
  shop: p.eron,
  sku: p.sku,
  name: p.name,
  unitCost: p.unit_cost,
  price: p.price,
  rawMaterial: p.raw_material,
  active: p.active,
});

/** Adds an article to the price list, or changes its cost and price (same SKU). */
export async function saveProduct(trx: Trx, shop: string, p: ProductInput, by: string) {
  const values = {
    name: p.name,
    unit_cost: p.unitCost,
    price: p.price,
    raw_material: p.rawMaterial ?? false,
    active: p.active ?? true,
    updated_by: by,
  };
  return trx
    .insertInto('shop_products')
    .values({ eron: shop, sku: p.sku, ...values })
    .onConflict((oc) => oc.columns(['eron', 'sku']).doUpdateSet({ ...values, updated_at: new Date() }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const listProducts = (db: Db, shop: string) =>
  db.selectFrom('shop_products').selectAll().where('eron', '=', shop).orderBy('sku').execute();

export async function shopRunBy(db: Db | Trx, shop: string): Promise<'establishment' | 'private_company'> {
  const row = await db.selectFrom('shops').select('run_by').where('eron', '=', shop).executeTakeFirst();
  return row?.run_by ?? 'establishment';
}
