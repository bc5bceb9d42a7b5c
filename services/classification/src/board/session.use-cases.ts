import { assertActorActsFor, type BoardSessionRequest } from '@eron/shared';
import type { Ctx, Reader } from '../runtime';
import { findEstablishment } from '../structure/structure.repository';
import { noEstablishment } from '../structure/structure.rules';
import { actaOf, findSession, openSession as insertSession } from './session.repository';
import { assertFullBoard, noSession, sessionTaken } from './session.rules';

/** CLS-11 (Arts. 30, 141): the day's session with every seat, its acta numbered per establishment and year. */
export async function openSession(ctx: Ctx, i: { eron: string; session: BoardSessionRequest }) {
  assertFullBoard(i.session.attendees);
  if (!(await findEstablishment(ctx.trx, i.eron))) throw noEstablishment(i.eron);
  const opened = await insertSession(ctx.trx, i.eron, i.session, ctx.actor.sub);
  if (!opened) throw sessionTaken(i.session.date);
  await ctx.audit({ action: 'open-board-session', entity: 'board_session', entityId: opened.id, details: { acta: opened.acta } });
  return actaOf(ctx.trx, opened);
}

/** A session's acta: attendance and every decision with its reasons (CLS-11). */
export async function getSession(r: Reader, id: string) {
  const s = await findSession(r.db, id);
  if (!s) throw noSession();
  assertActorActsFor(r.actor, s.eron);
  return actaOf(r.db, s);
}
