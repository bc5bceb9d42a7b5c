import { sql } from 'kysely';
import type { VisitSession } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { BookingRow } from './booking.tables';

/** The places left in an area for a day and session (its full capacity if none was claimed yet). */
export async function placesLeft(
  db: Db | Trx,
  area: { id: string; capacity: number },
  date: string,
  session: VisitSession,
): Promise<number> {
  const row = await db
    .selectFrom('session_places')
    .select(['capacity', 'booked'])
    .where('area_id', '=', area.id)
    .where('date', '=', date)
    .where('session', '=', session)
    .executeTakeFirst();
  return row ? row.capacity - row.booked : area.capacity;
}

/**
 * Claims n places in one conditional UPDATE: the row lock serialises concurrent claims and the
 * condition is re-read after it, so the area is never overbooked (PLT-15). False when full.
 */
export async function claimPlaces(
  trx: Trx,
  area: { id: string; capacity: number },
  date: string,
  session: VisitSession,
  n: number,
): Promise<boolean> {
  await trx
    .insertInto('session_places')
    .values({ area_id: area.id, date, session, capacity: area.capacity })
    .onConflict((oc) => oc.columns(['area_id', 'date', 'session']).doNothing())
    .execute();
  const claimed = await trx
    .updateTable('session_places')
    .set({ booked: sql`booked + ${n}` })
    .where('area_id', '=', area.id)
    .where('date', '=', date)
    .where('session', '=', session)
    .where(sql<boolean>`booked + ${n} <= capacity`)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

export async function releasePlaces(trx: Trx, b: BookingRow): Promise<void> {
  await trx
    .updateTable('session_places')
    .set({ booked: sql`booked - ${b.persons}` })
    .where('area_id', '=', b.area_id)
    .where('date', '=', b.date)
    .where('session', '=', b.session)
    .execute();
}

export async function ordinaryBookingsBetween(db: Db | Trx, nui: string, from: string, to: string): Promise<string[]> {
  const rows = await db
    .selectFrom('bookings')
    .select('date')
    .where('nui', '=', nui)
    .where('kind', '=', 'ordinary')
    .where('status', '=', 'booked')
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
  return rows.map((r) => r.date);
}

export async function isSuppressed(db: Db | Trx, nui: string, date: string): Promise<boolean> {
  return (
    (await db.selectFrom('visit_suppressions').select('nui').where('nui', '=', nui).where('date', '=', date).executeTakeFirst()) !==
    undefined
  );
}

export async function insertBooking(
  trx: Trx,
  b: { nui: string; eron: string; unitId: string; areaId: string; date: string; session: VisitSession; visitorIds: string[]; by: string },
): Promise<BookingRow> {
  const row = await trx
    .insertInto('bookings')
    .values({
      nui: b.nui,
      eron: b.eron,
      unit_id: b.unitId,
      area_id: b.areaId,
      date: b.date,
      session: b.session,
      persons: b.visitorIds.length,
      cancel_reason: null,
      booked_by: b.by,
      cancelled_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('booking_visitors')
    .values(b.visitorIds.map((visitor_id) => ({ booking_id: row.id, visitor_id })))
    .execute();
  return row;
}

export async function visitorsOf(db: Db | Trx, bookingIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (bookingIds.length === 0) return out;
  const rows = await db.selectFrom('booking_visitors').selectAll().where('booking_id', 'in', bookingIds).orderBy('visitor_id').execute();
  for (const r of rows) out.set(r.booking_id, [...(out.get(r.booking_id) ?? []), r.visitor_id]);
  return out;
}

export async function lockBooking(trx: Trx, id: string): Promise<BookingRow | undefined> {
  return trx.selectFrom('bookings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The PPL's ordinary bookings still to come on or after a date (optionally only on some dates), locked. */
export async function lockFutureBookings(trx: Trx, nui: string, from: string, dates?: string[]): Promise<BookingRow[]> {
  let q = trx
    .selectFrom('bookings')
    .selectAll()
    .where('nui', '=', nui)
    .where('status', '=', 'booked')
    .where('kind', '=', 'ordinary')
    .where('date', '>=', from);
  if (dates) q = q.where('date', 'in', dates.length ? dates : ['1900-01-01']);
  return q.forUpdate().execute();
}

export async function markCancelled(trx: Trx, id: string, reason: string): Promise<BookingRow> {
  return trx
    .updateTable('bookings')
    .set({ status: 'cancelled', cancel_reason: reason, cancelled_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function dayBookings(db: Db | Trx, eron: string, date: string, session: VisitSession): Promise<BookingRow[]> {
  return db
    .selectFrom('bookings')
    .selectAll()
    .where('eron', '=', eron)
    .where('date', '=', date)
    .where('session', '=', session)
    .where('status', '=', 'booked')
    .orderBy('unit_id')
    .orderBy('booked_at')
    .execute();
}

export async function suppress(trx: Trx, nui: string, dates: string[], sanctionId: string): Promise<void> {
  if (dates.length === 0) return;
  await trx
    .insertInto('visit_suppressions')
    .values(dates.map((date) => ({ nui, date, sanction_id: sanctionId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function liftFuture(trx: Trx, sanctionId: string, from: string): Promise<number> {
  const r = await trx.deleteFrom('visit_suppressions').where('sanction_id', '=', sanctionId).where('date', '>=', from).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function suppressedDates(db: Db | Trx, nui: string, from: string): Promise<string[]> {
  const rows = await db
    .selectFrom('visit_suppressions')
    .select('date')
    .distinct()
    .where('nui', '=', nui)
    .where('date', '>=', from)
    .execute();
  return rows.map((r) => r.date);
}
