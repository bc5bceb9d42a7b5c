import { assertActorActsFor, type BoardSessionRequest } from '@eron/shared';
import type { Ctx, Reader } from '../runtime';
import { findEstablishment } from '../structure/structure.repository';
import { noEstablishment } from '../structure/structure.rules';
import { actaPdf } from './session.document';
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

/**
 * The acta as a PDF for the members' signatures (CLS-11, Art. 141.5–6): every decision with its
 * reasons, a signature line for each member present, issued now by the caller.
 */
export async function sessionActaPdf(r: Reader, id: string): Promise<{ file: Buffer; name: string }> {
  const s = await findSession(r.db, id);
  if (!s) throw noSession();
  assertActorActsFor(r.actor, s.eron);
  const [acta, establishment] = await Promise.all([actaOf(r.db, s), findEstablishment(r.db, s.eron)]);
  const file = await actaPdf(acta, {
    establishmentName: establishment?.name,
    issuedBy: r.actor.sub,
    issuedAt: new Date(),
    verifyAt: `GET /api/v1/classification/board-sessions/${s.id}`,
  });
  return { file, name: `${s.acta}.pdf` };
}
