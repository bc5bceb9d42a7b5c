import { bogotaMonth, bogotaToday, type IdentityDocument } from '@eron/shared';
import { bearer, nextSaturday, type RouteCall } from '@eron/shared/testing';
import { seedSpecial, specialCalls, type SpecialFixtures } from './special.routes';
import { startVisits, type VisitsWorld } from './visits.world';

/** VIVIF's machine clients (VIS-17): the video provider, and another client that signs correctly but is not it. */
export const VIDEO = { keyId: 'sweep-video', secret: 'sweep-video-secret' };
export const BANK = { keyId: 'sweep-bank', secret: 'sweep-bank-secret' };
/** The notifier asking for a visitor's contact (VIS-10, PLT-06). */
export const NOTIFIER = { keyId: 'sweep-notifier', secret: 'sweep-notifier-secret' };

export interface Fixtures extends SpecialFixtures {
  nui: string;
  unitId: string;
  proposalId: string;
  visitorId: string;
  vivifSlotId?: string;
  vivifBookingId?: string;
  areaId: string;
  bookingId: string;
  date: string;
  /** The gate (VIS-19, VIS-20): today's booking, a visitor inside with a token and one still outside. */
  gate?: { bookingId: string; visitorId: string; document: IdentityDocument; token: number };
}

/** The next Saturday after tomorrow: a men's visit day under Art. 68.1's default regime. */
export const REGIME = {
  days: [
    { weekday: 6, visitors: 'M', morning: { from: '08:00', to: '12:00' }, afternoon: { from: '13:00', to: '16:00' } },
    { weekday: 0, visitors: 'F', morning: { from: '08:00', to: '12:00' }, afternoon: { from: '13:00', to: '16:00' } },
  ],
  visitsPerWeek: 2,
  personsPerVisit: 3,
  reason: 'Régimen de prueba',
};

/** The visits service with the data every swept call refers to, at ERON 113 (and 114 for "another establishment"). */
export async function startSweepWorld() {
  const w = await startVisits({
    config: {
      HMAC_KEYS: `${VIDEO.keyId}:video_provider:${VIDEO.secret},${BANK.keyId}:bank:${BANK.secret},${NOTIFIER.keyId}:notifier:${NOTIFIER.secret}`,
      VIVIF_JITSI_SECRET: 'sweep-jitsi-secret',
    },
  });
  const fixtures = await seed(w);
  return { app: w.app, fixtures, stop: () => w.close() };
}

async function seed(w: VisitsWorld): Promise<Fixtures> {
  const { nui, unitId } = await w.admitAndPlace({ eron: '113' });
  const url = '/api/v1/visits/establishments/113/regime/proposals';
  const proposal = await w.app.inject({ method: 'POST', url, headers: bearer(['director'], ['113']), payload: REGIME });
  const visitorId = await w.visitor({ gender: 'M' });
  await w.authorise(nui, [visitorId]);
  const director = bearer(['director'], ['113']);
  const areaPayload = { name: 'Patio de visitas', capacity: 100, forChildren: false };
  const areaId = (
    await w.app.inject({ method: 'POST', url: '/api/v1/visits/establishments/113/areas', headers: director, payload: areaPayload })
  ).json<{ id: string }>().id;
  const date = nextSaturday();
  // A booking to cancel, for another PPL (the sweep's own booking call must stay valid for `nui`).
  const other = await w.admitAndPlace({ eron: '113' });
  const otherVisitor = await w.visitor({ gender: 'M' });
  await w.authorise(other.nui, [otherVisitor]);
  const booking = await w.app.inject({
    method: 'POST',
    url: '/api/v1/visits/bookings',
    headers: bearer(['visits_officer'], ['113']),
    payload: { nui: other.nui, date, areaId, visitorIds: [otherVisitor] },
  });
  const bookingId = booking.json<{ id: string }>().id;
  if (!bookingId) throw new Error(`sweep booking not made: ${booking.body}`);
  return {
    nui,
    unitId,
    proposalId: proposal.json<{ id: string }>().id,
    visitorId,
    areaId,
    bookingId,
    date,
    ...(await seedSpecial(w)),
    ...(await vivif(w, nui)),
    gate: await gate(w, areaId, date),
  };
}

