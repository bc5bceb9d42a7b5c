import { sql } from 'kysely';
import { executePrepared } from '@eron/shared/platform';
import type { VisitSession } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { BookingRow } from './booking.tables';

/**
 * Claims n places and writes the booking with its visitors in one statement, the last before
 * COMMIT (PLT-15): the area's row is locked by the upsert only from here to the commit, as briefly
 * as a raw-SQL claim holds it. The upsert's condition is re-read on the locked row, so the area is
 * never overbooked; when it does not hold, nothing is written and undefined comes back (full).
 * A prepared statement, its columns named (see executePrepared).
 */
export async function claimAndBook(
  trx: Trx,
  b: {
    id: string;
    nui: string;
    eron: string;
    unitId: string;
    area: { id: string; capacity: number };
    date: string;
    session: VisitSession;
    visitorIds: string[];
    by: string;
  },
): Promise<BookingRow | undefined> {
  const n = b.visitorIds.length;
  const { rows } = await executePrepared(
    trx,
    'booking_claim',
    sql<BookingRow>`
    WITH claim AS (
      INSERT INTO session_places AS sp (area_id, date, session, capacity, booked)
      VALUES (${b.area.id}::uuid, ${b.date}::date, ${b.session}, ${b.area.capacity}::int, ${n}::int)
      ON CONFLICT (area_id, date, session) DO UPDATE SET booked = sp.booked + EXCLUDED.booked
        WHERE sp.booked + EXCLUDED.booked <= sp.capacity
      RETURNING 1
    ), booking AS (
      INSERT INTO bookings (id, nui, eron, unit_id, area_id, date, session, persons, cancel_reason, booked_by, cancelled_at)
      SELECT ${b.id}::uuid, ${b.nui}, ${b.eron}, ${b.unitId}::uuid, ${b.area.id}::uuid, ${b.date}::date, ${b.session}, ${n}::int, NULL, ${b.by}, NULL
      WHERE EXISTS (SELECT 1 FROM claim)
      RETURNING id, nui, eron, unit_id, kind, area_id, date, session, persons, status, cancel_reason, booked_by, booked_at, cancelled_at
    ), visitors AS (
      INSERT INTO booking_visitors (booking_id, visitor_id)
      SELECT booking.id, v FROM booking, unnest(${b.visitorIds}::uuid[]) AS v
    )
    SELECT * FROM booking
  `,
  );
  return rows[0];
}

/** The PPL's ordinary bookings with a minor among the visitors (on the booking's date), from a date on (VIS-06). */
export async function childrenBookings(db: Db | Trx, nui: string, from: string): Promise<{ id: string; date: string }[]> {
  const { rows } = await sql<{ id: string; date: string }>`
    SELECT DISTINCT b.id, b.date::text AS date FROM bookings b
    JOIN booking_visitors bv ON bv.booking_id = b.id
    JOIN visitors v ON v.id = bv.visitor_id
    WHERE b.nui = ${nui} AND b.kind = 'ordinary' AND b.status = 'booked' AND b.date >= ${from}::date
      AND v.birth_date > b.date - interval '18 years'
  `.execute(db);
  return rows;
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

/** The dates a sanction suppressed (past and future), in order. */
export async function suppressionsOf(db: Db | Trx, sanctionId: string): Promise<string[]> {
  const rows = await db.selectFrom('visit_suppressions').select('date').where('sanction_id', '=', sanctionId).orderBy('date').execute();
  return rows.map((r) => r.date);
}

export async function unsuppress(trx: Trx, sanctionId: string, dates: string[]): Promise<void> {
  if (dates.length === 0) return;
  await trx.deleteFrom('visit_suppressions').where('sanction_id', '=', sanctionId).where('date', 'in', dates).execute();
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
