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

/** The DG's tariff of each appliance in force on a Bogotá date (FOL-08 (7)): the latest effective by then. */
export const tariffsInForce = (db: Db | Trx, date: string) =>
  db
    .selectFrom('appliance_tariffs')
    .distinctOn('appliance')
    .select(['appliance', 'name', 'monthly_fee', 'effective_from', 'resolution'])
    .where('effective_from', '<=', date)
    .orderBy('appliance')
    .orderBy('effective_from', 'desc')
    .execute();

/** The tariff of one appliance in force on a date, if the DG set one. */
export const tariffInForce = (db: Db | Trx, appliance: string, date: string) =>
  db
    .selectFrom('appliance_tariffs')
    .select(['appliance', 'name', 'monthly_fee', 'effective_from', 'resolution'])
    .where('appliance', '=', appliance)
    .where('effective_from', '<=', date)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirst();

/** A new tariff row; undefined when the appliance already has one from that date (tariffs are never rewritten). */
export const insertTariff = (
  trx: Trx,
  t: { appliance: string; name: string; monthlyFee: number; effectiveFrom: string; resolution: string; by: string },
) =>
  trx
    .insertInto('appliance_tariffs')
    .values({
      appliance: t.appliance,
      name: t.name,
      monthly_fee: t.monthlyFee,
      effective_from: t.effectiveFrom,
      resolution: t.resolution,
      set_by: t.by,
    })
    .onConflict((oc) => oc.columns(['appliance', 'effective_from']).doNothing())
    .returning('id')
    .executeTakeFirst();
