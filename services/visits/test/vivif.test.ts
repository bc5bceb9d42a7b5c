import { createVerifier } from 'fast-jwt';
import { signedHeaders } from '@eron/shared/platform';
import { bearer } from '@eron/shared/testing';
import type { VivifBooking, VivifSlot } from '@eron/shared';
import { FakeVideoProvider } from './support/fake-video';
import { startVisits, type VisitsWorld } from './support/visits.world';

const JITSI = {
  VIVIF_JITSI_URL: 'https://meet.vivif.test',
  VIVIF_JITSI_APP_ID: 'eron-vivif-test',
  VIVIF_JITSI_SECRET: 'jitsi-test-secret-0123456789',
};
const VIDEO = { keyId: 'video-test', secret: 'video-webhook-secret' };
const BANK = { keyId: 'bank-test', secret: 'bank-secret' };
const HMAC_KEYS = `${VIDEO.keyId}:video_provider:${VIDEO.secret},${BANK.keyId}:bank:${BANK.secret}`;

const director = bearer(['director'], ['113']);
const officer = bearer(['visits_officer'], ['113']);
const infoSystems = bearer(['info_systems'], ['113']);

/** A Bogotá date `days` ahead. */
const dayAhead = (days: number) => new Date(Date.now() - 5 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
let keySeq = 0;
const idem = () => ({ 'idempotency-key': `vivif-${process.pid}-${Date.now()}-${(keySeq += 1)}` });

async function equip(w: VisitsWorld, eron = '113', devices = 2): Promise<string[]> {
  const headers = bearer(['director'], [eron]);
  const ids: string[] = [];
  for (let i = 0; i < devices; i += 1) {
    const res = await w.app.inject({
      method: 'POST',
      url: `/api/v1/visits/vivif/establishments/${eron}/devices`,
      headers,
      payload: { name: `Equipo ${i + 1}` },
    });
    expect(res.statusCode).toBe(201);
    ids.push(res.json().id);
  }
  const hours = { weekdays: [0, 1, 2, 3, 4, 5, 6], opens: '08:00', closes: '10:00', slotMinutes: 30 };
  expect(
    (await w.app.inject({ method: 'PUT', url: `/api/v1/visits/vivif/establishments/${eron}/hours`, headers, payload: hours })).statusCode,
  ).toBe(200);
  const gen = await w.app.inject({
    method: 'POST',
    url: `/api/v1/visits/vivif/establishments/${eron}/slots/generate`,
    headers,
    payload: { from: dayAhead(1), to: dayAhead(3) },
  });
  expect(gen.json()).toEqual({ created: 3 * 4 * devices });
  return ids;
}

async function slotsOf(w: VisitsWorld, date = dayAhead(1), eron = '113'): Promise<VivifSlot[]> {
  const res = await w.app.inject({
    method: 'GET',
    url: `/api/v1/visits/vivif/establishments/${eron}/slots?date=${date}`,
    headers: bearer(['visits_officer'], [eron]),
  });
  expect(res.statusCode).toBe(200);
  return res.json().slots;
}

const book = (w: VisitsWorld, body: { slotId: string; nui: string; familyName?: string }) =>
  w.app.inject({
    method: 'POST',
    url: '/api/v1/visits/vivif/establishments/113/bookings',
    headers: { ...officer, ...idem() },
    payload: { familyName: 'Marta Gómez', ...body },
  });

/** The legal office blocks a slot for a hearing or a control body's proceeding (VIS-16). */
const blockSlot = (w: VisitsWorld, id: string, payload: { purpose: 'court_hearing' | 'control_body'; reference: string }) =>
  w.app.inject({
    method: 'POST',
    url: `/api/v1/visits/vivif/establishments/113/slots/${id}/block`,
    headers: bearer(['legal'], ['113']),
    payload,
  });

const report = (w: VisitsWorld, body: object, key = VIDEO) => {
  const raw = JSON.stringify(body);
  const url = '/api/v1/visits/vivif/sessions/events';
  return w.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...signedHeaders(key, { method: 'POST', path: url, body: raw }) },
    payload: raw,
  });
};

