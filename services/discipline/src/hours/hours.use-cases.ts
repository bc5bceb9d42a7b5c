import { randomUUID } from 'node:crypto';
import { addDays, bogotaToday, notFound, type HoursBody, type HoursEntry } from '@eron/shared';
import { lockProgramme } from '../programmes/programme.repository';
import { findPpl } from '../ppl/ppl.repository';
import { heldAt } from '../ppl/ppl.rules';
import type { HoursRow } from '../jetee/jetee.tables';
import type { Ctx } from '../runtime';
import { dayExists, insertHours, orderOn, rateOn, weekCounted } from './hours.repository';
import { countHours, dayRecorded, futureDay, notHeldHere, notInProgramme, notTheOfficer, weekStart } from './hours.rules';

export const hoursView = (h: HoursRow): HoursEntry => ({
  id: h.id,
  programmeId: h.programme_id,
  kind: h.kind,
  nui: h.nui,
  date: h.date,
  hours: h.hours,
  counted: h.counted,
  excess: h.excess,
  excessReason: h.excess_reason,
  authorisation: h.authorisation,
  recordedBy: h.recorded_by,
});

/**
 * DIS-22: the programme's officer records a PPL's hours of a day. Only a PPL held here and in the
 * programme that day by the JETEE's order; the caps in force that day decide what counts, and the
 * rest is kept with its reason.
 */
export async function recordHours(ctx: Ctx, i: { eron: string; programmeId: string; body: HoursBody }): Promise<HoursEntry> {
  const { body } = i;
  // The programme's row lock serialises a PPL's days in it (the weekly cap reads the other days).
  const programme = await lockProgramme(ctx.trx, i.programmeId);
  if (!programme || programme.eron !== i.eron) throw notFound({ es: 'Programa no encontrado', en: 'Programme not found' });
  if (programme.officer !== ctx.actor.sub) throw notTheOfficer();
  if (body.date > bogotaToday()) throw futureDay();
  const ppl = await findPpl(ctx.trx, body.nui);
  if (!ppl || !heldAt(ppl, i.eron)) throw notHeldHere(body.nui, i.eron);
  const order = await orderOn(ctx.trx, programme.id, body.nui, body.date);
  if (!order) throw notInProgramme(body.nui);
  if (await dayExists(ctx.trx, programme.id, body.nui, body.date)) throw dayRecorded();
  const caps = await rateOn(ctx.trx, programme.kind, body.date);
  const monday = weekStart(body.date);
  const weekSoFar = programme.kind === 'work' ? await weekCounted(ctx.trx, body.nui, monday, addDays(monday, 6), body.date) : 0;
  const c = countHours({ date: body.date, hours: body.hours, caps, weekSoFar, authorised: body.authorisation !== undefined });
  const row = await insertHours(ctx.trx, {
    id: randomUUID(),
    order_id: order.id,
    programme_id: programme.id,
    kind: programme.kind,
    nui: body.nui,
    eron: i.eron,
    date: body.date,
    hours: body.hours,
    counted: c.counted,
    excess: c.excess,
    excess_reason: c.reason,
    authorisation: body.authorisation ? `${body.authorisation.reference} (${body.authorisation.date})` : null,
    recorded_by: ctx.actor.sub,
  });
  return hoursView(row);
}
