import type { Db, Trx } from '../db';
import { capsInForce } from '../limits/limits.repository';

export const dayPeriod = (date: string) => `d:${date}`;
export const monthPeriod = (date: string) => `m:${date.slice(0, 7)}`;

export interface CapStanding {
  cap: number;
  spent: number;
  remaining: number;
}

/** What a PPL spent on a Bogotá date and its month, against the caps in force (FOL-07). */
export async function spentOn(db: Db | Trx, nui: string, date: string): Promise<{ day: number; month: number }> {
  const rows = await db
    .selectFrom('spend_totals')
    .select(['period', 'amount'])
    .where('nui', '=', nui)
    .where('period', 'in', [dayPeriod(date), monthPeriod(date)])
    .execute();
  const amountOf = (period: string) => Number(rows.find((r) => r.period === period)?.amount ?? 0);
  return { day: amountOf(dayPeriod(date)), month: amountOf(monthPeriod(date)) };
}

const standing = (cap: number, spent: number): CapStanding => ({ cap, spent, remaining: Math.max(0, cap - spent) });

/** The day's and month's caps, spending and what remains for a PPL on a Bogotá date (FOL-07). */
export async function remainingCaps(db: Db | Trx, nui: string, date: string): Promise<{ day: CapStanding; month: CapStanding }> {
  const [caps, spent] = await Promise.all([capsInForce(db, date), spentOn(db, nui, date)]);
  return { day: standing(caps.spend_day, spent.day), month: standing(caps.spend_month, spent.month) };
}
