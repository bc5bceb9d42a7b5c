import type { Db, Trx } from '../db';
import { capsOn, type Caps } from './limits.rules';

/** The caps in force on a Bogotá date (FOL-03): law, or the DG's latest figure effective by then. */
export async function capsInForce(db: Db | Trx, date: string): Promise<Caps> {
  const overrides = await db
    .selectFrom('dg_overrides')
    .select(['kind', 'amount', 'effective_from'])
    .where('effective_from', '<=', date)
    .execute();
  return capsOn(date, overrides);
}
