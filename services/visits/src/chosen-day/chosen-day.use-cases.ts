import { assertActorActsFor, notFound, type ChosenVisitDay, type ChosenVisitDayRequest } from '@eron/shared';
import { pplOf } from '../ppl/ppl.lookup';
import type { Ctx } from '../runtime';
import { findChosenDay, removeChosenDay, saveChosenDay } from './chosen-day.repository';

const view = (r: {
  nui: string;
  weekday: number;
  basis: 'trans' | 'intersex';
  recorded_by: string;
  recorded_at: Date;
}): ChosenVisitDay => ({
  nui: r.nui,
  weekday: r.weekday,
  basis: r.basis,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at.toISOString(),
});

const noChoice = (nui: string) =>
  notFound({ es: `La PPL ${nui} no ha elegido día de visita`, en: `PPL ${nui} has not chosen a visit day` });

/**
 * VIS-04 (Art. 68 §1): a trans or intersex PPL chooses the day their visitors come, whatever the
 * day's gender rule. Recorded by the visits office at the PPL's request; the basis is confidential.
 */
export async function chooseVisitDay(ctx: Ctx, nui: string, body: ChosenVisitDayRequest): Promise<ChosenVisitDay> {
  const ppl = await pplOf(ctx.trx, nui);
  assertActorActsFor(ctx.actor, ppl.eron);
  const row = await saveChosenDay(ctx.trx, nui, body.weekday, body.basis, ctx.actor.sub);
  // The audit row names the PPL and the day only: the basis stays in its table.
  await ctx.audit({ action: 'choose-visit-day', entity: 'ppl', entityId: nui, details: { weekday: body.weekday } });
  return view(row);
}

/** The PPL's chosen day with its basis: confidential, every read audited (PLT-06). */
export async function readChosenDay(ctx: Ctx, nui: string): Promise<ChosenVisitDay> {
  const ppl = await pplOf(ctx.trx, nui);
  assertActorActsFor(ctx.actor, ppl.eron);
  const row = await findChosenDay(ctx.trx, nui);
  if (!row) throw noChoice(nui);
  await ctx.audit({ action: 'read-chosen-visit-day', entity: 'ppl', entityId: nui });
  return view(row);
}

/** The PPL withdraws the choice: the day's gender rule applies again. */
export async function withdrawChosenDay(ctx: Ctx, nui: string): Promise<void> {
  const ppl = await pplOf(ctx.trx, nui);
  assertActorActsFor(ctx.actor, ppl.eron);
  if (!(await removeChosenDay(ctx.trx, nui))) throw noChoice(nui);
  await ctx.audit({ action: 'withdraw-chosen-visit-day', entity: 'ppl', entityId: nui });
}
