import type { ProductInput } from '@eron/shared';
import type { Db, Trx } from '../db';

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

/** Up to `rows` products of the shop's list by SKU, after `afterSku` when given. */
export const listProducts = (db: Db, shop: string, page: { afterSku?: string; rows: number }) =>
  db
    .selectFrom('shop_products')
    .selectAll()
    .where('eron', '=', shop)
    .$if(page.afterSku !== undefined, (q) => q.where('sku', '>', page.afterSku!))
    .orderBy('sku')
    .limit(page.rows)
    .execute();

export async function shopRunBy(db: Db | Trx, shop: string): Promise<'establishment' | 'private_company'> {
  const row = await db.selectFrom('shops').select('run_by').where('eron', '=', shop).executeTakeFirst();
  return row?.run_by ?? 'establishment';
}

/** Who runs the shop (FOL-09, Arts. 125, 126, 128). */
export async function saveShop(trx: Trx, shop: string, runBy: 'establishment' | 'private_company', by: string): Promise<void> {
  await trx
    .insertInto('shops')
    .values({ eron: shop, run_by: runBy, updated_by: by })
    .onConflict((oc) => oc.column('eron').doUpdateSet({ run_by: runBy, updated_by: by, updated_at: new Date() }))
    .execute();
}

/** The shop's row, locked (when it has one): closes of its months serialise on it too. */
export async function lockShop(trx: Trx, shop: string): Promise<void> {
  await trx.selectFrom('shops').select('eron').where('eron', '=', shop).forUpdate().execute();
}
