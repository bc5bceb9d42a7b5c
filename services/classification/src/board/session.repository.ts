import { randomUUID } from 'node:crypto';
import { lockKeys } from '@eron/shared/platform';
import type { BoardDecision, BoardSession, BoardSessionRequest } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { SessionRow } from './board.tables';
import { actaNumber } from './session.rules';

/** Opens the day's session with its acta number; undefined when the establishment already sat that day. */
export async function openSession(trx: Trx, eron: string, b: BoardSessionRequest, by: string) {
  const year = Number(b.date.slice(0, 4));
  await lockKeys(trx, [`japc:${eron}:${year}`]);
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

/**
 * The acta: the session, who sat, and every decision taken in it with its reasons, in the order
 * taken — placements, and cell-change requests approved (with the cell assigned) or denied. A
 * placement made by approving a request is that request's decision, listed once.
 */
export async function actaOf(db: Db | Trx, s: SessionRow): Promise<BoardSession> {
  const placements = await db
    .selectFrom('placements as p')
    .innerJoin('ppl', 'ppl.nui', 'p.nui')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .innerJoin('cells as c', 'c.id', 'p.cell_id')
    .select(['p.nui', 'p.cell_id', 'p.reasons', 'p.placed_at', 'ppl.names', 'ppl.surnames', 'u.name as unit', 'c.code as cell'])
    .where('p.session_id', '=', s.id)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('cell_change_requests as r').select('r.id').whereRef('r.placement_id', '=', 'p.id'))))
    .execute();
  const answers = await db
    .selectFrom('cell_change_requests as r')
    .innerJoin('ppl', 'ppl.nui', 'r.nui')
    .leftJoin('placements as p', 'p.id', 'r.placement_id')
    .leftJoin('units as u', 'u.id', 'p.unit_id')
    .leftJoin('cells as c', 'c.id', 'p.cell_id')
    .select(['r.id', 'r.nui', 'r.wanted', 'r.status', 'r.answer', 'r.decided_at', 'ppl.names', 'ppl.surnames'])
    .select(['p.cell_id', 'u.name as unit', 'c.code as cell'])
    .where('r.session_id', '=', s.id)
    .execute();
  const decisions: BoardDecision[] = [
    ...placements.map((d) => ({
      kind: 'placement' as const,
      nui: d.nui,
      person: `${d.names} ${d.surnames}`,
      reasons: d.reasons,
      decidedAt: d.placed_at.toISOString(),
      cellId: d.cell_id,
      unit: d.unit,
      cell: d.cell,
    })),
    ...answers.map((r) => ({
      kind: 'cell_change' as const,
      nui: r.nui,
      person: `${r.names} ${r.surnames}`,
      reasons: r.answer ?? '',
      decidedAt: (r.decided_at ?? new Date(0)).toISOString(),
      requestId: r.id,
      wanted: r.wanted,
      decision: r.status === 'approved' ? ('approved' as const) : ('denied' as const),
      cellId: r.cell_id,
      unit: r.unit,
      cell: r.cell,
    })),
  ];
  decisions.sort((x, y) => x.decidedAt.localeCompare(y.decidedAt));
  return { id: s.id, eron: s.eron, date: s.date, acta: s.acta, attendees: s.attendees, decisions };
}