/** The gate at 113 (VIS-19): a booking moved to today, one visitor checked in (a token to return), one still outside. */
async function gate(w: VisitsWorld, areaId: string, date: string): Promise<NonNullable<Fixtures['gate']>> {
  const { nui } = await w.admitAndPlace({ eron: '113' });
  const inside = { type: 'CC' as const, number: String(60_000_000 + Math.floor(Math.random() * 9_000_000)) };
  const outside = { type: 'CC' as const, number: String(Number(inside.number) + 1) };
  const [a, b] = [await w.visitor({ gender: 'M', document: inside }), await w.visitor({ gender: 'M', document: outside })];
  await w.authorise(nui, [a, b]);
  const officer = bearer(['visits_officer'], ['113']);
  const res = await w.app.inject({
    method: 'POST',
    url: '/api/v1/visits/bookings',
    headers: officer,
    payload: { nui, date, areaId, visitorIds: [a, b] },
  });
  const bookingId = res.json<{ id: string }>().id;
  if (!bookingId) throw new Error(`gate booking not made: ${res.body}`);
  // The regime books only days to come; the gate works on the day of the visit.
  await w.db.updateTable('bookings').set({ date: bogotaToday() }).where('id', '=', bookingId).execute();
  const checkIn = await w.app.inject({
    method: 'POST',
    url: '/api/v1/visits/gate/establishments/113/check-ins',
    headers: bearer(['gate_officer'], ['113']),
    payload: { bookingId, visitorId: a, documentShown: inside },
  });
  if (checkIn.statusCode !== 201) throw new Error(`gate check-in not made: ${checkIn.body}`);
  return { bookingId, visitorId: b, document: outside, token: checkIn.json<{ token: number }>().token };
}

