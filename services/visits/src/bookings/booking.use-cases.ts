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
import { unknownPpl } from '../ppl/ppl.rules';
import { DEFAULT_REGIME, visitDates, visitDayOn, weekOf, type RegimeTerms } from '../regime/regime.rules';
import { termsInForce } from '../regime/regime.use-cases';
import type { Ctx, Reader } from '../runtime';
import { isMinor } from '../visitors/visitor.rules';
import { committedFacts, lockedFacts, type BookingFactsRow, type FactsQuery } from './booking-facts.repository';
import {
  childrenBookings,
  claimAndBook,
  dayBookings,
  liftFuture,
  lockBooking,
  lockFutureBookings,
  markCancelled,
  releasePlaces,
  suppress,
  suppressedDates,
  suppressionsOf,
  unsuppress,
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

/** Every VIS-08 check of a request against its facts: the failures, all of them (none: it may be booked). */
function failuresOf(actor: Ctx['actor'], body: BookingRequest, facts: BookingFactsRow | undefined, horizonDays: number) {
  if (!facts) throw unknownPpl(body.nui);
  const { ppl, session } = facts;
  assertActorActsFor(actor, ppl.eron);
  const terms: RegimeTerms = facts.regime
    ? { days: facts.regime.days, visitsPerWeek: facts.regime.visits_per_week, personsPerVisit: facts.regime.persons_per_visit }
    : DEFAULT_REGIME;
  const ownArea = facts.area && facts.area.eron === ppl.eron ? facts.area : undefined;
  const today = bogotaToday();
  const known = new Map(facts.visitors.map((v) => [v.id, v]));
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
    bookedThisWeek: facts.weekDates.length,
    bookedThatDay: facts.weekDates.includes(body.date),
    visitors: body.visitorIds.map((id) => {
      const f = known.get(id);
      return {
        id,
        listed: Boolean(f?.listed),
        banned: Boolean(f?.banned),
        gender: f?.gender ?? null,
        minor: f ? isMinor(f.birth_date, body.date) : false,
      };
    }),
    area: ownArea && { sameEstablishment: true, forChildren: ownArea.for_children },
    placesLeft: ownArea && session ? (facts.placesLeft ?? ownArea.capacity) : 0,
    extradition: { required: ppl.legal_status === 'extradicion', authorised: facts.extraditionAuthorised },
    suppressed: facts.suppressed,
    intimateThatDay: facts.intimateThatDay,
    chosenWeekday: facts.chosenWeekday,
    childrenVisitThisMonth: facts.childrenVisitThisMonth,
  });
  return { failures, ppl, session, area: ownArea };
}

const factsQuery = (body: BookingRequest): FactsQuery => {
  const week = weekOf(body.date);
  return { nui: body.nui, areaId: body.areaId, date: body.date, visitorIds: body.visitorIds, weekFrom: week, weekTo: addDays(week, 6) };
};

/**
 * A booking request checked against the facts as committed, without a transaction or a lock: a
 * request that fails is refused from here (all its failures listed). In a burst for one visit day
 * most requests find the area full (PLT-15), and each then costs a share of one statement (see
 * `committedFacts`) instead of a transaction's three. One that passes is checked again by `book`, locked.
 */
export async function precheckBooking(r: Reader, body: BookingRequest, horizonDays: number): Promise<void> {
  const { failures } = failuresOf(r.actor, body, await committedFacts(r.db, factsQuery(body)), horizonDays);
  if (failures.length) throw bookingRefused(failures);
}

/**
 * Books a visit (VIS-08): the PPL's row locked, then every fact read at once (their bookings one at
 * a time, so the day's and week's limits hold), every check gathered and all failures listed; then the area's
 * places are claimed and the booking written in one statement, the last before the commit, so the
 * database alone decides under concurrency and holds the area's row no longer than that (PLT-15).
 */