describe('VIVIF virtual family visits (Jitsi)', () => {
  let w: VisitsWorld;
  beforeAll(async () => {
    w = await startVisits({ config: { ...JITSI, VIVIF_PROVIDER: 'jitsi', HMAC_KEYS } });
  });
  afterAll(() => w.close());

  it('VIS-16 VIS-17 VIS-18 when a family books a slot, joins by its Jitsi link and the provider reports the session then statistics count it', async () => {
    const [deviceId] = await equip(w);
    const { nui } = await w.admitAndPlace();
    const slot = (await slotsOf(w)).find((s) => s.deviceId === deviceId && s.free)!;
    expect(slot.startsAt).toBe(new Date(`${dayAhead(1)}T08:00:00-05:00`).toISOString());

    const res = await book(w, { slotId: slot.id, nui });
    expect(res.statusCode).toBe(201);
    const booking = res.json<VivifBooking>();
    expect(booking).toMatchObject({ status: 'booked', provider: 'jitsi', room: `vivif-${booking.id}`, nui, deviceId });

    // A token a real Jitsi (prosody token auth, HS256 with the app secret) accepts: its claims checked.
    const family = new URL(booking.links.find((l) => l.participant === 'family')!.url);
    expect(`${family.origin}${family.pathname}`).toBe(`${JITSI.VIVIF_JITSI_URL}/vivif-${booking.id}`);
    const verify = createVerifier({
      key: JITSI.VIVIF_JITSI_SECRET,
      algorithms: ['HS256'],
      allowedAud: 'jitsi',
      allowedIss: JITSI.VIVIF_JITSI_APP_ID,
      clockTimestamp: Date.parse(slot.startsAt),
    });
    const claims = verify(family.searchParams.get('jwt')!);
    expect(claims).toMatchObject({
      aud: 'jitsi',
      iss: JITSI.VIVIF_JITSI_APP_ID,
      sub: '*',
      room: `vivif-${booking.id}`,
      context: { user: { name: 'Marta Gómez', moderator: false } },
    });
    expect(claims.exp).toBe(Date.parse(slot.endsAt) / 1000 + 15 * 60);
    expect(claims.nbf).toBe(Date.parse(slot.startsAt) / 1000 - 15 * 60);
    const eronLink = new URL(booking.links.find((l) => l.participant === 'establishment')!.url);
    expect(verify(eronLink.searchParams.get('jwt')!)).toMatchObject({
      room: `vivif-${booking.id}`,
      context: { user: { moderator: true } },
    });
    // The room holds no personal data.
    expect(booking.room).not.toContain(nui);

    // A forged report is 401 and changes nothing.
    const forged = await report(w, { bookingId: booking.id, event: 'started', at: slot.startsAt }, { ...VIDEO, secret: 'forged' });
    expect(forged.statusCode).toBe(401);
    expect((await w.db.selectFrom('vivif_bookings').select('status').where('id', '=', booking.id).executeTakeFirstOrThrow()).status).toBe(
      'booked',
    );
    // Another machine client, correctly signed, is not the video provider.
    expect((await report(w, { bookingId: booking.id, event: 'started', at: slot.startsAt }, BANK)).statusCode).toBe(403);

    const started = await report(w, { bookingId: booking.id, event: 'started', at: slot.startsAt });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ status: 'started', startedAt: slot.startsAt });
    const ended = await report(w, { bookingId: booking.id, event: 'ended', at: slot.endsAt, durationSeconds: 1_620 });
    expect(ended.json()).toMatchObject({ status: 'completed', endedAt: slot.endsAt, durationSeconds: 1_620 });

    const year = Number(dayAhead(1).slice(0, 4));
    const stats = await w.app.inject({ method: 'GET', url: `/api/v1/visits/vivif/statistics?year=${year}&eron=113`, headers: director });
    expect(stats.statusCode).toBe(200);
    expect(stats.json().establishments).toEqual([{ eron: '113', devices: 2, booked: 1, completed: 1, noShow: 0, failed: 0, minutes: 27 }]);
    expect(stats.json().national.completed).toBe(1);
  });

  it('VIS-16 when a device is registered under a name the establishment already uses, then 409 naming the rule and no second device', async () => {
    const url = '/api/v1/visits/vivif/establishments/116/devices';
    const headers = bearer(['director'], ['116']);
    const first = await w.app.inject({ method: 'POST', url, headers, payload: { name: 'Sala VIVIF 1' } });
    expect(first.statusCode).toBe(201);
    const again = await w.app.inject({ method: 'POST', url, headers, payload: { name: 'Sala VIVIF 1' } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: 'https://eron.inpec.gov.co/problems/vivif-device-exists', rule: 'VIS-16' });
    const list = await w.app.inject({ method: 'GET', url, headers: bearer(['visits_officer'], ['116']) });
    expect(list.json().devices).toEqual([first.json()]);
  });

  it('VIS-16 when slots are generated again, over days that have them and with other hours, then only the times no slot of the device overlaps are added', async () => {
    await equip(w, '114', 3);
    const headers = bearer(['director'], ['114']);
    const generate = async (from: string, to: string) =>
      (
        await w.app.inject({
          method: 'POST',
          url: '/api/v1/visits/vivif/establishments/114/slots/generate',
          headers,
          payload: { from, to },
        })
      ).json();
    expect(await generate(dayAhead(1), dayAhead(3))).toEqual({ created: 0 });
    // Hour-long slots 08:00–11:00: 08:00 and 09:00 overlap the half-hour slots of days 1–3, 10:00 does not; day 4 has none yet.
    const hours = { weekdays: [0, 1, 2, 3, 4, 5, 6], opens: '08:00', closes: '11:00', slotMinutes: 60 };
    expect(
      (await w.app.inject({ method: 'PUT', url: '/api/v1/visits/vivif/establishments/114/hours', headers, payload: hours })).statusCode,
    ).toBe(200);
    expect(await generate(dayAhead(1), dayAhead(4))).toEqual({ created: (3 * 1 + 3) * 3 });
    const day1 = await slotsOf(w, dayAhead(1), '114');
    expect(day1).toHaveLength((4 + 1) * 3);
    const day4 = await slotsOf(w, dayAhead(4), '114');
    expect(
      day4.map((s) => new Date(s.startsAt).getTime() - new Date(`${dayAhead(4)}T08:00:00-05:00`).getTime()).sort((a, b) => a - b),
    ).toEqual([0, 0, 0, 3_600_000, 3_600_000, 3_600_000, 7_200_000, 7_200_000, 7_200_000]);
  });

  it('VIS-16 when one slot, one device or one PPL is booked twice, even concurrently, then Postgres refuses it with 409', async () => {
    const { nui } = await w.admitAndPlace();
    const { nui: other } = await w.admitAndPlace();
    const slots = (await slotsOf(w, dayAhead(2))).filter((s) => s.free);
    const [a, b] = [slots[0]!, slots.find((s) => s.startsAt === slots[0]!.startsAt && s.deviceId !== slots[0]!.deviceId)!];
    // Ten families at once for one slot: exactly one booked.
    const all = await Promise.all(Array.from({ length: 10 }, () => w.nextNui()).map(() => book(w, { slotId: a.id, nui })));
    expect(all.map((r) => r.statusCode).sort()).toEqual([201, ...Array(9).fill(409)]);
    const again = await book(w, { slotId: a.id, nui: other });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ rule: 'VIS-16' });
    // The same PPL on another device at the same time.
    const twice = await book(w, { slotId: b.id, nui });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toMatch(/PPL/);
    const rows = await w.db.selectFrom('vivif_bookings').select('id').where('slot_id', 'in', [a.id, b.id]).execute();
    expect(rows).toHaveLength(1);
  });

  it('VIS-16 when a slot is blocked for a court hearing then it cannot be booked, and a booked slot cannot be blocked', async () => {
    const { nui } = await w.admitAndPlace();
    const [s1, s2] = (await slotsOf(w, dayAhead(3))).filter((s) => s.free);
    const block = (id: string) => blockSlot(w, id, { purpose: 'court_hearing', reference: 'Audiencia 11001-60-00-000-2026-00001' });
    expect((await block(s1!.id)).json()).toMatchObject({ blockedFor: 'court_hearing', free: false });
    const refused = await book(w, { slotId: s1!.id, nui });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ rule: 'VIS-16' });
    expect((await book(w, { slotId: s2!.id, nui })).statusCode).toBe(201);
    expect((await block(s2!.id)).statusCode).toBe(409);
  });

  it('VIS-16 when a slot is booked and blocked at the same moment, then one of them wins: never a slot both booked and blocked', async () => {
    const slots = (await slotsOf(w, dayAhead(1))).filter((s) => s.free);
    const block = (id: string) => blockSlot(w, id, { purpose: 'control_body', reference: 'Procuraduría 2026-0042' });
    const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
    // The block follows the booking by a few milliseconds, so that it waits on the slot's lock.
    const pairs = await Promise.all(
      slots.map(async (slot, k) => {
        const { nui } = await w.admitAndPlace();
        return Promise.all([book(w, { slotId: slot.id, nui }), pause(k % 4).then(() => block(slot.id))]);
      }),
    );
    for (const [booked, blocked] of pairs) {
      expect([booked.statusCode, blocked.statusCode].sort()).toEqual(booked.statusCode === 201 ? [201, 409] : [200, 422]);
    }
    const both = await w.db
      .selectFrom('vivif_slots as s')
      .innerJoin('vivif_bookings as b', 'b.slot_id', 's.id')
      .select('s.id')
      .where(
        's.id',
        'in',
        slots.map((s) => s.id),
      )
      .where('s.blocked_for', 'is not', null)
      .where('b.status', '<>', 'cancelled')
      .execute();
    expect(both).toEqual([]);
  });

  it('VIS-16 when the PPL is not held at the establishment then the booking is refused naming the rule', async () => {
    const { nui } = await w.admitAndPlace({ eron: '114' });
    const slot = (await slotsOf(w, dayAhead(3))).find((s) => s.free)!;
    const res = await book(w, { slotId: slot.id, nui });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'VIS-08' });
  });

  it('VIS-17 when a session is a no-show or fails technically then it is recorded, and the failed one is rebooked first', async () => {
    const { nui } = await w.admitAndPlace();
    const { nui: absent } = await w.admitAndPlace();
    const free = (await slotsOf(w, dayAhead(2))).filter((s) => s.free);
    const failed = (await book(w, { slotId: free.at(-1)!.id, nui })).json<VivifBooking>();
    const noShow = (await book(w, { slotId: free.at(-2)!.id, nui: absent })).json<VivifBooking>();
    expect((await report(w, { bookingId: noShow.id, event: 'no_show', at: noShow.endsAt })).json()).toMatchObject({ status: 'no_show' });
    // Not failed: no priority rebooking.
    const notFailed = await w.app.inject({
      method: 'POST',
      url: `/api/v1/visits/vivif/establishments/113/bookings/${noShow.id}/rebook`,
      headers: { ...officer, ...idem() },
      payload: {},
    });
    expect(notFailed.statusCode).toBe(422);
    expect(notFailed.json()).toMatchObject({ rule: 'VIS-17' });

    await report(w, { bookingId: failed.id, event: 'started', at: failed.startsAt });
    const f = await report(w, { bookingId: failed.id, event: 'failed', at: failed.startsAt, reason: 'Sin conexión en el establecimiento' });
    expect(f.json()).toMatchObject({ status: 'failed', failureReason: 'Sin conexión en el establecimiento' });
    // An ended report for a failed session is a conflict, not a silent overwrite.
    expect((await report(w, { bookingId: failed.id, event: 'ended', at: failed.endsAt })).statusCode).toBe(409);

    const rebook = () =>
      w.app.inject({
        method: 'POST',
        url: `/api/v1/visits/vivif/establishments/113/bookings/${failed.id}/rebook`,
        headers: { ...officer, ...idem() },
        payload: {},
      });
    const res = await rebook();
    expect(res.statusCode).toBe(201);
    const earliest = (await slotsOf(w, dayAhead(1))).concat(await slotsOf(w, dayAhead(2))).filter((s) => s.free)[0];
    const again = res.json<VivifBooking>();
    expect(again).toMatchObject({ nui, rebookOf: failed.id, status: 'booked' });
    // First: the earliest slot free at that moment (now taken by the rebooking).
    expect(Date.parse(again.startsAt)).toBeLessThanOrEqual(Date.parse(earliest?.startsAt ?? again.startsAt));
    expect((await rebook()).statusCode).toBe(422);
  });

  it('VIS-18 when staff want to monitor a session then only an authorisation of information systems in force lets them', async () => {
    const { nui } = await w.admitAndPlace();
    const slot = (await slotsOf(w, dayAhead(3))).find((s) => s.free)!;
    const booking = (await book(w, { slotId: slot.id, nui })).json<VivifBooking>();
    const commander = bearer(['guard_commander'], ['113']);
    const monitor = () =>
      w.app.inject({ method: 'POST', url: `/api/v1/visits/vivif/establishments/113/bookings/${booking.id}/monitor`, headers: commander });
    const refused = await monitor();
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ rule: 'VIS-18' });
    // Only information systems authorises.
    const payload = {
      monitor: 'test-user',
      validUntil: new Date(Date.now() + 86_400_000).toISOString(),
      reason: 'Supervisión VIVIF (Art. 60)',
    };
    const url = '/api/v1/visits/vivif/establishments/113/monitoring';
    expect((await w.app.inject({ method: 'POST', url, headers: director, payload })).statusCode).toBe(403);
    const sub = JSON.parse(Buffer.from(commander.authorization.split('.')[1]!, 'base64url').toString()).sub as string;
    const granted = await w.app.inject({ method: 'POST', url, headers: infoSystems, payload: { ...payload, monitor: sub } });
    expect(granted.statusCode).toBe(201);
    const ok = await monitor();
    expect(ok.statusCode).toBe(200);
    const jwt = new URL(ok.json().url).searchParams.get('jwt')!;
    const claims = createVerifier({ key: JITSI.VIVIF_JITSI_SECRET, clockTimestamp: Date.parse(slot.startsAt) })(jwt);
    expect(claims).toMatchObject({ room: booking.room, context: { user: { hidden: true, moderator: false } } });
    const audit = await w.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', booking.id)
      .where('action', '=', 'vivif-monitor')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('VIS-18 when statistics are asked for the historical years then the national figures loaded as data come back', async () => {
    const get = (year: number) =>
      w.app.inject({ method: 'GET', url: `/api/v1/visits/vivif/statistics?year=${year}`, headers: bearer(['dg']) });
    expect((await get(2019)).json().national).toMatchObject({ historicalSessions: 3_017 });
    expect((await get(2020)).json().national).toMatchObject({ historicalSessions: 80_019 });
    expect((await get(2021)).json().national).toMatchObject({ historicalSessions: 102_564 });
    expect((await get(2022)).json().national).toMatchObject({ historicalDevices: 498 });
    const other = await w.app.inject({
      method: 'GET',
      url: '/api/v1/visits/vivif/statistics?year=2026&eron=113',
      headers: bearer(['director'], ['114']),
    });
    expect(other.statusCode).toBe(403);
  });
});

