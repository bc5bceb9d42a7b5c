import { sql } from 'kysely';
import type { Db, Trx } from '../db';
import type { Rating } from './conduct.rules';
import type { ConductRatingRow, ConductRunRow, ConductTables } from './conduct.tables';
import type { Insertable } from 'kysely';

/** Bogotá midnight of a calendar date, as an instant (PLT-09). */
const bogotaStart = (date: string) => sql<Date>`(${date}::timestamp AT TIME ZONE 'America/Bogota')`;

/** Who an establishment rates (DIS-13, Art. 136.1): those held there, and those it sent to house arrest. */
export function ratedPpl(db: Db | Trx, eron: string) {
  return db
    .selectFrom('ppl')
    .where('eron', '=', eron)
    .where((eb) => eb.or([eb('state', '=', 'held'), eb.and([eb('state', '=', 'exited'), eb('exit_reason', '=', 'house_arrest')])]));
}

export async function countRated(db: Db | Trx, eron: string): Promise<number> {
  const row = await ratedPpl(db, eron)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The next `limit` PPL to rate after `after`, in NUI order (keyset: a restart resumes, never repeats). */
export async function ratedBatch(db: Db | Trx, eron: string, after: string, limit: number): Promise<string[]> {
  const rows = await ratedPpl(db, eron).select('nui').where('nui', '>', after).orderBy('nui').limit(limit).execute();
  return rows.map((r) => r.nui);
}

/** Firm sanctions that became firm in [from, to) per PPL and severity. */
export async function firmCounts(
  db: Db | Trx,
  nuis: string[],
  from: string,
  to: string,
): Promise<Map<string, { graves: number; leves: number }>> {
  if (nuis.length === 0) return new Map();
  const rows = await db
    .selectFrom('sanctions')
    .select((eb) => [
      'nui',
      eb.fn.countAll<string>().filterWhere('severity', '=', 'grave').as('graves'),
      eb.fn.countAll<string>().filterWhere('severity', '=', 'leve').as('leves'),
    ])
    .where('nui', 'in', nuis)
    .where('status', '=', 'firm')
    .where('firm_at', '>=', bogotaStart(from))
    .where('firm_at', '<', bogotaStart(to))
    .groupBy('nui')
    .execute();
  return new Map(rows.map((r) => [r.nui, { graves: Number(r.graves), leves: Number(r.leves) }]));
}

/** Earlier quarters' ratings: the final one where the Council decided, else the proposal; the carry only while still mala. */
export async function earlierRatings(
  db: Db | Trx,
  nuis: string[],
  quarters: string[],
): Promise<{ nui: string; quarter: string; rating: Rating; carries: boolean }[]> {
  if (nuis.length === 0) return [];
  const rows = await db
    .selectFrom('conduct_ratings')
    .select(['nui', 'quarter', 'proposed', 'rating', 'carries_mala'])
    .where('nui', 'in', nuis)
    .where('quarter', 'in', quarters)
    .execute();
  return rows.map((r) => {
    const rating = r.rating ?? r.proposed;
    return { nui: r.nui, quarter: r.quarter, rating, carries: r.carries_mala && rating === 'mala' };
  });
}

/** Saves proposals; a rating the Council already decided is kept as decided. */
export async function saveProposals(trx: Trx, rows: Insertable<ConductTables['conduct_ratings']>[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('conduct_ratings')
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(['nui', 'quarter'])
        .doUpdateSet((eb) => ({
          eron: eb.ref('excluded.eron'),
          proposed: eb.ref('excluded.proposed'),
          basis: eb.ref('excluded.basis'),
          graves: eb.ref('excluded.graves'),
          leves: eb.ref('excluded.leves'),
          carries_mala: eb.ref('excluded.carries_mala'),
          run_id: eb.ref('excluded.run_id'),
          proposed_at: sql`now()`,
        }))
        .where('conduct_ratings.status', '=', 'proposed'),
    )
    .execute();
}

export async function insertRun(
  trx: Trx,
  run: { id: string; eron: string; quarter: string; total: number; by: string },
): Promise<ConductRunRow> {
  return trx
    .insertInto('conduct_runs')
    .values({
      id: run.id,
      eron: run.eron,
      quarter: run.quarter,
      status: 'queued',
      total: run.total,
      requested_by: run.by,
      finished_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Claims a queued run (the given one, else the oldest) for this worker; another worker skips it. */
export async function claimRun(db: Db, id?: string): Promise<ConductRunRow | undefined> {
  return db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('conduct_runs').select('id').where('status', '=', 'queued');
    if (id) q = q.where('id', '=', id);
    const next = await q.orderBy('created_at').limit(1).forUpdate().skipLocked().executeTakeFirst();
    if (!next) return undefined;
    return trx.updateTable('conduct_runs').set({ status: 'running' }).where('id', '=', next.id).returningAll().executeTakeFirstOrThrow();
  });
}

export async function advanceRun(trx: Trx, id: string, by: number): Promise<void> {
  await trx
    .updateTable('conduct_runs')
    .set((eb) => ({ done: eb('done', '+', by) }))
    .where('id', '=', id)
    .execute();
}

export async function finishRun(db: Db | Trx, id: string, status: 'done' | 'failed', total?: number): Promise<void> {
  await db
    .updateTable('conduct_runs')
    .set({ status, finished_at: sql<Date>`now()`, ...(total === undefined ? {} : { total }) })
    .where('id', '=', id)
    .execute();
}

export async function findRun(db: Db | Trx, id: string): Promise<ConductRunRow | undefined> {
  return db.selectFrom('conduct_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function quarterRatings(db: Db | Trx, eron: string, quarter: string): Promise<ConductRatingRow[]> {
  return db.selectFrom('conduct_ratings').selectAll().where('eron', '=', eron).where('quarter', '=', quarter).orderBy('nui').execute();
}

/** Locks the quarter's proposals of these PPL at the establishment, for the Council's decision. */
export async function lockRatings(trx: Trx, eron: string, quarter: string, nuis: string[]): Promise<ConductRatingRow[]> {
  return trx
    .selectFrom('conduct_ratings')
    .selectAll()
    .where('eron', '=', eron)
    .where('quarter', '=', quarter)
    .where('nui', 'in', nuis)
    .orderBy('nui')
    .forUpdate()
    .execute();
}

export async function decideRating(
  trx: Trx,
  key: { nui: string; quarter: string },
  d: { rating: Rating; status: 'approved' | 'amended'; reasons: string | null; session: string; by: string },
): Promise<ConductRatingRow> {
  return trx
    .updateTable('conduct_ratings')
    .set({ rating: d.rating, status: d.status, reasons: d.reasons, session_ref: d.session, decided_by: d.by, decided_at: sql<Date>`now()` })
    .where('nui', '=', key.nui)
    .where('quarter', '=', key.quarter)
    .returningAll()
    .executeTakeFirstOrThrow();
}
