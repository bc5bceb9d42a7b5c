import { sql } from 'kysely';
import { lockKeys } from '@eron/shared/platform';
import type { Db, Trx } from '../db';
import type { EvaluationRow } from '../jetee/jetee.tables';

/** DIS-23: the conduct rating of the month's quarter (DIS-13) as the Council decided it; null until it has. */
export async function conductRating(trx: Trx, nui: string, month: string): Promise<string | null> {
  const quarter = `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
  const row = await trx
    .selectFrom('conduct_ratings')
    .select('rating')
    .where('nui', '=', nui)
    .where('quarter', '=', quarter)
    .executeTakeFirst();
  return row?.rating ?? null;
}

/** The PPL was in the programme by the JETEE's order at some time of the month. */
export async function orderedDuring(trx: Trx, programmeId: string, nui: string, month: string): Promise<boolean> {
  const r = await trx
    .selectFrom('programme_orders')
    .select('id')
    .where('programme_id', '=', programmeId)
    .where('nui', '=', nui)
    .where('status', '<>', 'refused')
    .where(sql<string>`to_char(ordered_on, 'YYYY-MM')`, '<=', month)
    .where((eb) => eb.or([eb('removed_on', 'is', null), eb(sql<string>`to_char(removed_on, 'YYYY-MM')`, '>=', month)]))
    .executeTakeFirst();
  return r !== undefined;
}

export async function countedOfMonth(trx: Trx, programmeId: string, nui: string, month: string): Promise<number> {
  const r = await trx
    .selectFrom('programme_hours')
    .select(sql<number>`coalesce(sum(counted), 0)::float8`.as('n'))
    .where('programme_id', '=', programmeId)
    .where('nui', '=', nui)
    .where(sql<string>`to_char(date, 'YYYY-MM')`, '=', month)
    .executeTakeFirstOrThrow();
  return r.n;
}

/** DIS-23: serializes evaluations of these (programme, PPL, month)s, locked in sorted order so two sessions cannot deadlock. */
export async function lockMonths(trx: Trx, months: { programmeId: string; nui: string; month: string }[]): Promise<void> {
  const keys = months.map((m) => `jetee-evaluation:${m.programmeId}/${m.nui}/${m.month}`);
  await lockKeys(trx, keys);
}

export async function insertEvaluation(trx: Trx, e: Omit<EvaluationRow, 'created_at'>): Promise<EvaluationRow> {
  return trx.insertInto('jetee_evaluations').values(e).returningAll().executeTakeFirstOrThrow();
}

export async function evaluationExists(trx: Trx, programmeId: string, nui: string, month: string): Promise<boolean> {
  const r = await trx
    .selectFrom('jetee_evaluations')
    .select('id')
    .where('programme_id', '=', programmeId)
    .where('nui', '=', nui)
    .where('month', '=', month)
    .executeTakeFirst();
  return r !== undefined;
}

export async function evaluationsOf(db: Db | Trx, nui: string): Promise<(EvaluationRow & { certificate_id: string | null })[]> {
  return db
    .selectFrom('jetee_evaluations as e')
    .leftJoin('redemption_certificate_months as c', 'c.evaluation_id', 'e.id')
    .selectAll('e')
    .select('c.certificate_id')
    .where('e.nui', '=', nui)
    .orderBy('e.month')
    .orderBy('e.kind')
    .execute();
}