export async function book(ctx: Ctx, body: BookingRequest, horizonDays: number): Promise<Outcome<Booking>> {
  const { failures, ppl, session, area } = failuresOf(ctx.actor, body, await lockedFacts(ctx.trx, factsQuery(body)), horizonDays);
  if (failures.length) throw bookingRefused(failures);
  const id = randomUUID();
  // Audited first: the area's row is then held only by the claim and the commit (PLT-15); a full area rolls it back.
  await ctx.audit({ action: 'book-visit', entity: 'booking', entityId: id, details: { nui: ppl.nui, date: body.date } });
  const row = await claimAndBook(ctx.trx, {
    id,
    nui: ppl.nui,
    eron: ppl.eron,
    unitId: ppl.unit_id!,
    area: area!,
    date: body.date,
    session: session!,
    visitorIds: body.visitorIds,
    by: ctx.actor.sub,
  });
  if (!row) throw areaFull();
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

/**
 * sanction.firm: the PPL's next N visit opportunities are suppressed and bookings in them cancelled;
 * intimate visits never (VIS-09, Art. 71). N is the sanction's total: what it already suppressed
 * counts (a revival suppresses only what was not served; a partial suspension gives back the last
 * future days beyond its new total).
 */
export async function suppressVisits(ctx: Ctx, p: EventPayload<'sanction.firm'>): Promise<string[]> {
  const today = bogotaToday();
  const mine = await suppressionsOf(ctx.trx, p.sanctionId);
  if (mine.length >= p.visitsSuppressed) {
    const giveBack = mine.filter((d) => d > today).slice(p.visitsSuppressed - mine.length);
    if (p.visitsSuppressed < mine.length && giveBack.length > 0) {
      await unsuppress(ctx.trx, p.sanctionId, giveBack);
      await ctx.audit({
        action: 'restore-visits',
        entity: 'ppl',
        entityId: p.nui,
        details: { sanctionId: p.sanctionId, restored: giveBack },
      });
    }
    return [];
  }
  const terms = await termsInForce(ctx.trx, p.eron);
  const taken = new Set(await suppressedDates(ctx.trx, p.nui, today));
  const need = p.visitsSuppressed - mine.length;
  const horizon = addDays(today, 7 * (need + taken.size) + 14);
  const dates = visitDates(terms, addDays(today, 1), horizon)
    .map((d) => d.date)
    .filter((d) => !taken.has(d))
    .slice(0, need);
  await suppress(ctx.trx, p.nui, dates, p.sanctionId);
  const hit = await lockFutureBookings(ctx.trx, p.nui, today, dates);
  const kept = await childrenVisitsKept(ctx, p.nui, today, hit);
  for (const b of hit) if (!kept.has(b.id)) await cancel(ctx, b, `sanction:${p.sanctionId}`);
  await ctx.audit({ action: 'suppress-visits', entity: 'ppl', entityId: p.nui, details: { sanctionId: p.sanctionId, dates } });
  return dates;
}

/**
 * VIS-06: of the bookings a suppression hits, the month's only visit with minors stays booked — as a
 * booking for it may be taken on a suppressed day (see guaranteedChildrenVisit). A month that keeps
 * another visit with minors (earlier this month or not hit) loses this one like any other.
 */
async function childrenVisitsKept(ctx: Ctx, nui: string, today: string, hit: BookingRow[]): Promise<Set<string>> {
  const withMinors = await childrenBookings(ctx.trx, nui, `${today.slice(0, 7)}-01`);
  const hitIds = new Set(hit.map((b) => b.id));
  const months = new Set(withMinors.filter((b) => !hitIds.has(b.id)).map((b) => b.date.slice(0, 7)));
  const kept = new Set<string>();
  for (const b of withMinors.filter((x) => hitIds.has(x.id)).sort((x, y) => x.date.localeCompare(y.date))) {
    if (months.has(b.date.slice(0, 7))) continue;
    months.add(b.date.slice(0, 7));
    kept.add(b.id);
  }
  return kept;
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
