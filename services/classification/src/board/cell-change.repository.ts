import { randomUUID } from 'node:crypto';
import type { Db, Trx } from '../db';
import type { CellChangeRow } from './board.tables';

export const insertCellChange = (trx: Trx, r: { nui: string; eron: string; wanted: string; reason: string; by: string }) =>
  trx
    .insertInto('cell_change_requests')
    .values({ id: randomUUID(), nui: r.nui, eron: r.eron, wanted: r.wanted, reason: r.reason, requested_by: r.by })
    .returningAll()
    .executeTakeFirstOrThrow();

/** A PPL's requests with the acta of the session that answered each. */
export const cellChangesOf = (db: Db | Trx, nui: string) =>
  db
    .selectFrom('cell_change_requests as r')
    .leftJoin('board_sessions as s', 's.id', 'r.session_id')
    .selectAll('r')
    .select('s.acta')
    .where('r.nui', '=', nui)
    .orderBy('r.requested_at')
    .execute();

/** The request, locked: two decisions on one request serialise here. */
export const lockCellChange = (trx: Trx, id: string) =>
  trx.selectFrom('cell_change_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const saveCellChangeDecision = (
  trx: Trx,
  id: string,
  d: { status: 'approved' | 'denied'; sessionId: string; answer: string; placementId: string | null; by: string },
): Promise<CellChangeRow> =>
  trx
    .updateTable('cell_change_requests')
    .set({
      status: d.status,
      session_id: d.sessionId,
      answer: d.answer,
      placement_id: d.placementId,
      decided_by: d.by,
      decided_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
