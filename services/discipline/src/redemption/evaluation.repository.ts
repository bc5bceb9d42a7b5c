import { sql } from 'kysely';
import type { Db, Trx } from '../db';
import type { EvaluationRow } from '../jetee/jetee.tables';

/**
 * DIS-23: the conduct rating of the period (DIS-13), if the conduct capability keeps one. It is
 * built beside this one: read `conduct_ratings` only when it exists with the columns we read
 * (nui, quarter as YYYY-Qn, rating), so an absent or different table gives null, never an error.
 */
export async function conductRating(trx: Trx, nui: string, month: string): Promise<string | null> {
  const cols = await sql<{ column_name: string }>`
    SELECT column_name FROM information_schema.columns WHERE table_name = 'conduct_ratings' AND table_schema = current_schema()`.execute(
    trx,
  );
  const have = new Set(cols.rows.map((c) => c.column_name));
  if (!['nui', 'quarter', 'rating'].every((c) => have.has(c))) return null;
  const quarter = `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
  const r = await sql<{
    rating: string;
  }>`SELECT rating::text AS rating FROM conduct_ratings WHERE nui = ${nui} AND quarter::text = ${quarter} LIMIT 1`.execute(trx);
  return r.rows[0]?.rating ?? null;
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