/** VIVIF at 113 (VIS-16): one device, hours, tomorrow's slots, one booked. */
async function vivif(w: VisitsWorld, nui: string): Promise<Pick<Fixtures, 'vivifSlotId' | 'vivifBookingId'>> {
  const base = '/api/v1/visits/vivif/establishments/113';
  const director = bearer(['director'], ['113']);
  const officer = bearer(['visits_officer'], ['113']);
  const inject = async (method: 'POST' | 'PUT' | 'GET', url: string, headers: Record<string, string>, payload?: object) => {
    const res = await w.app.inject({ method, url: `${base}${url}`, headers, payload });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  await inject('POST', '/devices', director, { name: 'Equipo 1' });
  await inject('PUT', '/hours', director, { weekdays: [0, 1, 2, 3, 4, 5, 6], opens: '08:00', closes: '09:00', slotMinutes: 30 });
  const tomorrow = new Date(Date.now() + 19 * 3_600_000).toISOString().slice(0, 10);
  await inject('POST', '/slots/generate', director, { from: tomorrow, to: tomorrow });
  const [booked, free] = (await inject('GET', `/slots?date=${tomorrow}`, officer)).slots as { id: string }[];
  const booking = await inject(
    'POST',
    '/bookings',
    { ...officer, 'idempotency-key': 'sweep-vivif-booking' },
    { slotId: booked!.id, nui, familyName: 'Ana Ruiz' },
  );
  return { vivifSlotId: free!.id, vivifBookingId: booking.id };
}

/** A valid call of every visits route (real data of ERON 113); the sweep checks that it covers every documented route. */
export function calls(f: Fixtures): Record<string, RouteCall> {
  const eron = { eron: '113' };
  const booking = { ...eron, id: f.vivifBookingId ?? '' };
  return {
    'GET /api/v1/visits/ppl/{nui}': { params: { nui: f.nui } },
    'PUT /api/v1/visits/ppl/{nui}/chosen-visit-day': { params: { nui: f.nui }, body: { weekday: 6, basis: 'intersex' } },
    'GET /api/v1/visits/ppl/{nui}/chosen-visit-day': { params: { nui: f.nui } },
    'DELETE /api/v1/visits/ppl/{nui}/chosen-visit-day': { params: { nui: f.nui } },
    'GET /api/v1/visits/establishments/{eron}/units': { params: eron },
    'PUT /api/v1/visits/establishments/{eron}/units/{unitId}/session': {
      params: { ...eron, unitId: f.unitId },
      body: { session: 'afternoon' },
    },
    'GET /api/v1/visits/establishments/{eron}/regime': { params: eron },
    'POST /api/v1/visits/establishments/{eron}/regime/proposals': { params: eron, body: REGIME },
    'POST /api/v1/visits/regimes/{id}/decision': {
      params: { id: f.proposalId },
      body: { decision: 'approve' },
      unscoped: 'the DG decides for every establishment (Art. 8)',
    },
    'GET /api/v1/visits/establishments/{eron}/areas': { params: eron },
    'POST /api/v1/visits/establishments/{eron}/areas': {
      params: eron,
      body: { name: 'Patio de visitas', capacity: 100, forChildren: false },
    },
    'GET /api/v1/visits/public/units/{unitId}/calendar': {
      params: { unitId: f.unitId },
      query: { month: bogotaMonth() },
      unscoped: 'public (Art. 68)',
    },
    'POST /api/v1/visits/visitors': {
      body: { document: { type: 'CC', number: '52123456' }, givenNames: 'Ana', surnames: 'Ruiz', gender: 'F', birthDate: '1990-01-01' },
      unscoped: 'a visitor is registered once for every establishment',
    },
    'GET /api/v1/visits/visitors/{id}/identity': {
      params: { id: f.visitorId },
      unscoped: 'a visitor is registered nationally; every read is audited',
    },
    'PUT /api/v1/visits/visitors/{id}/contact': {
      params: { id: f.visitorId },
      body: { email: 'familia@example.org', phone: '+573001234567' },
      unscoped: 'a visitor is registered nationally; the contact is theirs wherever they visit',
    },
    'POST /api/v1/visits/visitor-contacts/lookup': {
      body: { visitorId: f.visitorId, notificationId: '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b' },
      unscoped: 'the notifier is a national machine client (VIS-10)',
    },
    'GET /api/v1/visits/ppl/{nui}/visitors': { params: { nui: f.nui } },
    'PUT /api/v1/visits/ppl/{nui}/visitors/{visitorId}': {
      params: { nui: f.nui, visitorId: f.visitorId },
      body: { relationship: 'other' },
    },
    'POST /api/v1/visits/establishments/{eron}/visitors/{visitorId}/bans': {
      params: { ...eron, visitorId: f.visitorId },
      body: { reason: 'Ingreso de sustancias', until: '2030-01-01' },
    },
    'POST /api/v1/visits/bookings': { body: { nui: f.nui, date: f.date, areaId: f.areaId, visitorIds: [f.visitorId] } },
    'POST /api/v1/visits/bookings/{id}/cancellation': { params: { id: f.bookingId }, body: { reason: 'Solicitud de la familia' } },
    'GET /api/v1/visits/establishments/{eron}/roster': { params: eron, query: { date: f.date, session: 'morning' } },
    'PUT /api/v1/visits/ppl/{nui}/extradition-authorisation': {
      params: { nui: f.nui },
      body: { reference: 'OAI-123', validUntil: '2030-01-01' },
    },
    ...specialCalls(f),
    // VIVIF (VIS-16 … VIS-18)
    'POST /api/v1/visits/vivif/establishments/{eron}/devices': { params: eron, body: { name: 'Equipo sala 2' } },
    'GET /api/v1/visits/vivif/establishments/{eron}/devices': { params: eron },
    'PUT /api/v1/visits/vivif/establishments/{eron}/hours': {
      params: eron,
      body: { weekdays: [6], opens: '08:00', closes: '12:00', slotMinutes: 30 },
    },
    'POST /api/v1/visits/vivif/establishments/{eron}/slots/generate': { params: eron, body: { from: '2027-01-04', to: '2027-01-05' } },
    'GET /api/v1/visits/vivif/establishments/{eron}/slots': { params: eron, query: { date: '2027-01-04' } },
    'POST /api/v1/visits/vivif/establishments/{eron}/slots/{id}/block': {
      params: { ...eron, id: f.vivifSlotId ?? '' },
      body: { purpose: 'court_hearing', reference: 'Audiencia 2026-001' },
    },
    'POST /api/v1/visits/vivif/establishments/{eron}/bookings': {
      params: eron,
      body: { slotId: f.vivifSlotId ?? '', nui: f.nui, familyName: 'Ana Ruiz' },
    },
    'GET /api/v1/visits/vivif/establishments/{eron}/bookings/{id}': { params: booking },
    'POST /api/v1/visits/vivif/establishments/{eron}/bookings/{id}/rebook': { params: booking, body: {} },
    'POST /api/v1/visits/vivif/establishments/{eron}/bookings/{id}/monitor': { params: booking },
    'POST /api/v1/visits/vivif/establishments/{eron}/monitoring': {
      params: eron,
      body: { monitor: 'someone', validUntil: '2027-01-01T00:00:00Z', reason: 'Supervisión' },
    },
    'POST /api/v1/visits/vivif/sessions/events': {
      body: { bookingId: f.vivifBookingId ?? '', event: 'started', at: '2027-01-04T13:00:00Z' },
      unscoped: 'the video provider is a national machine client (VIS-17)',
    },
    'GET /api/v1/visits/vivif/statistics': { query: { year: '2026', eron: '113' } },
    // The gate (VIS-19, VIS-20)
    'POST /api/v1/visits/gate/establishments/{eron}/check-ins': {
      params: eron,
      body: {
        bookingId: f.gate?.bookingId ?? '',
        visitorId: f.gate?.visitorId ?? '',
        documentShown: f.gate?.document ?? { type: 'CC', number: '1' },
      },
    },
    'POST /api/v1/visits/gate/establishments/{eron}/check-outs': { params: eron, body: { token: f.gate?.token ?? 1 } },
    'GET /api/v1/visits/gate/establishments/{eron}/inside': { params: eron },
    'POST /api/v1/visits/gate/establishments/{eron}/bookings/{id}/suspension': {
      params: { ...eron, id: f.gate?.bookingId ?? '' },
      body: { reason: 'Riña en el patio' },
    },
    'GET /api/v1/visits/gate/establishments/{eron}/incident-report': { params: eron, query: { date: bogotaToday() } },
    'POST /api/v1/visits/gate/establishments/{eron}/incident-reports': { params: eron, body: { date: bogotaToday() } },
  };
}
