import { sql } from 'kysely';
import { lockKeys } from '@eron/shared/platform';
import type { Db, Trx } from '../db';

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
  await lockKeys(trx, [`shop-month:${shop}/${month}`]);
}

export const findClosedMonth = (db: Db | Trx, shop: string, month: string) =>
  db.selectFrom('shop_months').selectAll().where('eron', '=', shop).where('month', '=', month).executeTakeFirst();

export async function insertShopMonth(
  trx: Trx,
  m: {
    shop: string;
    month: string;
    sales: number;
    costOfGoods: number;
    profit: number;
    share: number;
    runBy: string;
    txId: string | null;
    by: string;
  },
) {
  return trx
    .insertInto('shop_months')
    .values({
      eron: m.shop,
      month: m.month,
      sales: m.sales,
      cost_of_goods: m.costOfGoods,
      profit: m.profit,
      caja_share: m.share,
      run_by: m.runBy,
      tx_id: m.txId,
      closed_by: m.by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
