import { randomUUID } from 'node:crypto';
import {
  bogotaToday,
  type CheckInBody,
  type CheckOutBody,
  type GateEntry,
  type IncidentReportSent,
  type InsideNow,
  type SealExemption,
  type Suspension,
} from '@eron/shared';
import { lockBooking, visitorsOf } from '../bookings/booking.repository';
import type { Ctx, Reader } from '../runtime';
import { findIdentity } from '../visitors/visitor.repository';
import { incidentReportPdf } from './gate.document';
import {
  checkOutBooking,
  checkOutEntry,
  debtOf,
  incidentsOf,
  insertDebt,
  insertEntry,
  insertIncident,
  insertSuspension,
  insideNow,
  isInside,
  isSuspended,
  lockInside,
  nextToken,
  recordReportSent,
} from './gate.repository';
import { alreadyInside, alreadySuspended, assertCheckIn, assertCheckOut, lostTokenFee, noBooking, noOneInside, sealOf } from './gate.rules';
import type { GateEntryRow } from './gate.tables';

const view = (e: GateEntryRow, debt: number | null = null): GateEntry => ({
  id: e.id,
  bookingId: e.booking_id,
  visitorId: e.visitor_id,
  nui: e.nui,
  date: e.date,
  status: e.status,
  token: e.token,
  seal: e.seal,
  exemption: e.exemption as SealExemption | null,
  refusalReason: e.refusal_reason,
  checkedInAt: e.checked_in_at?.toISOString() ?? null,
  checkedOutAt: e.checked_out_at?.toISOString() ?? null,
  tokenState: e.token_state,
  documentReturned: e.status === 'out',
  debt,
});

/**
 * VIS-19: a visitor of today's booking shows their ID; it must be theirs. Under the influence they
 * are refused with the reason (no entry, no token); otherwise sealed unless exempt, and given the
 * next token of the day against the document they leave at the gate.
 */
export async function checkIn(ctx: Ctx, i: { eron: string; body: CheckInBody }): Promise<GateEntry> {
  const { body } = i;
  const booking = await lockBooking(ctx.trx, body.bookingId);
  if (!booking || booking.eron !== i.eron) throw noBooking();
  const today = bogotaToday();
  const onBooking = ((await visitorsOf(ctx.trx, [booking.id])).get(booking.id) ?? []).includes(body.visitorId);
  const identity = onBooking ? await findIdentity(ctx.trx, body.visitorId) : undefined;
  if (identity) await ctx.audit({ action: 'gate-identity-check', entity: 'visitor', entityId: body.visitorId });
  assertCheckIn({
    booking,
    today,
    suspended: await isSuspended(ctx.trx, booking.id),
    onBooking,
    identity: identity && { type: identity.document_type, number: identity.document_number },
    shown: body.documentShown,
    exemption: body.exemption,
    credential: body.credential,
    birthDate: identity?.birth_date,
  });
  if (await isInside(ctx.trx, booking.id, body.visitorId)) throw alreadyInside();
  const base = { booking_id: booking.id, visitor_id: body.visitorId, nui: booking.nui, eron: booking.eron, date: today, by: ctx.actor.sub };
  if (body.underInfluence) {
    const reason = body.underInfluence.reason;
    const row = await insertEntry(ctx.trx, {
      ...base,
      status: 'refused',
      token: null,
      seal: null,
      exemption: null,
      credential: null,
      refusal_reason: reason,
      checked_in_at: null,
      checked_out_at: null,
      token_state: null,
    });
    await insertIncident(ctx.trx, { eron: booking.eron, date: today, kind: 'refusal', bookingId: booking.id, nui: booking.nui, reason });
    await ctx.audit({ action: 'gate-refuse', entity: 'gate_entry', entityId: row.id });
    return view(row);
  }
  const { seal, exemption } = sealOf(body.exemption);
  const token = await nextToken(ctx.trx, booking.eron, today);
  const row = await insertEntry(ctx.trx, {
    ...base,
    status: 'inside',
    token,
    seal,
    exemption,
    credential: body.credential ?? null,
    refusal_reason: null,
    checked_in_at: new Date(),
    checked_out_at: null,
    token_state: null,
  });
  await ctx.audit({ action: 'gate-check-in', entity: 'gate_entry', entityId: row.id });
  return view(row);
}

