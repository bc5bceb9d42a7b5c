import { sql } from 'kysely';
import type { ProgrammeKind } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { HoursRow, OrderRow, RateRow } from '../jetee/jetee.tables';

/** The rate (ratio and caps) of a kind in force on a date. */
export async function rateOn(db: Db | Trx, kind: ProgrammeKind, date: string): Promise<RateRow> {
  return db
    .selectFrom('redemption_rates')
    .selectAll()
    .where('kind', '=', kind)
    .where('effective_from', '<=', date)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

export async function ratesOf(db: Db | Trx, kind: ProgrammeKind): Promise<RateRow[]> {
  return db.selectFrom('redemption_rates').selectAll().where('kind', '=', kind).orderBy('effective_from').execute();
}

/** The JETEE's order that had the PPL in the programme on that day. */
export async function orderOn(db: Db | Trx, programmeId: string, nui: string, date: string): Promise<OrderRow | undefined> {
  return db
    .selectFrom('programme_orders')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where('nui', '=', nui)
    .where('ordered_on', '<=', date)
    .where((eb) => eb.or([eb('status', '=', 'active'), eb.and([eb('status', '=', 'removed'), eb('removed_on', '>', date)])]))
    .executeTakeFirst();
}

/** Work hours already counted for the PPL in the week, other days. */
export async function weekCounted(trx: Trx, nui: string, from: string, to: string, except: string): Promise<number> {
  const r = await trx
    .selectFrom('programme_hours')
    .select(sql<number>`coalesce(sum(counted), 0)::float8`.as('n'))
    .where('nui', '=', nui)
    .where('kind', '=', 'work')
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('date', '<>', except)
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function dayExists(trx: Trx, programmeId: string, nui: string, date: string): Promise<boolean> {
  const r = await trx
    .selectFrom('programme_hours')
    .select('id')
    .where('programme_id', '=', programmeId)
    .where('nui', '=', nui)
    .where('date', '=', date)
    .executeTakeFirst();
  return r !== undefined;
}

export async function insertHours(trx: Trx, h: Omit<HoursRow, 'created_at'>): Promise<HoursRow> {
  return trx.insertInto('programme_hours').values(h).returningAll().executeTakeFirstOrThrow();
}

export async function hoursOfMonth(db: Db | Trx, nui: string, programmeId: string, month: string): Promise<HoursRow[]> {
  return db
    .selectFrom('programme_hours')
    .selectAll()
    .where('nui', '=', nui)
    .where('programme_id', '=', programmeId)
    .where(sql<string>`to_char(date, 'YYYY-MM')`, '=', month)
    .orderBy('date')
    .execute();
}
