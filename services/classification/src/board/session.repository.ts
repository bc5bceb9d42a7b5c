import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { BoardSessionRequest } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { SessionRow } from './board.tables';
import { actaNumber } from './session.rules';

/** Opens the day's session with its acta number; undefined when the establishment already sat that day. */
export async function openSession(trx: Trx, eron: string, b: BoardSessionRequest, by: string) {
  const year = Number(b.date.slice(0, 4));
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`japc:${eron}:${year}`}))`.execute(trx);
  const day = await trx.selectFrom('board_sessions').select('id').where('eron', '=', eron).where('date', '=', b.date).executeTakeFirst();
  if (day) return undefined;
  const last = await trx
    .selectFrom('board_sessions')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('eron', '=', eron)
    .where('year', '=', year)
    .executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  return trx
    .insertInto('board_sessions')
    .values({
      id: randomUUID(),
      eron,
      date: b.date,
      year,
      number,
      acta: actaNumber(eron, year, number),
      attendees: JSON.stringify(b.attendees),
      created_by: by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const findSession = (db: Db | Trx, id: string) =>
  db.selectFrom('board_sessions').selectAll().where('id', '=', id).executeTakeFirst();

/** The acta: the session, who sat, and every decision with its reasons. */
export async function actaOf(db: Db | Trx, s: SessionRow) {
  const decisions = await db
    .selectFrom('placements')
    .select(['nui', 'cell_id', 'reasons', 'placed_at'])
    .where('session_id', '=', s.id)
    .orderBy('placed_at')
    .execute();
  return {
    id: s.id,
    eron: s.eron,
    date: s.date,
    acta: s.acta,
    attendees: s.attendees,
    decisions: decisions.map((d) => ({
      kind: 'placement' as const,
      nui: d.nui,
      cellId: d.cell_id,
      reasons: d.reasons,
      decidedAt: d.placed_at.toISOString(),
    })),
  };
}
