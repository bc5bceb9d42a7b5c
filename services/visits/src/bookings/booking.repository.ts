import { sql } from 'kysely';
import { executePrepared, type auditRow } from '@eron/shared/platform';
import type { VisitSession } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { BookingRow } from './booking.tables';

type AuditRow = ReturnType<typeof auditRow>;

/** A booking as it is written. */
export interface NewBooking {
  id: string;
  nui: string;
  eron: string;
  unitId: string;
  areaId: string;
  date: string;
  session: VisitSession;
  visitorIds: string[];
  by: string;
}

/**
 * Writes bookings with their visitors, and the audit lines given (`auditRow`s: a batch's, written
 * by its one statement), in one statement, for one request or a batch of them. Their
 * places are claimed when the transaction commits (the deferred trigger `bookings_claim_places`):
 * the area's row, which every booking of the session claims, is held only inside the server for
 * the commit (PLT-15). A claim that does not fit fails the COMMIT on the counter's CHECK — see
 * `placesRanOut`. A prepared statement over arrays, its columns named (see executePrepared).
 */
export async function writeBookings(trx: Trx, bs: readonly NewBooking[], audit: readonly AuditRow[] = []): Promise<BookingRow[]> {
  const pairs = bs.flatMap((b) => b.visitorIds.map((v) => [b.id, v] as const));
  const { rows } = await executePrepared(
    trx,
    'booking_write',
    sql<BookingRow>`
    WITH audit AS (
      INSERT INTO audit_log (actor, roles, action, entity, entity_id, request_id, details)
      SELECT actor, roles, action, entity, entity_id, request_id, details::jsonb
      FROM jsonb_to_recordset(${JSON.stringify(audit)}::jsonb)
        AS t(actor text, roles text[], action text, entity text, entity_id text, request_id text, details text)
    ), booking AS (
      INSERT INTO bookings (id, nui, eron, unit_id, area_id, date, session, persons, booked_by)
      SELECT * FROM unnest(
        ${bs.map((b) => b.id)}::uuid[], ${bs.map((b) => b.nui)}::text[], ${bs.map((b) => b.eron)}::text[],
        ${bs.map((b) => b.unitId)}::uuid[], ${bs.map((b) => b.areaId)}::uuid[], ${bs.map((b) => b.date)}::date[],
        ${bs.map((b) => b.session)}::text[], ${bs.map((b) => b.visitorIds.length)}::int[], ${bs.map((b) => b.by)}::text[]
      )
      RETURNING id, nui, eron, unit_id, kind, area_id, date, session, persons, status, cancel_reason, booked_by, booked_at, cancelled_at
    ), visitors AS (
      INSERT INTO booking_visitors (booking_id, visitor_id)
      SELECT booking.id, t.v FROM unnest(${pairs.map((p) => p[0])}::uuid[], ${pairs.map((p) => p[1])}::uuid[]) AS t(b, v)
      JOIN booking ON booking.id = t.b
    )
    SELECT * FROM booking
  `,
  );
  return rows;
}

/** Whether a booking's COMMIT failed because its places no longer fit the area (the counter's CHECK). */
export const placesRanOut = (err: unknown): boolean =>
  (err as { code?: unknown; constraint?: unknown }).code === '23514' &&
  (err as { constraint?: unknown }).constraint === 'session_places_within_capacity';

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
