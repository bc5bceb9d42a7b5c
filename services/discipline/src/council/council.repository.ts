import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { lockKeys } from '@eron/shared/platform';
import type { CouncilGroup, CouncilPost } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { DecisionRow, MemberRow, SessionRow } from './council.tables';

export interface NewMember {
  post: CouncilPost;
  name: string;
  nui: string | null;
  groups: CouncilGroup[];
  votes: boolean;
}

/** A new composition ends the current members (past actas keep theirs) and names the secretary. */
export async function replaceComposition(
  trx: Trx,
  eron: string,
  members: NewMember[],
  secretary: { name: string; position: string },
  by: string,
): Promise<void> {
  await lockKeys(trx, [`council:${eron}`]);
  await trx
    .updateTable('council_members')
    .set({ active: false, ended_at: sql<Date>`now()` })
    .where('eron', '=', eron)
    .where('active', '=', true)
    .execute();
  await trx
    .insertInto('council_members')
    .values(members.map((m, seat) => ({ id: randomUUID(), eron, seat, ...m })))
    .execute();
  const row = { secretary_name: secretary.name, secretary_position: secretary.position, set_by: by, set_at: sql<Date>`now()` };
  await trx
    .insertInto('councils')
    .values({ eron, ...row })
    .onConflict((oc) => oc.column('eron').doUpdateSet(row))
    .execute();
}

export const findCouncil = (db: Db | Trx, eron: string) =>
  db.selectFrom('councils').selectAll().where('eron', '=', eron).executeTakeFirst();

export const activeMembers = (db: Db | Trx, eron: string): Promise<MemberRow[]> =>
  db.selectFrom('council_members').selectAll().where('eron', '=', eron).where('active', '=', true).orderBy('seat').execute();

/** Members by ID, whatever their establishment or whether still active (the rules tell them apart). */
export async function membersById(db: Db | Trx, ids: string[]): Promise<Map<string, MemberRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('council_members').selectAll().where('id', 'in', ids).execute();
  return new Map(rows.map((m) => [m.id, m]));
}

/** Opens a session with the next acta number of the establishment's year. */
export async function insertSession(
  trx: Trx,
  s: Omit<SessionRow, 'id' | 'number' | 'acta' | 'opened_at' | 'year'>,
  acta: (year: number, n: number) => string,
): Promise<SessionRow> {
  const year = Number(s.date.slice(0, 4));
  await lockKeys(trx, [`council-acta:${s.eron}:${year}`]);
  const last = await trx
    .selectFrom('council_sessions')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('eron', '=', s.eron)
    .where('year', '=', year)
    .executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  return trx
    .insertInto('council_sessions')
    .values({ id: randomUUID(), ...s, year, number, acta: acta(year, number) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const findSession = (db: Db | Trx, eron: string, id: string) =>
  db.selectFrom('council_sessions').selectAll().where('id', '=', id).where('eron', '=', eron).executeTakeFirst();

export const lockSession = (trx: Trx, eron: string, id: string) =>
  trx.selectFrom('council_sessions').selectAll().where('id', '=', id).where('eron', '=', eron).forUpdate().executeTakeFirst();

export async function insertDecision(
  trx: Trx,
  d: Omit<DecisionRow, 'id' | 'number' | 'decided_at'>,
  votes: { memberId: string; vote: 'for' | 'against' | 'abstain' }[],
): Promise<DecisionRow> {
  const last = await trx
    .selectFrom('council_decisions')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('session_id', '=', d.session_id)
    .executeTakeFirst();
  const row = await trx
    .insertInto('council_decisions')
    .values({ id: randomUUID(), ...d, number: Number(last?.n ?? 0) + 1 })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('council_votes')
    .values(votes.map((v) => ({ decision_id: row.id, member_id: v.memberId, vote: v.vote })))
    .execute();
  return row;
}

export const decisionsOf = (db: Db | Trx, sessionId: string) =>
  db.selectFrom('council_decisions').selectAll().where('session_id', '=', sessionId).orderBy('number').execute();

export const votesOfDecisions = (db: Db | Trx, decisionIds: string[]) =>
  decisionIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('council_votes as v')
        .innerJoin('council_members as m', 'm.id', 'v.member_id')
        .select(['v.decision_id', 'v.member_id', 'v.vote', 'm.name', 'm.post'])
        .where('v.decision_id', 'in', decisionIds)
        .orderBy('m.added_at')
        .orderBy('m.seat')
        .execute();

/** A decision with its session's establishment and date (for the acts that cite it). */
export const findDecision = (db: Db | Trx, sessionId: string, decisionId: string) =>
  db
    .selectFrom('council_decisions as d')
    .innerJoin('council_sessions as s', 's.id', 'd.session_id')
    .select([
      'd.id',
      'd.session_id',
      'd.group',
      'd.matter',
      'd.nui',
      'd.subject',
      'd.outcome',
      'd.decided_at',
      's.eron',
      's.date',
      's.acta',
    ])
    .where('d.id', '=', decisionId)
    .where('d.session_id', '=', sessionId)
    .executeTakeFirst();
