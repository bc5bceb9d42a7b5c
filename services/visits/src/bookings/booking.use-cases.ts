import { randomUUID } from 'node:crypto';
import {
  addDays,
  assertActorActsFor,
  bogotaToday,
  notFound,
  type Booking,
  type BookingRequest,
  type EventPayload,
  type Roster,
  type VisitSession,
} from '@eron/shared';
import type { Outcome } from '@eron/shared/platform';
import type { Db, Trx } from '../db';
import { hasIntimateVisitOn } from '../intimate/intimate.repository';
import { lockPpl } from '../ppl/ppl.repository';
import { unknownPpl } from '../ppl/ppl.rules';
import { findArea } from '../regime/regime.repository';
import { chosenWeekday } from '../chosen-day/chosen-day.repository';
import { visitDates, visitDayOn, weekOf } from '../regime/regime.rules';
import { termsInForce } from '../regime/regime.use-cases';
import type { Ctx, Reader } from '../runtime';
import { extraditionValidOn, visitorFacts } from '../visitors/visitor.repository';
import { isMinor } from '../visitors/visitor.rules';
import {
  claimPlaces,
  dayBookings,
  insertBooking,
  isSuppressed,
  liftFuture,
  lockBooking,
  lockFutureBookings,
  markCancelled,
  ordinaryBookingsBetween,
  placesLeft,
  releasePlaces,
  suppress,
  suppressedDates,
  visitorsOf,
} from './booking.repository';
import { areaFull, bookingFailures, bookingRefused } from './booking.rules';
import type { BookingRow } from './booking.tables';

const view = (b: BookingRow, visitorIds: string[]): Booking => ({
  id: b.id,
  nui: b.nui,
  eron: b.eron,
  kind: b.kind,
  areaId: b.area_id,
  date: b.date,
  session: b.session,
  visitorIds,
  status: b.status,
  cancelReason: b.cancel_reason,
  bookedAt: b.booked_at.toISOString(),
});

/**
 * Books a visit (VIS-08): the PPL's row is locked (their bookings one at a time, so the weekly
 * limits hold), every check is gathered and all failures listed; the area's places are then
 * claimed by the database, which alone decides under concurrency.
 */
export async function book(ctx: Ctx, body: BookingRequest, horizonDays: number): Promise<Outcome<Booking>> {
  const ppl = await lockPpl(ctx.trx, body.nui);
  if (!ppl) throw unknownPpl(body.nui);
  assertActorActsFor(ctx.actor, ppl.eron);
  const today = bogotaToday();
  const terms = await termsInForce(ctx.trx, ppl.eron);
  const unit = ppl.unit_id
    ? await ctx.trx.selectFrom('units').select('session').where('id', '=', ppl.unit_id).executeTakeFirst()
    : undefined;
  const session = unit?.session ?? null;
  const area = await findArea(ctx.trx, body.areaId);
  const ownArea = area && area.eron === ppl.eron ? area : undefined;
  const week = weekOf(body.date);
  const booked = await ordinaryBookingsBetween(ctx.trx, ppl.nui, week, addDays(week, 6));
  const facts = await visitorFacts(ctx.trx, ppl.nui, ppl.eron, body.visitorIds, body.date);
  const failures = bookingFailures({
    nui: ppl.nui,
    held: ppl.state === 'held',
    session,
    date: body.date,
    today,
    horizon: addDays(today, horizonDays),
    day: visitDayOn(terms, body.date),
    personsPerVisit: terms.personsPerVisit,
    visitsPerWeek: terms.visitsPerWeek,
    bookedThisWeek: booked.length,
    bookedThatDay: booked.includes(body.date),
    visitors: body.visitorIds.map((id) => {
      const f = facts.get(id);
      return {
        id,
        listed: Boolean(f?.listed),
        banned: Boolean(f?.banned),
        gender: f?.gender ?? null,
        minor: f ? isMinor(f.birth_date, body.date) : false,
      };
    }),
    area: ownArea && { sameEstablishment: true, forChildren: ownArea.for_children },
    placesLeft: ownArea && session ? await placesLeft(ctx.trx, ownArea, body.date, session) : 0,
    extradition: { required: ppl.legal_status === 'extradicion', authorised: await extraditionValidOn(ctx.trx, ppl.nui, body.date) },
    suppressed: await isSuppressed(ctx.trx, ppl.nui, body.date),
    intimateThatDay: await hasIntimateVisitOn(ctx.trx, ppl.nui, body.date),
    chosenWeekday: await chosenWeekday(ctx.trx, ppl.nui),
  });
  if (failures.length) throw bookingRefused(failures);
  if (!(await claimPlaces(ctx.trx, ownArea!, body.date, session!, body.visitorIds.length))) throw areaFull();
  const row = await insertBooking(ctx.trx, { ...body, eron: ppl.eron, unitId: ppl.unit_id!, session: session!, by: ctx.actor.sub });
  await ctx.audit({ action: 'book-visit', entity: 'booking', entityId: row.id, details: { nui: ppl.nui, date: body.date } });
  return { status: 201, body: view(row, [...body.visitorIds].sort()) };
}

