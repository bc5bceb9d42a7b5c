import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { JeteeMember } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { MemberRow, SessionRow } from './jetee.tables';

/** Constitutes or recomposes the board: the old members step down, the new ones take their seats. */
export async function replaceBoard(trx: Trx, eron: string, members: JeteeMember[]): Promise<MemberRow[]> {
  await trx
    .insertInto('jetee_boards')
    .values({ eron })
    .onConflict((oc) => oc.column('eron').doUpdateSet({ updated_at: sql`now()` }))
    .execute();
  await trx.updateTable('jetee_members').set({ active: false }).where('eron', '=', eron).execute();
  return trx
    .insertInto('jetee_members')
    .values(members.map((m) => ({ id: randomUUID(), eron, seat: m.seat, name: m.name, position: m.position })))
    .returningAll()
    .execute();
}

export async function boardOf(db: Db | Trx, eron: string) {
  return db.selectFrom('jetee_boards').selectAll().where('eron', '=', eron).executeTakeFirst();
}

export async function membersOf(db: Db | Trx, eron: string): Promise<MemberRow[]> {
  return db.selectFrom('jetee_members').selectAll().where('eron', '=', eron).where('active', '=', true).orderBy('seat').execute();
}

/** The next acta number of the establishment, taken under the board's row lock so two sessions never share one. */
export async function takeNumber(trx: Trx, eron: string): Promise<number | undefined> {
  const row = await trx
    .updateTable('jetee_boards')
    .set({ next_number: sql`next_number + 1` })
    .where('eron', '=', eron)
    .returning(sql<number>`next_number - 1`.as('number'))
    .executeTakeFirst();
  return row?.number;
}

export async function insertSession(trx: Trx, s: Omit<SessionRow, 'created_at'>): Promise<SessionRow> {
  return trx
    .insertInto('jetee_sessions')
    .values({ ...s, attendees: JSON.stringify(s.attendees) as never })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findSession(db: Db | Trx, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('jetee_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Months (YYYY-MM) of [from, to] in which the establishment's JETEE sat. */
export async function monthsWithSession(db: Db | Trx, eron: string, from: string, to: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('jetee_sessions')
    .select(sql<string>`to_char(held_on, 'YYYY-MM')`.as('month'))
    .where('eron', '=', eron)
    .where(sql<string>`to_char(held_on, 'YYYY-MM')`, '>=', from)
    .where(sql<string>`to_char(held_on, 'YYYY-MM')`, '<=', to)
    .distinct()
    .execute();
  return new Set(rows.map((r) => r.month));
}

export async function flagsOf(db: Db | Trx, eron: string): Promise<Map<string, Date>> {
  const rows = await db.selectFrom('jetee_missed_months').selectAll().where('eron', '=', eron).execute();
  return new Map(rows.map((r) => [r.month, r.flagged_at]));
}

export async function flagMonths(trx: Trx, eron: string, months: string[]): Promise<number> {
  if (months.length === 0) return 0;
  const rows = await trx
    .insertInto('jetee_missed_months')
    .values(months.map((month) => ({ eron, month })))
    .onConflict((oc) => oc.columns(['eron', 'month']).doNothing())
    .returning('month')
    .execute();
  return rows.length;
}

export async function boards(db: Db): Promise<{ eron: string; constituted_at: Date }[]> {
  return db.selectFrom('jetee_boards').select(['eron', 'constituted_at']).execute();
}

/** What the JETEE decided in a session, for its acta: orders and evaluations with the programme's name. */
export async function decisionsOf(db: Db | Trx, sessionId: string) {
  const orders = await db
    .selectFrom('programme_orders as o')
    .innerJoin('programmes as p', 'p.id', 'o.programme_id')
    .select(['o.nui', 'p.name as programme', 'o.status', 'o.reasons'])
    .where('o.session_id', '=', sessionId)
    .orderBy('o.created_at')
    .execute();
  const evaluations = await db
    .selectFrom('jetee_evaluations as e')
    .innerJoin('programmes as p', 'p.id', 'e.programme_id')
    .select(['e.nui', 'p.name as programme', 'e.month', 'e.rating', 'e.remarks'])
    .where('e.session_id', '=', sessionId)
    .orderBy('e.created_at')
    .execute();
  return { orders, evaluations };
}
