import { assertActorActsFor, type EventPayload, type VisitsPpl } from '@eron/shared';
import { cancelFutureBookings } from '../bookings/booking.use-cases';
import type { Ctx, Reader } from '../runtime';
import { changeStatus, findPpl, markExited, moveTo, place, upsertAdmitted, type PplView } from './ppl.repository';
import { unknownPpl } from './ppl.rules';

export const pplView = (p: PplView): VisitsPpl => ({
  nui: p.nui,
  eron: p.eron,
  state: p.state,
  unitId: p.unit_id,
  session: p.session,
  legalStatus: p.legal_status,
  sex: p.sex,
  securityLevel: p.security_level,
  updatedAt: p.updated_at.toISOString(),
});

/** The PPL as visits knows them, for those who act for the establishment holding them (or that last held them). */
export async function getPpl(r: Reader, nui: string): Promise<VisitsPpl> {
  const ppl = await findPpl(r.db, nui);
  if (!ppl) throw unknownPpl(nui);
  assertActorActsFor(r.actor, ppl.eron);
  return pplView(ppl);
}

// Classification's events keep the directory (PLT-07, PLT-08): each applied once, in its inbox's transaction.

// `at` is the event's time: an event older than what the directory holds moves nobody (PLT-08).
export const recordAdmission = (ctx: Ctx, p: EventPayload<'ppl.admitted'>, at: string) => upsertAdmitted(ctx.trx, p, at);
export const recordPlacement = (ctx: Ctx, p: EventPayload<'ppl.placed'>, at: string) => place(ctx.trx, p, at);
export const recordStatus = (ctx: Ctx, p: EventPayload<'ppl.status-changed'>) => changeStatus(ctx.trx, p);

/** Received at another establishment (VIS-10 cancels the bookings at the one they left). */
export async function recordTransfer(ctx: Ctx, p: EventPayload<'ppl.transferred'>, at: string): Promise<void> {
  await moveTo(ctx.trx, p.nui, p.toEron, at);
  await cancelFutureBookings(ctx, p.nui, `transferred:${p.transferId}`);
}

/** Gone (VIS-10 cancels their future bookings). */
export async function recordExit(ctx: Ctx, p: EventPayload<'ppl.exited'>, at: string): Promise<void> {
  await markExited(ctx.trx, p.nui, p.eron, at);
  await cancelFutureBookings(ctx, p.nui, `exited:${p.exitId}`);
}