/** Cancels a booking, frees its places and tells each visitor (VIS-09, VIS-10): the notifier delivers. */
async function cancel(ctx: Ctx, b: BookingRow, reason: string): Promise<Booking> {
  const done = await markCancelled(ctx.trx, b.id, reason);
  await releasePlaces(ctx.trx, b);
  const visitors = (await visitorsOf(ctx.trx, [b.id])).get(b.id) ?? [];
  for (const visitorId of visitors) {
    await ctx.publish('notification.requested', {
      notificationId: randomUUID(),
      recipient: `visitor:${visitorId}`,
      subject: 'visit-cancelled',
      eron: b.eron,
      nui: b.nui,
    });
  }
  await ctx.audit({ action: 'cancel-visit', entity: 'booking', entityId: b.id, details: { reason } });
  return view(done, visitors);
}

export async function cancelBooking(ctx: Ctx, id: string, reason: string): Promise<Booking> {
  const b = await lockBooking(ctx.trx, id);
  if (!b) throw notFound({ es: `No existe la reserva ${id}`, en: `No booking ${id}` });
  assertActorActsFor(ctx.actor, b.eron);
  if (b.status === 'cancelled') return view(b, (await visitorsOf(ctx.trx, [b.id])).get(b.id) ?? []);
  return cancel(ctx, b, reason);
}

/** ppl.transferred / ppl.exited: the PPL's bookings still to come are cancelled with notice (VIS-10). */
export async function cancelFutureBookings(ctx: Ctx, nui: string, reason: string): Promise<number> {
  const rows = await lockFutureBookings(ctx.trx, nui, bogotaToday());
  for (const b of rows) await cancel(ctx, b, reason);
  return rows.length;
}

/** sanction.firm: the PPL's next N visit opportunities are suppressed and bookings in them cancelled; intimate visits never (VIS-09, Art. 71). */
export async function suppressVisits(ctx: Ctx, p: EventPayload<'sanction.firm'>): Promise<string[]> {
  if (p.visitsSuppressed === 0) return [];
  const today = bogotaToday();
  const terms = await termsInForce(ctx.trx, p.eron);
  const taken = new Set(await suppressedDates(ctx.trx, p.nui, today));
  const horizon = addDays(today, 7 * (p.visitsSuppressed + taken.size) + 14);
  const dates = visitDates(terms, addDays(today, 1), horizon)
    .map((d) => d.date)
    .filter((d) => !taken.has(d))
    .slice(0, p.visitsSuppressed);
  await suppress(ctx.trx, p.nui, dates, p.sanctionId);
  for (const b of await lockFutureBookings(ctx.trx, p.nui, today, dates)) await cancel(ctx, b, `sanction:${p.sanctionId}`);
  await ctx.audit({ action: 'suppress-visits', entity: 'ppl', entityId: p.nui, details: { sanctionId: p.sanctionId, dates } });
  return dates;
}

/** sanction.lifted: what is still in the future is restored (VIS-09). */
export async function restoreVisits(ctx: Ctx, p: EventPayload<'sanction.lifted'>): Promise<void> {
  const restored = await liftFuture(ctx.trx, p.sanctionId, addDays(bogotaToday(), 1));
  await ctx.audit({ action: 'restore-visits', entity: 'ppl', entityId: p.nui, details: { sanctionId: p.sanctionId, restored } });
}

/** The day's roster per session and unit, for the gate (VIS-08, VIS-19). Scope checked by the route. */
export async function roster(r: Reader, eron: string, date: string, session: VisitSession): Promise<Roster> {
  return rosterOf(r.db, eron, date, session);
}

async function rosterOf(db: Db | Trx, eron: string, date: string, session: VisitSession): Promise<Roster> {
  const rows = await dayBookings(db, eron, date, session);
  const visitors = await visitorsOf(
    db,
    rows.map((b) => b.id),
  );
  const units = new Map<string, Booking[]>();
  for (const b of rows) units.set(b.unit_id, [...(units.get(b.unit_id) ?? []), view(b, visitors.get(b.id) ?? [])]);
  return { eron, date, session, units: [...units].map(([unitId, bookings]) => ({ unitId, bookings })) };
}
