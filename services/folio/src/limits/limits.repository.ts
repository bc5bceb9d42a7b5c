import type { Db, Trx } from '../db';
import { capsOn, type Caps, type CapKind } from './limits.rules';

/** The caps in force on a Bogotá date (FOL-03): law, or the DG's latest figure effective by then. */
export async function capsInForce(db: Db | Trx, date: string): Promise<Caps> {
  const overrides = await db
    .selectFrom('dg_overrides')
    .select(['kind', 'amount', 'effective_from'])
    .where('effective_from', '<=', date)
    .execute();
  return capsOn(date, overrides);
}

/** The DG's figure of a kind from a date; the same kind and date again replaces it. */
export async function saveOverride(
  trx: Trx,
  o: { kind: CapKind; amount: number; effectiveFrom: string; resolution: string; by: string },
): Promise<void> {
  await trx
    .insertInto('dg_overrides')
    .values({ kind: o.kind, amount: o.amount, effective_from: o.effectiveFrom, resolution: o.resolution, set_by: o.by })
    .onConflict((oc) => oc.columns(['kind', 'effective_from']).doUpdateSet({ amount: o.amount, resolution: o.resolution, set_by: o.by }))
    .execute();
}
