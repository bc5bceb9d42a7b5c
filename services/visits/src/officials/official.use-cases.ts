import { randomUUID } from 'node:crypto';
import {
  assertActorActsFor,
  type BlockedPlace,
  type BlockedPlaceBody,
  type OfficialVisit,
  type OfficialVisitBody,
  type OfficialVisitList,
} from '@eron/shared';
import type { Outcome } from '@eron/shared/platform';
import { heldPpl } from '../ppl/ppl.lookup';
import type { Ctx, Reader } from '../runtime';
import { blockedPlacesOf, findVisit, insertBlockedPlace, insertVisit, lockVisit, visitsOn } from './official.repository';
import { assertNightInspection, assertNoGaps, isNight, noOfficialVisit, pressAuthority, pressGaps, visitGaps } from './official.rules';
import type { BlockedPlaceRow, OfficialVisitRow } from './official.tables';

/** Art. 75 §: who hears of a place a night inspection could not enter. */
const NIGHT_REPORT_TO = ['regional_director', 'dg'] as const;

const placeView = (p: BlockedPlaceRow): BlockedPlace => ({
  id: p.id,
  place: p.place,
  reason: p.reason,
  recordedAt: p.recorded_at.toISOString(),
  notified: p.notified,
});

const view = (v: OfficialVisitRow, places: BlockedPlaceRow[]): OfficialVisit => ({
  id: v.id,
  eron: v.eron,
  kind: v.kind,
  entity: v.entity,
  controlBody: v.control_body,
  nui: v.nui,
  officials: v.officials.map((o) => ({ names: o.names, position: o.position })),
  arrivesAt: v.arrives_at.toISOString(),
  night: isNight(v.arrives_at),
  status: v.status,
  attendedAt: v.attended_at?.toISOString() ?? null,
  pressAuthority: v.press_authority,
  blockedPlaces: places.filter((p) => p.visit_id === v.id).map(placeView),
});

const ARTICLE = { control_body: 'Art. 75 §', press: 'Art. 81' } as Record<string, string>;

/**
 * VIS-15 (Arts. 74–83): an official visit by kind. A control body is attended at once, at any
 * hour (Art. 75 §); every other kind is booked ahead, in daytime; press also needs Art. 81's
 * permission for the PPL's situation, the PPL's consent and the written application.
 */
export async function recordOfficialVisit(ctx: Ctx, body: OfficialVisitBody): Promise<Outcome<OfficialVisit>> {
  const now = new Date();
  const gaps = visitGaps(body, now);
  let authority = null;
  if (body.kind === 'press') {
    const ppl = body.press ? await heldPpl(ctx.trx, body.press.nui, body.eron) : undefined;
    gaps.push(...pressGaps(body.press, ppl?.legalStatus));
    authority = ppl?.legalStatus && body.press ? pressAuthority(ppl.legalStatus, body.press.specialRegime) : null;
  }
  assertNoGaps(gaps, ARTICLE[body.kind] ?? 'Arts. 74–83');
  // A control body is attended the moment it arrives (recorded now, or at the arrival the gate logged).
  const arrivesAt = body.arrivesAt ? new Date(body.arrivesAt) : now;
  const visit = await insertVisit(ctx.trx, {
    body,
    arrivesAt,
    attendedAt: body.kind === 'control_body' ? arrivesAt : null,
    pressAuthority: authority,
    by: ctx.actor.sub,
  });
  await ctx.audit({ action: 'record-official-visit', entity: 'official_visit', entityId: visit.id, details: { kind: visit.kind } });
  return { status: 201, body: view(visit, []) };
}

/** VIS-15 (Art. 75 §): a place a night inspection could not enter for security reasons — recorded, reported to the regional director and the DG. */
export async function recordBlockedPlace(ctx: Ctx, i: { id: string; body: BlockedPlaceBody }): Promise<Outcome<BlockedPlace>> {
  const visit = await lockVisit(ctx.trx, i.id);
  if (!visit) throw noOfficialVisit();
  assertActorActsFor(ctx.actor, visit.eron);
  assertNightInspection({ kind: visit.kind, arrivesAt: visit.arrives_at });
  for (const recipient of NIGHT_REPORT_TO)
    await ctx.publish('notification.requested', {
      notificationId: randomUUID(),
      recipient,
      subject: 'night-inspection-place-not-entered',
      eron: visit.eron,
    });
  const place = await insertBlockedPlace(ctx.trx, { visitId: visit.id, ...i.body, notified: [...NIGHT_REPORT_TO], by: ctx.actor.sub });
  await ctx.audit({ action: 'record-blocked-place', entity: 'official_visit', entityId: visit.id, details: { placeId: place.id } });
  return { status: 201, body: placeView(place) };
}

export async function getOfficialVisit(r: Reader, id: string): Promise<OfficialVisit> {
  const visit = await findVisit(r.db, id);
  if (!visit) throw noOfficialVisit();
  assertActorActsFor(r.actor, visit.eron);
  return view(visit, await blockedPlacesOf(r.db, [visit.id]));
}

export async function listOfficialVisits(r: Reader, eron: string, date: string): Promise<OfficialVisitList> {
  const visits = await visitsOn(r.db, eron, date);
  const places = await blockedPlacesOf(
    r.db,
    visits.map((v) => v.id),
  );
  return { eron, date, items: visits.map((v) => view(v, places)) };
}
