import { assertActorActsFor, type DisciplinePpl, type EventPayload } from '@eron/shared';
import type { Ctx, Reader } from '../runtime';
import { changeStatus, findPpl, moveTo, saveEstablishment, upsertAdmitted } from './ppl.repository';
import { unknownPpl } from './ppl.rules';
import type { PplRow } from './ppl.tables';

export const pplView = (p: PplRow): DisciplinePpl => ({
  nui: p.nui,
  eron: p.eron,
  state: p.state,
  legalStatus: p.legal_status,
  sentencedAt: p.sentenced_at?.toISOString() ?? null,
  updatedAt: p.updated_at.toISOString(),
});

/** The PPL as discipline knows them, for those who act for the establishment holding them (or that last held them). */
export async function getPpl(r: Reader, nui: string): Promise<DisciplinePpl> {
  const ppl = await findPpl(r.db, nui);
  if (!ppl) throw unknownPpl(nui);
  assertActorActsFor(r.actor, ppl.eron);
  return pplView(ppl);
}

// Classification's events keep the directory (PLT-07, PLT-08): each applied once, in its inbox's transaction.

// `at` is the event's time: an event older than what the directory holds moves nobody (PLT-08).
export const recordAdmission = (ctx: Ctx, p: EventPayload<'ppl.admitted'>, at: string) => upsertAdmitted(ctx.trx, p, at);
export const recordTransfer = (ctx: Ctx, p: EventPayload<'ppl.transferred'>, at: string) =>
  moveTo(ctx.trx, p.nui, p.toEron, { state: 'held' }, at);
// The reason is kept for conduct (DIS-13, Art. 136.1): a PPL sent to house arrest is still rated by the establishment.
export const recordExit = (ctx: Ctx, p: EventPayload<'ppl.exited'>, at: string) =>
  moveTo(ctx.trx, p.nui, p.eron, { state: 'exited', exitReason: p.reason }, at);
export const recordStatus = (ctx: Ctx, p: EventPayload<'ppl.status-changed'>, at: Date) => changeStatus(ctx.trx, p, at);
export const recordEstablishment = (ctx: Ctx, p: EventPayload<'establishment.registered'>) => saveEstablishment(ctx.trx, p);
