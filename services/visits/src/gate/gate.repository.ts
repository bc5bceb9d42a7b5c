import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { lockKeys } from '@eron/shared/platform';
import type { Db, Trx } from '../db';
import type { GateEntryRow, GateTables } from './gate.tables';

type NewEntry = Omit<Insertable<GateTables['gate_entries']>, 'id' | 'created_at'>;

export const insertEntry = (trx: Trx, e: NewEntry): Promise<GateEntryRow> =>
  trx
    .insertInto('gate_entries')
    .values({ id: randomUUID(), ...e })
    .returningAll()
    .executeTakeFirstOrThrow();

/**
 * The next token of the establishment's day: taken under a transaction lock of that day, so tokens
 * are issued one at a time; the unique index keeps them unique whatever happens.
 */
export async function nextToken(trx: Trx, eron: string, date: string): Promise<number> {
  await lockKeys(trx, [`gate-token:${eron}:${date}`]);
  const row = await trx
    .selectFrom('gate_entries')
    .select((eb) => eb.fn.max<number | null>('token').as('last'))
    .where('eron', '=', eron)
    .where('date', '=', date)
    .executeTakeFirst();
  return (row?.last ?? 0) + 1;
}

export const isInside = (trx: Trx, bookingId: string, visitorId: string) =>
  trx
    .selectFrom('gate_entries')
    .select('id')
    .where('booking_id', '=', bookingId)
    .where('visitor_id', '=', visitorId)
    .where('status', '=', 'inside')
    .executeTakeFirst();

export function lockInside(trx: Trx, eron: string, date: string, by: { token?: number; visitorId?: string }) {
  let q = trx.selectFrom('gate_entries').selectAll().where('eron', '=', eron).where('date', '=', date).where('status', '=', 'inside');
  if (by.token !== undefined) q = q.where('token', '=', by.token);
  if (by.visitorId !== undefined) q = q.where('visitor_id', '=', by.visitorId);
  return q.forUpdate().executeTakeFirst();
}

export const checkOutEntry = (trx: Trx, id: string, state: 'returned' | 'lost' | 'damaged') =>
  trx
    .updateTable('gate_entries')
    .set({ status: 'out', checked_out_at: new Date(), token_state: state })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const checkOutBooking = (trx: Trx, bookingId: string) =>
  trx
    .updateTable('gate_entries')
    .set({ status: 'out', checked_out_at: new Date(), token_state: 'returned' })
    .where('booking_id', '=', bookingId)
    .where('status', '=', 'inside')
    .returningAll()
    .execute();

export const insertDebt = (trx: Trx, d: { visitorId: string; entryId: string; eron: string; amount: number; reason: string }) =>
  trx
    .insertInto('visitor_debts')
    .values({ id: randomUUID(), visitor_id: d.visitorId, entry_id: d.entryId, eron: d.eron, amount: d.amount, reason: d.reason })
    .execute();

export const debtOf = async (db: Db | Trx, entryId: string): Promise<number | null> => {
  const row = await db.selectFrom('visitor_debts').select('amount').where('entry_id', '=', entryId).executeTakeFirst();
  return row ? Number(row.amount) : null;
};

export const isSuspended = async (db: Db | Trx, bookingId: string) =>
  (await db.selectFrom('visit_suspensions').select('booking_id').where('booking_id', '=', bookingId).executeTakeFirst()) !== undefined;

export const insertSuspension = (trx: Trx, s: { bookingId: string; eron: string; date: string; reason: string; by: string }) =>
  trx
    .insertInto('visit_suspensions')
    .values({ booking_id: s.bookingId, eron: s.eron, date: s.date, reason: s.reason, by: s.by })
    .returningAll()
    .executeTakeFirstOrThrow();

export const insertIncident = (
  trx: Trx,
  i: { eron: string; date: string; kind: GateTables['gate_incidents']['kind']; bookingId: string; nui: string; reason: string },
) =>
  trx
    .insertInto('gate_incidents')
    .values({ id: randomUUID(), eron: i.eron, date: i.date, kind: i.kind, booking_id: i.bookingId, nui: i.nui, reason: i.reason })
    .execute();

export const insideNow = (db: Db | Trx, eron: string, date: string) =>
  db
    .selectFrom('gate_entries')
    .selectAll()
    .where('eron', '=', eron)
    .where('date', '=', date)
    .where('status', '=', 'inside')
    .orderBy('token')
    .execute();

export const incidentsOf = (db: Db | Trx, eron: string, date: string) =>
  db.selectFrom('gate_incidents').selectAll().where('eron', '=', eron).where('date', '=', date).orderBy('at').execute();

export const recordReportSent = (trx: Trx, eron: string, date: string, notificationId: string) =>
  trx
    .insertInto('incident_reports_sent')
    .values({ eron, date, notification_id: notificationId })
    .onConflict((oc) => oc.columns(['eron', 'date']).doUpdateSet({ notification_id: notificationId, sent_at: new Date() }))
    .execute();

/** Past visit days (bookings held) of the last week whose incident report has not gone yet. */
export const unreportedDays = (db: Db | Trx, from: string, before: string) =>
  db
    .selectFrom('bookings as b')
    .leftJoin('incident_reports_sent as s', (j) => j.onRef('s.eron', '=', 'b.eron').onRef('s.date', '=', 'b.date'))
    .select(['b.eron', 'b.date'])
    .distinct()
    .where('b.date', '>=', from)
    .where('b.date', '<', before)
    .where('s.eron', 'is', null)
    .orderBy('b.date')
    .execute();