describe('VIVIF through a generic HTTP video provider', () => {
  const provider = new FakeVideoProvider();
  let w: VisitsWorld;
  beforeAll(async () => {
    const url = await provider.start();
    w = await startVisits({
      config: {
        VIVIF_PROVIDER: 'http',
        VIVIF_HTTP_URL: url,
        VIVIF_HTTP_KEY_ID: provider.key.keyId,
        VIVIF_HTTP_SECRET: provider.key.secret,
        HMAC_KEYS,
      },
    });
  });
  afterAll(async () => {
    await w.close();
    await provider.stop();
  });

  it('VIS-17 when a slot is booked then the provider creates the session by a signed call, and when it is down nothing is booked', async () => {
    await equip(w, '113', 1);
    const { nui } = await w.admitAndPlace();
    const [s1, s2] = (await slotsOf(w)).filter((s) => s.free);
    const res = await book(w, { slotId: s1!.id, nui });
    expect(res.statusCode).toBe(201);
    const b = res.json<VivifBooking>();
    expect(b).toMatchObject({ provider: 'http', room: `room-${b.id}` });
    expect(b.links.map((l) => l.participant)).toEqual(['family', 'establishment']);
    expect(provider.sessions.get(b.id)?.body).toMatchObject({ reference: b.id, startsAt: s1!.startsAt, endsAt: s1!.endsAt });
    expect(provider.badSignatures).toBe(0);

    provider.failing = true;
    const down = await book(w, { slotId: s2!.id, nui });
    provider.failing = false;
    expect(down.statusCode).toBe(502);
    expect(down.json()).toMatchObject({ rule: 'VIS-17' });
    expect(await w.db.selectFrom('vivif_bookings').select('id').where('slot_id', '=', s2!.id).execute()).toEqual([]);
  });
});
