import { randomUUID } from 'node:crypto';
import {
  assertActorActsFor,
  type VivifBlockRequest,
  type VivifBooking,
  type VivifBookingRequest,
  type VivifDevice,
  type VivifDeviceList,
  type VivifHours,
  type VivifMonitoring,
  type VivifMonitoringRequest,
  type VivifMonitorLink,
  type VivifSessionEvent,
  type VivifSlot,
  type VivifSlotGeneration,
  type VivifSlotList,
  type VivifStatistics,
} from '@eron/shared';
import type { Outcome } from '@eron/shared/platform';
import { findPpl } from '../ppl/ppl.repository';
import { heldAt } from '../ppl/ppl.rules';
import type { Ctx, Reader } from '../runtime';
import type { VideoProvider } from './vivif.provider';
import * as repo from './vivif.repository';
import * as rules from './vivif.rules';

/** VIS-16: a piece of video-call equipment of the establishment, a resource with its own calendar. */
export async function registerDevice(ctx: Ctx, eron: string, name: string): Promise<VivifDevice> {
  const device = await repo.addDevice(ctx.trx, eron, name);
  if (!device) throw rules.deviceNameTaken(eron, name);
  await ctx.audit({ action: 'vivif-device', entity: 'vivif_device', entityId: device.id, details: { eron, name } });
  return device;
}

export async function listDevices(r: Reader, eron: string): Promise<VivifDeviceList> {
  return { devices: await repo.devicesOf(r.db, eron) };
}

/** VIS-16: the establishment's VIVIF hours and slot length. */
export async function setHours(ctx: Ctx, eron: string, hours: VivifHours): Promise<VivifHours> {
  rules.checkHours(hours);
  await repo.setHours(ctx.trx, eron, hours);
  await ctx.audit({ action: 'vivif-hours', entity: 'vivif_hours', entityId: eron, details: { ...hours } });
  return hours;
}

/** VIS-16: slots of the set length for every device, each day of [from, to] with VIVIF hours. */
export async function generateSlots(ctx: Ctx, eron: string, g: VivifSlotGeneration): Promise<{ created: number }> {
  const hours = await repo.hoursOf(ctx.trx, eron);
  if (!hours) throw rules.noHours(eron);
  const devices = await repo.devicesOf(ctx.trx, eron);
  if (devices.length === 0) throw rules.noDevices(eron);
  const times = rules.slotTimes(hours, g.from, g.to);
  return {
    created: await repo.insertSlots(
      ctx.trx,
      eron,
      devices.map((d) => d.id),
      times,
    ),
  };
}

export async function slotsOfDay(r: Reader, eron: string, date: string, onlyFree?: boolean): Promise<VivifSlotList> {
  const slots = (await repo.slotsOn(r.db, eron, rules.bogotaDay(date))).filter((s) => !onlyFree || s.free);
  return { slots: slots.map(({ unbooked: _unbooked, ...s }) => s) };
}

/** VIS-16 (Art. 73): the room serves a virtual court hearing or a control-body proceeding; VIVIF uses it when free. */
export async function blockSlot(ctx: Ctx, eron: string, slotId: string, b: VivifBlockRequest): Promise<VivifSlot> {
  const slot = await repo.lockSlot(ctx.trx, slotId);
  if (!slot || slot.eron !== eron) throw rules.unknownSlot(slotId);
  if (!slot.unbooked) throw rules.slotTaken();
  await repo.blockSlot(ctx.trx, slotId, b.purpose, b.reference);
  await ctx.audit({
    action: 'vivif-block',
    entity: 'vivif_slot',
    entityId: slotId,
    details: { eron, purpose: b.purpose, reference: b.reference },
  });
  return { ...slot, blockedFor: b.purpose, free: false, unbooked: undefined } as VivifSlot;
}

interface BookInput {
  eron: string;
  slotId: string;
  nui: string;
  familyName: string;
  rebookOf: string | null;
}

/**
 * VIS-16, VIS-17: the PPL is held here, the slot is free and ahead; the provider creates the room
 * and the join links; Postgres refuses a second booking of the slot, the device or the PPL.
 */
async function book(ctx: Ctx, provider: VideoProvider, b: BookInput): Promise<VivifBooking> {
  const ppl = await findPpl(ctx.trx, b.nui);
  if (!ppl || !heldAt(ppl, b.eron)) throw rules.pplNotHeld(b.nui, b.eron);
  const slot = await repo.lockSlot(ctx.trx, b.slotId);
  if (!slot || slot.eron !== b.eron) throw rules.unknownSlot(b.slotId);
  if (slot.blockedFor) throw rules.slotBlocked(slot.blockedFor);
  if (Date.parse(slot.startsAt) <= Date.now()) throw rules.slotPast();
  if (!slot.unbooked) throw rules.doubleBooked('slot');
  const id = randomUUID();
  let session;
  try {
    session = await provider.createSession({
      bookingId: id,
      eron: b.eron,
      nui: b.nui,
      familyName: b.familyName,
      startsAt: new Date(slot.startsAt),
      endsAt: new Date(slot.endsAt),
    });
  } catch (err) {
    throw rules.providerFailed((err as Error).message);
  }
  const inserted = await repo.insertBooking(ctx.trx, {
    id,
    eron: b.eron,
    slot,
    nui: b.nui,
    familyName: b.familyName,
    provider: session.provider,
    room: session.room,
    providerSessionId: session.providerSessionId,
    links: session.links,
    rebookOf: b.rebookOf,
    bookedBy: ctx.actor.sub,
  });
  if (!inserted.ok) throw rules.doubleBookedBy(inserted.constraint) ?? rules.slotTaken();
  await ctx.audit({
    action: 'vivif-book',
    entity: 'vivif_booking',
    entityId: id,
    details: { eron: b.eron, slotId: slot.id, rebookOf: b.rebookOf },
  });
  return repo.toBooking((await repo.bookingById(ctx.trx, id))!);
}