/** VIS-19: the document goes back against the token; a lost or damaged token is 3 SMLDV of debt for the visitor. */
export async function checkOut(ctx: Ctx, i: { eron: string; body: CheckOutBody }): Promise<GateEntry> {
  const tokenState = i.body.tokenState ?? 'returned';
  assertCheckOut({ ...i.body, tokenState });
  const today = bogotaToday();
  const by = tokenState === 'returned' ? { token: i.body.token } : { visitorId: i.body.visitorId, token: i.body.token };
  const entry = await lockInside(ctx.trx, i.eron, today, by);
  if (!entry) throw noOneInside();
  const row = await checkOutEntry(ctx.trx, entry.id, tokenState);
  let debt: number | null = null;
  if (tokenState !== 'returned') {
    debt = lostTokenFee(today);
    const reason = `Ficha ${entry.token} ${tokenState === 'lost' ? 'perdida' : 'dañada'}: 3 SMLDV`;
    await insertDebt(ctx.trx, { visitorId: entry.visitor_id, entryId: entry.id, eron: entry.eron, amount: debt, reason });
    await insertIncident(ctx.trx, {
      eron: entry.eron,
      date: today,
      kind: tokenState === 'lost' ? 'lost_token' : 'damaged_token',
      bookingId: entry.booking_id,
      nui: entry.nui,
      reason,
    });
  }
  await ctx.audit({ action: 'gate-check-out', entity: 'gate_entry', entityId: row.id });
  return view(row, debt ?? (await debtOf(ctx.trx, row.id)));
}

/** VIS-19: who is inside now — tokens and ids only, no identity data. */
export async function whoIsInside(r: Reader, eron: string): Promise<InsideNow> {
  const date = bogotaToday();
  const rows = await insideNow(r.db, eron, date);
  return {
    date,
    inside: rows.map((e) => ({
      entryId: e.id,
      token: e.token!,
      bookingId: e.booking_id,
      nui: e.nui,
      visitorId: e.visitor_id,
      checkedInAt: e.checked_in_at!.toISOString(),
    })),
  };
}

/** VIS-20 (Art. 85): the visit is suspended at once with its reason; its visitors inside are checked out. */
export async function suspendVisit(ctx: Ctx, i: { eron: string; bookingId: string; reason: string }): Promise<Suspension> {
  const booking = await lockBooking(ctx.trx, i.bookingId);
  if (!booking || booking.eron !== i.eron) throw noBooking();
  if (await isSuspended(ctx.trx, booking.id)) throw alreadySuspended();
  const s = await insertSuspension(ctx.trx, {
    bookingId: booking.id,
    eron: booking.eron,
    date: booking.date,
    reason: i.reason,
    by: ctx.actor.sub,
  });
  const out = await checkOutBooking(ctx.trx, booking.id);
  await insertIncident(ctx.trx, {
    eron: booking.eron,
    date: bogotaToday(),
    kind: 'suspension',
    bookingId: booking.id,
    nui: booking.nui,
    reason: i.reason,
  });
  await ctx.audit({ action: 'suspend-visit', entity: 'booking', entityId: booking.id });
  return { bookingId: booking.id, reason: s.reason, suspendedAt: s.suspended_at.toISOString(), checkedOut: out.map((e) => e.visitor_id) };
}

/** VIS-20 (Art. 68 §1): the day's incident report, as the regional director receives it (PDF). */
export async function incidentReport(r: Reader, i: { eron: string; date: string }): Promise<Buffer> {
  const incidents = await incidentsOf(r.db, i.eron, i.date);
  return incidentReportPdf({ eron: i.eron, date: i.date, incidents, issuedBy: r.actor.sub, issuedAt: new Date() });
}

/** VIS-20: the report goes to the regional director through the notifier (IDs only, PLT-06). */
export async function sendIncidentReport(ctx: Ctx, i: { eron: string; date: string }): Promise<IncidentReportSent> {
  const incidents = await incidentsOf(ctx.trx, i.eron, i.date);
  const notificationId = randomUUID();
  await ctx.publish('notification.requested', {
    notificationId,
    recipient: 'regional_director',
    subject: `visit-day-incidents ${i.date}`,
    eron: i.eron,
  });
  await recordReportSent(ctx.trx, i.eron, i.date, notificationId);
  await ctx.audit({ action: 'send-incident-report', entity: 'establishment', entityId: i.eron });
  return { date: i.date, incidents: incidents.length, notificationId, recipient: 'regional_director' };
}
