import { sql } from 'kysely';
import type { Db, Trx } from '../db';

export async function saveChosenDay(trx: Trx, nui: string, weekday: number, basis: 'trans' | 'intersex', by: string) {
  const row = { weekday, basis, recorded_by: by, recorded_at: sql<Date>`now()` };
  return trx
    .insertInto('chosen_visit_days')
    .values({ nui, ...row })
    .onConflict((oc) => oc.column('nui').doUpdateSet(row))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const findChosenDay = (db: Db | Trx, nui: string) =>
  db.selectFrom('chosen_visit_days').selectAll().where('nui', '=', nui).executeTakeFirst();

export async function removeChosenDay(trx: Trx, nui: string): Promise<boolean> {
  const r = await trx.deleteFrom('chosen_visit_days').where('nui', '=', nui).executeTakeFirst();
  return r.numDeletedRows > 0n;
}
