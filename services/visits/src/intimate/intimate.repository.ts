import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Trx } from '../db';
import type { IntimateAnswerBody, IntimateRequestBody } from '@eron/shared';

export async function insertRequest(
  trx: Trx,
  r: { nui: string; eron: string; filedOn: string; dueOn: string; by: string; body: IntimateRequestBody; partnerEron: string | null },
) {
  const id = randomUUID();
  const row = await trx
    .insertInto('intimate_requests')
    .values({ id, nui: r.nui, eron: r.eron, filed_on: r.filedOn, due_on: r.dueOn, visits_per_month: null, created_by: r.by })
    .returningAll()
    .executeTakeFirstOrThrow();
  const details = await trx
    .insertInto('intimate_request_details')
    .values({
      request_id: id,
      visitor: JSON.stringify(r.body.visitor),
      written_request_ref: r.body.writtenRequestRef,
      partner_nui: r.body.partner?.nui ?? null,
      partner_eron: r.partnerEron,
      partner_moves: r.body.partner?.moves ?? null,
      reasons: null,
      move_permission: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { row, details };
}

export const lockRequest = (trx: Trx, id: string) =>
  trx.selectFrom('intimate_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const findRequest = (db: Db | Trx, id: string) =>
  db.selectFrom('intimate_requests').selectAll().where('id', '=', id).executeTakeFirst();

/** The confidential part (Art. 72 §): only read by the single-request use cases, which audit it. */
export const readDetails = (db: Db | Trx, id: string) =>
  db.selectFrom('intimate_request_details').selectAll().where('request_id', '=', id).executeTakeFirstOrThrow();

export async function saveAnswer(trx: Trx, id: string, b: IntimateAnswerBody, by: string) {
  const row = await trx
    .updateTable('intimate_requests')
    .set({ status: b.decision, visits_per_month: b.visitsPerMonth ?? null, answered_by: by, answered_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const details = await trx
    .updateTable('intimate_request_details')
    .set({
      grounds: b.grounds ?? [],
      reasons: b.reasons ?? null,
      move_permission: b.movePermission ? JSON.stringify(b.movePermission) : null,
    })
    .where('request_id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { row, details };
}

export const listRequests = (db: Db, eron: string, status: string | undefined) =>
  db
    .selectFrom('intimate_requests')
    .selectAll()
    .where('eron', '=', eron)
    .$if(status !== undefined, (q) => q.where('status', '=', status as 'pending'))
    .orderBy('filed_on')
    .orderBy('id')
    .limit(500)
    .execute();

/** VIS-11: pending requests past their last business day and not yet flagged; flagged now, in one statement. */
export async function flagOverdue(db: Db, today: string): Promise<number> {
  const res = await db
    .updateTable('intimate_requests')
    .set({ overdue_flagged_at: sql<Date>`now()` })
    .where('status', '=', 'pending')
    .where('due_on', '<', today)
    .where('overdue_flagged_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function visitsInMonth(trx: Trx, requestId: string, month: string): Promise<number> {
  const row = await trx
    .selectFrom('intimate_visits')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('request_id', '=', requestId)
    .where(sql<string>`to_char(date, 'YYYY-MM')`, '=', month)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Null when that day was already given on this request (one visit a day per request). */
export async function insertVisit(trx: Trx, v: { requestId: string; nui: string; eron: string; date: string; by: string }) {
  return trx
    .insertInto('intimate_visits')
    .values({ id: randomUUID(), request_id: v.requestId, nui: v.nui, eron: v.eron, date: v.date, created_by: v.by })
    .onConflict((oc) => oc.constraint('intimate_visits_one_a_day').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** VIS-11: each PPL of the establishment entitled (a granted or limited request) and how many visits they had that month. */
export const entitledWithVisits = (db: Db, eron: string, month: string) =>
  db
    .selectFrom('intimate_requests as r')
    .leftJoin('intimate_visits as v', (j) => j.onRef('v.request_id', '=', 'r.id').on(sql<string>`to_char(v.date, 'YYYY-MM')`, '=', month))
    // Only those held here now: a PPL transferred or released is another establishment's, or nobody's, to visit.
    .innerJoin('ppl as p', (j) => j.onRef('p.nui', '=', 'r.nui').on('p.eron', '=', eron).on('p.state', '=', 'held'))
    .select(['r.nui'])
    .select((eb) => [eb.fn.count<string>('v.id').as('visits'), sql<string>`min(r.id::text)`.as('requestId')])
    .where('r.eron', '=', eron)
    .where('r.status', 'in', ['granted', 'limited'])
    .groupBy('r.nui')
    .orderBy('r.nui')
    .execute();
