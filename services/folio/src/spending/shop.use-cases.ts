import {
  bogotaMonth,
  keyOf,
  pageLimit,
  pageOf,
  type Product,
  type ProductInput,
  type ProductPage,
  type ProductPageQuery,
  type ShopMonth,
  type ShopSettings,
} from '@eron/shared';
import { eronAccountId, record } from '../ledger/ledger.repository';
import type { Ctx, Reader } from '../runtime';
import { findClosedMonth, insertShopMonth, lockShopMonth, shopTotals } from './shop-month.repository';
import { listProducts, lockShop, saveProduct, saveShop, shopRunBy } from './shop.repository';
import { cajaShare, monthClosed, monthOpenProblem, priceProblem } from './shop.rules';

const productView = (p: {
  id: string;
  eron: string;
  sku: string;
  name: string;
  unit_cost: number;
  price: number;
  raw_material: boolean;
  active: boolean;
}): Product => ({
  id: p.id,
  shop: p.eron,
  sku: p.sku,
  name: p.name,
  unitCost: p.unit_cost,
  price: p.price,
  rawMaterial: p.raw_material,
  active: p.active,
});

type MonthRow = Awaited<ReturnType<typeof insertShopMonth>>;
const monthView = (m: MonthRow): ShopMonth => ({
  shop: m.eron,
  month: m.month,
  runBy: m.run_by,
  sales: m.sales,
  costOfGoods: m.cost_of_goods,
  profit: m.profit,
  cajaEspecialShare: m.caja_share,
  closed: true,
  closedAt: m.closed_at.toISOString(),
  transactionId: m.tx_id,
});

/** Who runs the shop: the establishment or a private company (FOL-09, Arts. 125, 126, 128). */
export async function setShop(ctx: Ctx, input: { shop: string; settings: ShopSettings }): Promise<ShopSettings> {
  await saveShop(ctx.trx, input.shop, input.settings.runBy, ctx.actor.sub);
  await ctx.audit({ action: 'set-shop', entity: 'shop', entityId: input.shop, details: { runBy: input.settings.runBy } });
  return input.settings;
}

/** A page of the shop's public price list, by SKU (FOL-09, Art. 127; PLT-18: bounded pages). */
export async function priceList(r: Reader, q: { shop: string } & ProductPageQuery): Promise<ProductPage> {
  const limit = pageLimit(q.limit, 200);
  const after = q.after ? keyOf(q.after, ['code'], 'after') : undefined;
  const rows = await listProducts(r.db, q.shop, { afterSku: after?.[0], rows: limit + 1 });
  const page = pageOf(rows, limit, (p) => [p.sku]);
  return { shop: q.shop, items: page.items.map(productView), next: page.next };
}

/** An article added or re-priced, never more than 10 % over its cost (FOL-09, Art. 125). */
export async function setProduct(ctx: Ctx, input: { shop: string; product: ProductInput }): Promise<Product> {
  const problem = priceProblem(input.product);
  if (problem) throw problem;
  const saved = await saveProduct(ctx.trx, input.shop, input.product, ctx.actor.sub);
  await ctx.audit({ action: 'save-product', entity: 'shop_product', entityId: saved.id, details: input.product });
  return productView(saved);
}

/** The monthly statement: sales, cost of goods, profit and the Caja Especial's share, closed or so far (FOL-09, Art. 128). */
export async function shopMonth(r: Reader, q: { shop: string; month: string }): Promise<ShopMonth> {
  const closed = await findClosedMonth(r.db, q.shop, q.month);
  if (closed) return monthView(closed);
  const [totals, runBy] = await Promise.all([shopTotals(r.db, q.shop, q.month), shopRunBy(r.db, q.shop)]);
  const profit = totals.sales - totals.costOfGoods;
  return { shop: q.shop, month: q.month, runBy, ...totals, profit, cajaEspecialShare: cajaShare(runBy, profit), closed: false };
}

/**
 * Closes a shop month once it is over (FOL-09, Art. 128): profit = sales − cost of goods; 30 % of it
 * to the Caja Especial where the establishment runs the shop. Closes of one month serialise.
 */
export async function closeShopMonth(ctx: Ctx, input: { shop: string; month: string }): Promise<ShopMonth> {
  const { shop, month } = input;
  const open = monthOpenProblem(month, bogotaMonth());
  if (open) throw open;
  await lockShopMonth(ctx.trx, shop, month);
  await lockShop(ctx.trx, shop);
  if (await findClosedMonth(ctx.trx, shop, month)) throw monthClosed(month);
  const runBy = await shopRunBy(ctx.trx, shop);
  const totals = await shopTotals(ctx.trx, shop, month);
  const profit = totals.sales - totals.costOfGoods;
  const share = cajaShare(runBy, profit);
  const txId =
    share > 0
      ? await record(ctx.trx, {
          kind: 'shop_caja_share',
          eron: shop,
          nui: null,
          reference: `${shop}/${month}`,
          concept: `30 % de la utilidad del expendio de ${month} a la Caja Especial (Art. 128)`,
          createdBy: ctx.actor.sub,
          requestId: ctx.requestId,
          postings: [
            { accountId: await eronAccountId(ctx.trx, shop, 'shop'), amount: -share },
            { accountId: await eronAccountId(ctx.trx, shop, 'caja_especial'), amount: share },
          ],
        })
      : null;
  const row = await insertShopMonth(ctx.trx, { shop, month, ...totals, profit, share, runBy, txId, by: ctx.actor.sub }).catch(
    (err: { code?: string }) => {
      // Belt and braces: whatever got past the lock, the primary key makes it the same 409.
      if (err.code === '23505') throw monthClosed(month);
      throw err;
    },
  );
  await ctx.audit({ action: 'close-shop-month', entity: 'shop_month', entityId: `${shop}/${month}` });
  return monthView(row);
}
