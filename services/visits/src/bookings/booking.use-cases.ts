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
import type DataLoader from 'dataloader';
import { auditRow, type Outcome } from '@eron/shared/platform';
import type { Db, Trx } from '../db';
import { unknownPpl } from '../ppl/ppl.rules';
import { DEFAULT_REGIME, visitDates, visitDayOn, weekOf, type RegimeTerms } from '../regime/regime.rules';
import { termsInForce } from '../regime/regime.use-cases';
import type { Ctx, Reader } from '../runtime';
import { isMinor } from '../visitors/visitor.rules';
import { committedFacts, lockedFacts, type BookingFactsRow, type FactsQuery } from './booking-facts.repository';
import {
  childrenBookings,
  dayBookings,
  liftFuture,
  lockBooking,
  lockFutureBookings,
  markCancelled,
  placesRanOut,
  releasePlaces,
  suppress,
  suppressedDates,
  suppressionsOf,
  unsuppress,
  visitorsOf,
  writeBookings,
  type NewBooking,
} from './booking.repository';
import { oneBatchAtATime } from './one-at-a-time';
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

/** The booking to write for a request that passed every check. */
const newBooking = (actor: Ctx['actor'], body: BookingRequest, checked: ReturnType<typeof failuresOf>): NewBooking => ({
  id: randomUUID(),
  nui: checked.ppl.nui,
  eron: checked.ppl.eron,
  unitId: checked.ppl.unit_id!,
  areaId: checked.area!.id,
  date: body.date,
  session: checked.session!,
  visitorIds: body.visitorIds,
  by: actor.sub,
});

const auditOf = (b: NewBooking) => ({ action: 'book-visit', entity: 'booking', entityId: b.id, details: { nui: b.nui, date: b.date } });

/**
 * Books a visit (VIS-08): the PPL's row locked, then every fact read at once (their bookings one at
 * a time, so the day's and week's limits hold), every check gathered and all failures listed; then
 * the booking written, its places claimed by the database as the transaction commits, so the
 * database alone decides under concurrency and holds the area's row no longer than that (PLT-15).
 * A commit that finds the area full is refused as VIS-08 (`refusedWhenFull`).
 */
export async function book(ctx: Ctx, body: BookingRequest, horizonDays: number): Promise<Outcome<Booking>> {
  const [facts] = await lockedFacts(ctx.trx, [factsQuery(body)]);
  const checked = failuresOf(ctx.actor, body, facts, horizonDays);
  if (checked.failures.length) throw bookingRefused(checked.failures);
  const b = newBooking(ctx.actor, body, checked);
  await ctx.audit(auditOf(b));
  const [row] = await writeBookings(ctx.trx, [b]);
  return { status: 201, body: view(row!, [...body.visitorIds].sort()) };
}

/** A request without an Idempotency-Key that passed its checks on the committed facts, waiting to be booked with others. */
export interface BookingAsk {
  reader: Reader;
  body: BookingRequest;
  horizonDays: number;
  /** The same request booked in a transaction of its own (`book`), for when its batch cannot decide it. */
  alone: () => Promise<Booking>;
}

/**
 * Books a request together with the others that arrive while a batch is out, in one transaction
 * (PLT-15): every PPL of the batch locked in one statement, all their facts read in one, each
 * request checked as `book` checks it — the places its batch-mates took counted — the bookings and
 * their audit lines written in one, and the places claimed at the commit. Five statements for a
 * batch instead of six for each booking. What the batch cannot decide goes `alone`: a second
 * request for a PPL already booked in it, and every booking of a batch whose commit failed (another
 * process took the area's last places between the read and the commit).
 */
export function bookWithOthers(ask: BookingAsk): Promise<Booking> {
  let loader = batches.get(ask.reader.db);
  if (!loader) {
    const db = ask.reader.db;
    loader = oneBatchAtATime((asks: readonly BookingAsk[]) => bookBatch(db, asks), 100);
    batches.set(db, loader);
  }
  return loader.load(ask);
}

const batches = new WeakMap<Db, DataLoader<BookingAsk, Booking>>();

async function bookBatch(db: Db, asks: readonly BookingAsk[]): Promise<(Booking | Error)[]> {
  const answers: (Booking | Error | undefined)[] = asks.map(() => undefined);
  const booked: number[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      const facts = await lockedFacts(
        trx,
        asks.map((a) => factsQuery(a.body)),
      );
      const placesLeft = new Map<string, number | null>();
      const nuis = new Set<string>();
      const rows: NewBooking[] = [];
      asks.forEach((a, i) => {
        if (nuis.has(a.body.nui)) return;
        const place = `${a.body.areaId} ${a.body.date} ${facts[i]?.session}`;
        const f = facts[i] && { ...facts[i], placesLeft: placesLeft.has(place) ? placesLeft.get(place)! : facts[i].placesLeft };
        try {
          const checked = failuresOf(a.reader.actor, a.body, f, a.horizonDays);
          if (checked.failures.length) throw bookingRefused(checked.failures);
          const b = newBooking(a.reader.actor, a.body, checked);
          placesLeft.set(place, (f!.placesLeft ?? checked.area!.capacity) - b.visitorIds.length);
          nuis.add(b.nui);
          rows.push(b);
          booked.push(i);
        } catch (err) {
          answers[i] = err as Error;
        }
      });
      if (rows.length === 0) return;
      const audit = booked.map((i, k) => auditRow(asks[i]!.reader, auditOf(rows[k]!)));
      const written = await writeBookings(trx, rows, audit);
      const byId = new Map(written.map((r) => [r.id, r]));
      booked.forEach((i, k) => {
        answers[i] = view(byId.get(rows[k]!.id)!, [...rows[k]!.visitorIds].sort());
      });
    });
  } catch {
    // Decided again alone, each with its own answer (the area full, a collision, or the error itself).
    for (const i of booked) answers[i] = undefined;
  }
  return Promise.all(asks.map(async (a, i) => answers[i] ?? a.alone().catch((err: unknown) => err as Error)));
}

/** A booking whose commit found its area full (another took the last places meanwhile): the VIS-08 refusal. */
export async function refusedWhenFull<T>(booking: Promise<T>): Promise<T> {
  try {
    return await booking;
  } catch (err) {
    throw placesRanOut(err) ? areaFull() : err;
  }
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