export async function bookSession(
  ctx: Ctx,
  provider: VideoProvider,
  eron: string,
  req: VivifBookingRequest,
): Promise<Outcome<VivifBooking>> {
  return { status: 201, body: await book(ctx, provider, { eron, ...req, rebookOf: null }) };
}

/** VIS-17: a session that failed technically is rebooked first — the slot asked for, else the earliest free one. */
export async function rebookSession(
  ctx: Ctx,
  provider: VideoProvider,
  eron: string,
  failedId: string,
  slotId: string | undefined,
): Promise<Outcome<VivifBooking>> {
  const failed = await repo.bookingById(ctx.trx, failedId, true);
  if (!failed || failed.eron !== eron) throw rules.unknownBooking(failedId);
  rules.checkRebook(failed.status, (await repo.rebookOf(ctx.trx, failedId)) !== undefined);
  const slot = slotId ?? (await repo.firstFreeSlot(ctx.trx, eron, new Date()));
  if (!slot) throw rules.noFreeSlot(eron);
  const booking = await book(ctx, provider, { eron, slotId: slot, nui: failed.nui, familyName: failed.family_name, rebookOf: failedId });
  return { status: 201, body: booking };
}

export async function getBooking(r: Reader, eron: string, id: string): Promise<VivifBooking> {
  const b = await repo.bookingById(r.db, id);
  if (!b || b.eron !== eron) throw rules.unknownBooking(id);
  return repo.toBooking(b);
}

/** VIS-17: the provider reports started / ended (with duration) / no-show / technical failure. */
export async function recordSessionEvent(ctx: Ctx, e: VivifSessionEvent): Promise<VivifBooking> {
  const b = await repo.bookingById(ctx.trx, e.bookingId, true);
  if (!b) throw rules.unknownBooking(e.bookingId);
  rules.checkTransition(b.status, e.event);
  const at = new Date(e.at);
  switch (e.event) {
    case 'started':
      await repo.updateSession(ctx.trx, b.id, { status: 'started', started_at: b.started_at ?? at });
      break;
    case 'ended': {
      const started = b.started_at ?? at;
      const duration = e.durationSeconds ?? Math.max(0, Math.round((at.getTime() - started.getTime()) / 1000));
      await repo.updateSession(ctx.trx, b.id, { status: 'completed', started_at: started, ended_at: at, duration_seconds: duration });
      break;
    }
    case 'no_show':
      await repo.updateSession(ctx.trx, b.id, { status: 'no_show', failure_reason: e.reason ?? null });
      break;
    case 'failed':
      await repo.updateSession(ctx.trx, b.id, { status: 'failed', failure_reason: e.reason ?? 'falla técnica', ended_at: at });
      break;
  }
  await ctx.audit({ action: `vivif-${e.event}`, entity: 'vivif_booking', entityId: b.id, details: { eron: b.eron, at: e.at } });
  return repo.toBooking((await repo.bookingById(ctx.trx, b.id))!);
}

/** VIS-18 (Art. 60): information systems authorises who may monitor VIVIF sessions of an establishment, until when. */
export async function authoriseMonitoring(ctx: Ctx, eron: string, m: VivifMonitoringRequest): Promise<VivifMonitoring> {
  const id = randomUUID();
  await repo.addMonitoring(ctx.trx, {
    id,
    eron,
    monitor: m.monitor,
    validUntil: new Date(m.validUntil),
    reason: m.reason,
    authorisedBy: ctx.actor.sub,
  });
  await ctx.audit({
    action: 'vivif-monitoring-authorised',
    entity: 'vivif_monitoring',
    entityId: id,
    details: { eron, monitor: m.monitor },
  });
  return { id, eron, monitor: m.monitor, validUntil: new Date(m.validUntil).toISOString(), reason: m.reason };
}

/** VIS-18: a monitor's link to a session, only under an authorisation in force; every grant is audited. */
export async function monitorSession(ctx: Ctx, provider: VideoProvider, eron: string, bookingId: string): Promise<VivifMonitorLink> {
  const b = await repo.bookingById(ctx.trx, bookingId);
  if (!b || b.eron !== eron) throw rules.unknownBooking(bookingId);
  const authorisation = await repo.monitoringInForce(ctx.trx, eron, ctx.actor.sub, new Date());
  if (!authorisation) throw rules.monitoringNotAuthorised();
  const url = await provider.monitorLink({
    bookingId: b.id,
    eron,
    nui: b.nui,
    familyName: b.family_name,
    startsAt: b.starts_at,
    endsAt: b.ends_at,
    room: b.room,
    monitor: ctx.actor.sub,
  });
  await ctx.audit({ action: 'vivif-monitor', entity: 'vivif_booking', entityId: b.id, details: { eron, authorisation } });
  return { bookingId: b.id, url, authorisationId: authorisation };
}

/** VIS-18: sessions per establishment and year from the bookings, with the national historical figures. */
export async function statistics(r: Reader, year: number, eron?: string): Promise<VivifStatistics> {
  if (eron) assertActorActsFor(r.actor, eron);
  const rows = await repo.figuresOf(r.db, year, eron);
  const visible = rows.filter((x) => r.actor.national || r.actor.erons.includes(x.eron));
  const national = await repo.nationalFigure(r.db, year);
  return {
    year,
    establishments: visible,
    national: {
      completed: visible.reduce((n, x) => n + x.completed, 0),
      historicalSessions: national?.sessions ?? null,
      historicalDevices: national?.devices ?? null,
    },
  };
}
