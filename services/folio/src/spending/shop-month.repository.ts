import { sql } from 'kysely';
import type { Db, Trx } from '../db';
import { eronAccountId, record } from '../ledger/ledger.repository';
import { cajaShare } from './shop.rules';
import { shopRunBy } from './shop.repository';

const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** Sales and cost of goods sold of a shop in a Bogotá month; reversed sales do not count (Art. 128). */
export async function shopTotals(db: Db | Trx, shop: string, month: string): Promise<{ sales: number; costOfGoods: number }> {
  const { rows } = await sql<{ sales: string; cogs: string }>`
    SELECT COALESCE(sum(u.amount), 0) AS sales,
           COALESCE(sum((SELECT sum((i->>'quantity')::bigint * (i->>'unitCost')::bigint)
                          FROM jsonb_array_elements(u.details->'items') i)), 0) AS cogs
      FROM spend_uses u
     WHERE u.eron = ${shop} AND u.use = 'shop_purchase' AND u.reversed_by IS NULL
       AND u.spend_date >= ${`${month}-01`}::date AND u.spend_date < ${`${nextMonth(month)}-01`}::date`.execute(db);
  return { sales: Number(rows[0]?.sales ?? 0), costOfGoods: Number(rows[0]?.cogs ?? 0) };
}

/**
 * Serialises the closes of one shop month (FOL-09): the shop may have no `shops` row to lock, so
 * two closes at once would both find the month open and the second would die on the primary key.
 */
export async function lockShopMonth(trx: Trx, shop: string, month: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`shop-month:${shop}/${month}`}, 0))`.execute(trx);
}

export const findClosedMonth = (db: Db | Trx, shop: string, month: string) =>
  db.selectFrom('shop_months').selectAll().where('eron', '=', shop).where('month', '=', month).executeTakeFirst();

/** Closes a month: profit = sales − cost of goods; 30 % of it to the Caja Especial where the establishment runs the shop. */
export async function closeMonth(trx: Trx, shop: string, month: string, by: string, requestId: string) {
  const runBy = await shopRunBy(trx, shop);
  const totals = await shopTotals(trx, shop, month);
  const profit = totals.sales - totals.costOfGoods;
  const share = cajaShare(runBy, profit);
  const txId =
    share > 0
      ? await record(trx, {
          kind: 'shop_caja_share',
          eron: shop,
          nui: null,
          reference: `${shop}/${month}`,
          concept: `30 % de la utilidad del expendio de ${month} a la Caja Especial (Art. 128)`,
          createdBy: by,
          requestId,
          postings: [
            { accountId: await eronAccountId(trx, shop, 'shop'), amount: -share },
            { accountId: await eronAccountId(trx, shop, 'caja_especial'), amount: share },
          ],
        })
      : null;
  return trx
    .insertInto('shop_months')
    .values({
      eron: shop,
      month,
      sales: totals.sales,
      cost_of_goods: totals.costOfGoods,
      profit,
      caja_share: share,
      run_by: runBy,
      tx_id: txId,
      closed_by: by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
