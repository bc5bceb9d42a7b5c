import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { column } from '@eron/shared/platform';
import type { VivifBooking, VivifDevice, VivifHours, VivifSlot } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { SlotTime } from './vivif.rules';
import type { BookingRow } from './vivif.tables';

const range = (t: SlotTime) => sql<string>`tstzrange(${t.startsAt}::timestamptz, ${t.endsAt}::timestamptz, '[)')`;
const iso = (d: Date | string) => new Date(d).toISOString();

/** The new device, or undefined when the establishment already has one of that name. */
export async function addDevice(trx: Trx, eron: string, name: string): Promise<VivifDevice | undefined> {
  const id = randomUUID();
  const added = await trx
    .insertInto('vivif_devices')
    .values({ id, eron, name })
    .onConflict((oc) => oc.columns(['eron', 'name']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return added && { id, eron, name };
}

export async function devicesOf(db: Db | Trx, eron: string): Promise<VivifDevice[]> {
  return db.selectFrom('vivif_devices').select(['id', 'eron', 'name']).where('eron', '=', eron).orderBy('name').execute();
}

export async function setHours(trx: Trx, eron: string, h: VivifHours): Promise<void> {
  const row = { weekdays: h.weekdays, opens: h.opens, closes: h.closes, slot_minutes: h.slotMinutes, updated_at: new Date() };
  await trx
    .insertInto('vivif_hours')
    .values({ eron, ...row })
    .onConflict((oc) => oc.column('eron').doUpdateSet(row))
    .execute();
}

export async function hoursOf(db: Db | Trx, eron: string): Promise<VivifHours | undefined> {
  const r = await db.selectFrom('vivif_hours').selectAll().where('eron', '=', eron).executeTakeFirst();
  return r && { weekdays: r.weekdays, opens: r.opens, closes: r.closes, slotMinutes: r.slot_minutes };
}

/**
 * One slot per device and time; a slot overlapping one the device already has is skipped (the
 * constraint keeps them apart). One statement for every device and time: a week of 132
 * establishments' devices is some 24 000 slots, one round trip each before.
 */
export async function insertSlots(trx: Trx, eron: string, deviceIds: string[], times: SlotTime[]): Promise<number> {
  if (deviceIds.length === 0 || times.length === 0) return 0;
  const r = await sql`INSERT INTO vivif_slots (id, eron, device_id, during)
    SELECT gen_random_uuid(), ${eron}, d.id, tstzrange(t.starts_at::timestamptz, t.ends_at::timestamptz, '[)')
      FROM unnest(${column(deviceIds, 'uuid')}) WITH ORDINALITY AS d(id, n)
      CROSS JOIN unnest(${column(
        times.map((t) => t.startsAt),
        'text',
      )}, ${column(
        times.map((t) => t.endsAt),
        'text',
      )}) WITH ORDINALITY AS t(starts_at, ends_at, n)
     ORDER BY d.n, t.n
    ON CONFLICT ON CONSTRAINT vivif_slots_device_free DO NOTHING`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

const slotColumns = sql`s.id, s.eron, s.device_id, lower(s.during) AS starts_at, upper(s.during) AS ends_at, s.blocked_for, s.block_reference,
  NOT EXISTS (SELECT 1 FROM vivif_bookings b WHERE b.slot_id = s.id AND b.status <> 'cancelled') AS unbooked`;

interface SlotSql {
  id: string;
  eron: string;
  device_id: string;
  starts_at: Date;
  ends_at: Date;
  blocked_for: VivifSlot['blockedFor'];
  block_reference: string | null;
  unbooked: boolean;
}
export type SlotRecord = VivifSlot & { unbooked: boolean };
const toSlot = (r: SlotSql): SlotRecord => ({
  id: r.id,
  eron: r.eron,
  deviceId: r.device_id,
  startsAt: iso(r.starts_at),
  endsAt: iso(r.ends_at),
  blockedFor: r.blocked_for,
  free: r.unbooked && r.blocked_for === null,
  unbooked: r.unbooked,
});

export async function slotsOn(db: Db | Trx, eron: string, day: SlotTime): Promise<SlotRecord[]> {
  const r = await sql<SlotSql>`SELECT ${slotColumns} FROM vivif_slots s WHERE s.eron = ${eron} AND s.during && ${range(day)}
    ORDER BY lower(s.during), s.device_id`.execute(db);
  return r.rows.map(toSlot);
}

/**
 * The slot, locked so that blocking and booking it are serialised. Locked first, read after, in two
 * statements: a statement sees the data as it was when it began, so whether the slot is booked,
 * read by the statement that waited for the lock, would miss the booking its holder committed.
 */
export async function lockSlot(trx: Trx, id: string): Promise<SlotRecord | undefined> {
  await sql`SELECT 1 FROM vivif_slots WHERE id = ${id} FOR UPDATE`.execute(trx);
  const r = await sql<SlotSql>`SELECT ${slotColumns} FROM vivif_slots s WHERE s.id = ${id}`.execute(trx);
  return r.rows[0] && toSlot(r.rows[0]);
}

/** The earliest free slot of the establishment from now on (a failed session is rebooked first, VIS-17). */
export async function firstFreeSlot(trx: Trx, eron: string, after: Date): Promise<string | undefined> {
  const r = await sql<{ id: string }>`SELECT s.id FROM vivif_slots s WHERE s.eron = ${eron} AND s.blocked_for IS NULL
    AND lower(s.during) > ${after.toISOString()}::timestamptz
    AND NOT EXISTS (SELECT 1 FROM vivif_bookings b WHERE b.slot_id = s.id AND b.status <> 'cancelled')
    ORDER BY lower(s.during), s.device_id LIMIT 1 FOR UPDATE OF s SKIP LOCKED`.execute(trx);
  return r.rows[0]?.id;
}

export async function blockSlot(trx: Trx, id: string, purpose: string, reference: string): Promise<void> {
  await sql`UPDATE vivif_slots SET blocked_for = ${purpose}, block_reference = ${reference} WHERE id = ${id}`.execute(trx);
}

export interface NewBooking {
  id: string;
  eron: string;
  slot: SlotRecord;
  nui: string;
  familyName: string;
  provider: string;
  room: string;
  providerSessionId: string | null;
  links: VivifBooking['links'];
  rebookOf: string | null;
  bookedBy: string;
}

/** Inserts the booking under a savepoint: the exclusion constraints decide double bookings (VIS-16). */
export async function insertBooking(trx: Trx, b: NewBooking): Promise<{ ok: true } | { ok: false; constraint?: string }> {
  await sql`SAVEPOINT vivif_booking`.execute(trx);
  try {
    await trx
      .insertInto('vivif_bookings')
      .values({
        id: b.id,
        eron: b.eron,
        slot_id: b.slot.id,
        device_id: b.slot.deviceId,
        nui: b.nui,
        during: range(b.slot) as unknown as string,
        family_name: b.familyName,
        provider: b.provider,
        room: b.room,
        provider_session_id: b.providerSessionId,
        links: JSON.stringify(b.links),
        rebook_of: b.rebookOf,
        booked_by: b.bookedBy,
      })
      .execute();
    await sql`RELEASE SAVEPOINT vivif_booking`.execute(trx);
    return { ok: true };
  } catch (err) {
    const e = err as { code?: string; constraint?: string };
    if (e.code !== '23P01' && e.code !== '23505') throw err;
    await sql`ROLLBACK TO SAVEPOINT vivif_booking`.execute(trx);
    return { ok: false, constraint: e.constraint };
  }
}

const bookingSelect = (db: Db | Trx) =>
  db
    .selectFrom('vivif_bookings')
    .selectAll()
    .select([sql<Date>`lower(during)`.as('starts_at'), sql<Date>`upper(during)`.as('ends_at')]);

export type BookingRecord = BookingRow & { starts_at: Date; ends_at: Date };

export async function bookingById(db: Db | Trx, id: string, lock = false): Promise<BookingRecord | undefined> {
  const q = bookingSelect(db).where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function rebookOf(db: Db | Trx, id: string): Promise<string | undefined> {
  return (await db.selectFrom('vivif_bookings').select('id').where('rebook_of', '=', id).executeTakeFirst())?.id;
}

export const toBooking = (r: BookingRecord): VivifBooking => ({
  id: r.id,
  eron: r.eron,
  slotId: r.slot_id,
  deviceId: r.device_id,
  nui: r.nui,
  startsAt: iso(r.starts_at),
  endsAt: iso(r.ends_at),
  status: r.status,
  provider: r.provider,
  room: r.room,
  links: r.links,
  startedAt: r.started_at && iso(r.started_at),
  endedAt: r.ended_at && iso(r.ended_at),
  durationSeconds: r.duration_seconds,
  failureReason: r.failure_reason,
  rebookOf: r.rebook_of,
});

export async function updateSession(
  trx: Trx,
  id: string,
  set: Partial<Pick<BookingRow, 'status' | 'started_at' | 'ended_at' | 'duration_seconds' | 'failure_reason'>>,
): Promise<void> {
  await trx.updateTable('vivif_bookings').set(set).where('id', '=', id).execute();
}

export async function addMonitoring(
  trx: Trx,
  m: { id: string; eron: string; monitor: string; validUntil: Date; reason: string; authorisedBy: string },
): Promise<void> {
  await trx
    .insertInto('vivif_monitoring')
    .values({ id: m.id, eron: m.eron, monitor: m.monitor, valid_until: m.validUntil, reason: m.reason, authorised_by: m.authorisedBy })
    .execute();
}

export async function monitoringInForce(db: Db | Trx, eron: string, monitor: string, at: Date): Promise<string | undefined> {
  const r = await db
    .selectFrom('vivif_monitoring')
    .select('id')
    .where('eron', '=', eron)
    .where('monitor', '=', monitor)
    .where('valid_until', '>', at)
    .orderBy('valid_until', 'desc')
    .executeTakeFirst();
  return r?.id;
}

export interface FiguresRow {
  eron: string;
  devices: number;
  booked: number;
  completed: number;
  noShow: number;
  failed: number;
  minutes: number;
}

/** Sessions per establishment in a Bogotá calendar year, counted from the bookings (VIS-18). */
export async function figuresOf(db: Db, year: number, eron?: string): Promise<FiguresRow[]> {
  const from = `${year}-01-01T00:00:00-05:00`;
  const to = `${year + 1}-01-01T00:00:00-05:00`;
  const r = await sql<{
    eron: string;
    devices: string;
    booked: string;
    completed: string;
    no_show: string;
    failed: string;
    seconds: string;
  }>`WITH e AS (SELECT DISTINCT eron FROM vivif_devices UNION SELECT DISTINCT eron FROM vivif_bookings)
    SELECT e.eron,
      (SELECT count(*) FROM vivif_devices d WHERE d.eron = e.eron) AS devices,
      count(b.id) FILTER (WHERE b.status <> 'cancelled') AS booked,
      count(b.id) FILTER (WHERE b.status = 'completed') AS completed,
      count(b.id) FILTER (WHERE b.status = 'no_show') AS no_show,
      count(b.id) FILTER (WHERE b.status = 'failed') AS failed,
      coalesce(sum(b.duration_seconds) FILTER (WHERE b.status = 'completed'), 0) AS seconds
    FROM e LEFT JOIN vivif_bookings b ON b.eron = e.eron AND lower(b.during) >= ${from}::timestamptz AND lower(b.during) < ${to}::timestamptz
    WHERE ${eron ?? null}::text IS NULL OR e.eron = ${eron ?? null}::text
    GROUP BY e.eron ORDER BY e.eron`.execute(db);
  return r.rows.map((x) => ({
    eron: x.eron,
    devices: Number(x.devices),
    booked: Number(x.booked),
    completed: Number(x.completed),
    noShow: Number(x.no_show),
    failed: Number(x.failed),
    minutes: Math.floor(Number(x.seconds) / 60),
  }));
}

export async function nationalFigure(db: Db, year: number) {
  return db.selectFrom('vivif_national_figures').select(['sessions', 'devices']).where('year', '=', year).executeTakeFirst();
}
