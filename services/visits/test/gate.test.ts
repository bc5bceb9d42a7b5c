import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { addDays, bogotaToday, smldv, type GateEntry, type InsideNow, type Suspension } from '@eron/shared';
import { bearer, eventually, nextSaturday, pdfText } from '@eron/shared/testing';
import { runtime } from '../src/runtime';
import { startVisits, type VisitsWorld } from './support/visits.world';

const gate = bearer(['gate_officer'], ['113']);
const commander = bearer(['guard_commander'], ['113']);
const base = '/api/v1/visits/gate/establishments/113';

/** The next Saturday after tomorrow: a men's visit day under the default regime. */
describe('the gate', () => {
  let w: VisitsWorld;
  let hall: string;
  let playroom: string;
  let seq = 70_000_000 + Math.floor(Math.random() * 9_000_000);
  beforeAll(async () => {
    w = await startVisits();
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/v1/visits/establishments/113/areas',
      headers: bearer(['director'], ['113']),
      payload: { name: `Área ${randomUUID().slice(0, 6)}`, capacity: 200, forChildren: false },
    });
    hall = res.json<{ id: string }>().id;
    const kids = await w.app.inject({
      method: 'POST',
      url: '/api/v1/visits/establishments/113/areas',
      headers: bearer(['director'], ['113']),
      payload: { name: `Ludoteca ${randomUUID().slice(0, 6)}`, capacity: 50, forChildren: true },
    });
    playroom = kids.json<{ id: string }>().id;
  });
  afterAll(async () => w.close());

  /**
   * A booking made through the API for the coming Saturday, then moved to today in the database:
   * the regime only books future days, and the gate works on the day of the visit.
   */
  async function todaysVisit(o: { visitors?: number; birthDates?: string[]; areaId?: string } = {}) {
    const { nui } = await w.admitAndPlace();
    const visitors: { id: string; document: { type: 'CC'; number: string } }[] = [];
    for (let n = 0; n < (o.visitors ?? 1); n++) {
      const document = { type: 'CC' as const, number: String((seq += 1)) };
      visitors.push({ id: await w.visitor({ gender: 'M', document, birthDate: o.birthDates?.[n] }), document });
    }
    await w.authorise(
      nui,
      visitors.map((v) => v.id),
    );
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/v1/visits/bookings',
      headers: bearer(['visits_officer'], ['113']),
      payload: { nui, date: nextSaturday(), areaId: o.areaId ?? hall, visitorIds: visitors.map((v) => v.id) },
    });
    expect([res.statusCode, res.body]).toEqual([201, expect.any(String)]);
    const bookingId = res.json<{ id: string }>().id;
    await w.db.updateTable('bookings').set({ date: bogotaToday() }).where('id', '=', bookingId).execute();
    return { nui, bookingId, visitors };
  }

  const post = (url: string, payload: object, headers = gate) => w.app.inject({ method: 'POST', url: `${base}${url}`, headers, payload });

  it('VIS-19 when the ID shown is the visitor’s on today’s booking, then sealed and given the next token of the day', async () => {
    const { bookingId, visitors, nui } = await todaysVisit({ visitors: 2 });
    const first = await post('/check-ins', { bookingId, visitorId: visitors[0]!.id, documentShown: visitors[0]!.document });
    expect(first.statusCode).toBe(201);
    const a = first.json<GateEntry>();
    expect(a).toMatchObject({ status: 'inside', seal: 'applied', exemption: null, nui, documentReturned: false });
    const second = await post('/check-ins', { bookingId, visitorId: visitors[1]!.id, documentShown: visitors[1]!.document });
    expect(second.json<GateEntry>().token).toBe(a.token! + 1);
    const again = await post('/check-ins', { bookingId, visitorId: visitors[0]!.id, documentShown: visitors[0]!.document });
    expect(again.statusCode).toBe(409);
    const inside = await w.app.inject({ method: 'GET', url: `${base}/inside`, headers: gate });
    expect(inside.statusCode).toBe(200);
    const body = inside.json<InsideNow>();
    expect(body.inside.map((e) => e.token)).toEqual(expect.arrayContaining([a.token, a.token! + 1]));
    expect(inside.body).not.toContain(visitors[0]!.document.number);
  });

  it('VIS-19 when visitors are checked in at the same moment, then every one gets a distinct token of the day', async () => {
    const { bookingId, visitors } = await todaysVisit({ visitors: 3 });
    const res = await Promise.all(visitors.map((v) => post('/check-ins', { bookingId, visitorId: v.id, documentShown: v.document })));
    expect(res.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const tokens = res.map((r) => r.json<GateEntry>().token);
    expect(new Set(tokens).size).toBe(3);
  });

  it('VIS-19 when two entries claim the same token of the day, then the database refuses the second', async () => {
    const { bookingId, visitors, nui } = await todaysVisit();
    const res = await post('/check-ins', { bookingId, visitorId: visitors[0]!.id, documentShown: visitors[0]!.document });
    const e = res.json<GateEntry>();
    await expect(
      w.db
        .insertInto('gate_entries')
        .values({
          ...{ id: randomUUID(), booking_id: bookingId, visitor_id: visitors[0]!.id, nui, eron: '113', date: e.date },
          status: 'out',
          token: e.token,
          seal: 'applied',
          exemption: null,
          credential: null,
          refusal_reason: null,
          checked_in_at: new Date(),
          checked_out_at: null,
          token_state: null,
          by: 'test',
        })
        .execute(),
    ).rejects.toThrow(/gate_entries_token/);
  });

  it('VIS-19 when the ID shown is not the visitor’s or the visitor is not on the booking, then 422 naming the gap and no entry', async () => {
    const { bookingId, visitors } = await todaysVisit();
    const wrongDoc = await post('/check-ins', {
      bookingId,
      visitorId: visitors[0]!.id,
      documentShown: { type: 'CC', number: '1010101010' },
    });
    expect(wrongDoc.statusCode).toBe(422);
    expect(wrongDoc.json()).toMatchObject({ rule: 'VIS-19', errors: [expect.objectContaining({ field: '/documentShown' })] });
    const stranger = await todaysVisit();
    const notOnIt = await post('/check-ins', {
      bookingId,
      visitorId: stranger.visitors[0]!.id,
      documentShown: stranger.visitors[0]!.document,
    });
    expect(notOnIt.statusCode).toBe(422);
    expect(notOnIt.json()).toMatchObject({ rule: 'VIS-19', errors: [expect.objectContaining({ field: '/visitorId' })] });
    const rows = await w.db.selectFrom('gate_entries').select('id').where('booking_id', '=', bookingId).execute();
    expect(rows).toHaveLength(0);
  });

  it('VIS-19 when the booking is not for today, then 422 naming VIS-19', async () => {
    const { bookingId, visitors } = await todaysVisit();
    await w.db.updateTable('bookings').set({ date: nextSaturday() }).where('id', '=', bookingId).execute();
    const res = await post('/check-ins', { bookingId, visitorId: visitors[0]!.id, documentShown: visitors[0]!.document });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'VIS-19', errors: [expect.objectContaining({ field: '/bookingId' })] });
  });

  it('VIS-19 when the visitor is a judge with credential, then exempt from the seal; an exemption without credential or a false under-12 claim is 422', async () => {
    const judge = await todaysVisit();
    const j = await post('/check-ins', {
      bookingId: judge.bookingId,
      visitorId: judge.visitors[0]!.id,
      documentShown: judge.visitors[0]!.document,
      exemption: 'judge',
      credential: 'Carné Rama Judicial 4411',
    });
    expect(j.statusCode).toBe(201);
    expect(j.json<GateEntry>()).toMatchObject({ seal: 'exempt', exemption: 'judge' });
    const noCard = await todaysVisit();
    const n = await post('/check-ins', {
      bookingId: noCard.bookingId,
      visitorId: noCard.visitors[0]!.id,
      documentShown: noCard.visitors[0]!.document,
      exemption: 'prosecutor',
    });
    expect(n.statusCode).toBe(422);
    const adult = await post('/check-ins', {
      bookingId: noCard.bookingId,
      visitorId: noCard.visitors[0]!.id,
      documentShown: noCard.visitors[0]!.document,
      exemption: 'under_12',
    });
    expect(adult.statusCode).toBe(422);
    expect(adult.json()).toMatchObject({ rule: 'VIS-19', errors: [expect.objectContaining({ field: '/exemption' })] });
  });

  it('VIS-19 when a child under 12 comes with the adult who brings them, then the child is exempt from the seal', async () => {
    const child = addDays(bogotaToday(), -365 * 8);
    const { bookingId, visitors } = await todaysVisit({ visitors: 2, birthDates: ['1980-05-17', child], areaId: playroom });
    const res = await post('/check-ins', {
      bookingId,
      visitorId: visitors[1]!.id,
      documentShown: visitors[1]!.document,
      exemption: 'under_12',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<GateEntry>()).toMatchObject({ status: 'inside', seal: 'exempt', exemption: 'under_12' });
  });

  it('VIS-19 when the visitor is under the influence, then refused with the reason: no entry, no token', async () => {
    const { bookingId, visitors } = await todaysVisit();
    const res = await post('/check-ins', {
      bookingId,
      visitorId: visitors[0]!.id,
      documentShown: visitors[0]!.document,
      underInfluence: { reason: 'Aliento alcohólico y conducta alterada' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<GateEntry>()).toMatchObject({
      status: 'refused',
      token: null,
      refusalReason: 'Aliento alcohólico y conducta alterada',
    });
    const inside = (await w.app.inject({ method: 'GET', url: `${base}/inside`, headers: gate })).json<InsideNow>();
    expect(inside.inside.map((e) => e.bookingId)).not.toContain(bookingId);
  });

  it('VIS-19 when the token comes back, then the document is returned; a lost token costs the visitor 3 SMLDV', async () => {
    const { bookingId, visitors } = await todaysVisit({ visitors: 2 });
    const a = (await post('/check-ins', { bookingId, visitorId: visitors[0]!.id, documentShown: visitors[0]!.document })).json<GateEntry>();
    await post('/check-ins', { bookingId, visitorId: visitors[1]!.id, documentShown: visitors[1]!.document });
    const out = await post('/check-outs', { token: a.token });
    expect(out.statusCode).toBe(200);
    expect(out.json<GateEntry>()).toMatchObject({ status: 'out', tokenState: 'returned', documentReturned: true, debt: null });
    expect((await post('/check-outs', { token: a.token })).statusCode).toBe(404);
    expect((await post('/check-outs', { tokenState: 'lost' })).statusCode).toBe(422);
    const lost = await post('/check-outs', { visitorId: visitors[1]!.id, tokenState: 'lost' });
    expect(lost.statusCode).toBe(200);
    const fee = 3 * smldv(Number(bogotaToday().slice(0, 4)));
    expect(lost.json<GateEntry>()).toMatchObject({ status: 'out', tokenState: 'lost', debt: fee });
    const debt = await w.db.selectFrom('visitor_debts').selectAll().where('visitor_id', '=', visitors[1]!.id).executeTakeFirstOrThrow();
    expect(Number(debt.amount)).toBe(fee);
  });

  it('VIS-20 when a visit is suspended, then at once with the reason, its visitors checked out and no one else let in', async () => {
    const { bookingId, visitors } = await todaysVisit({ visitors: 2 });
    await post('/check-ins', { bookingId, visitorId: visitors[0]!.id, documentShown: visitors[0]!.document });
    expect((await post(`/bookings/${bookingId}/suspension`, { reason: 'Riña en el patio' })).statusCode).toBe(403);
    const res = await post(`/bookings/${bookingId}/suspension`, { reason: 'Riña en el patio' }, commander);
    expect(res.statusCode).toBe(200);
    expect(res.json<Suspension>()).toMatchObject({ bookingId, reason: 'Riña en el patio', checkedOut: [visitors[0]!.id] });
    const inside = (await w.app.inject({ method: 'GET', url: `${base}/inside`, headers: gate })).json<InsideNow>();
    expect(inside.inside.map((e) => e.bookingId)).not.toContain(bookingId);
    const late = await post('/check-ins', { bookingId, visitorId: visitors[1]!.id, documentShown: visitors[1]!.document });
    expect(late.statusCode).toBe(422);
    expect((await post(`/bookings/${bookingId}/suspension`, { reason: 'otra vez' }, commander)).statusCode).toBe(409);
  });

  it('VIS-20 when the visit day ends, then its incident report (PDF) goes to the regional director through the notifier', async () => {
    const { bookingId, nui } = await todaysVisit();
    await post(`/bookings/${bookingId}/suspension`, { reason: 'Hallazgo de celular en requisa' }, commander);
    const date = bogotaToday();
    const pdf = await w.app.inject({
      method: 'GET',
      url: `${base}/incident-report?date=${date}`,
      headers: bearer(['regional_director'], ['113']),
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toMatch(/application\/pdf/);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Hallazgo de celular en requisa');
    expect(text).toContain(nui);
    const sent = await post('/incident-reports', { date }, bearer(['director'], ['113']));
    expect(sent.statusCode).toBe(202);
    const { notificationId } = sent.json<{ notificationId: string }>();
    const outbox = await w.db.selectFrom('outbox').select('envelope').where('type', '=', 'notification.requested').execute();
    const payload = outbox
      .map((r) => r.envelope.payload as { notificationId: string; recipient: string; eron: string })
      .find((p) => p.notificationId === notificationId);
    expect(payload).toMatchObject({ recipient: 'regional_director', eron: '113' });
    if (process.env.GATE_PDF_OUT) writeFileSync(process.env.GATE_PDF_OUT, pdf.rawPayload);
  });

  it('VIS-20 when a visit day is over, then the scheduled job sends its incident report to the regional director', async () => {
    const { bookingId } = await todaysVisit();
    const yesterday = addDays(bogotaToday(), -1);
    await w.db.updateTable('bookings').set({ date: yesterday }).where('id', '=', bookingId).execute();
    const sent = () =>
      w.db.selectFrom('incident_reports_sent').selectAll().where('eron', '=', '113').where('date', '=', yesterday).executeTakeFirst();
    await runtime(w.app).jobs.trigger('send-visit-day-incident-reports');
    const row = await eventually(sent, 15_000, 'the day’s report sent');
    const outbox = await w.db.selectFrom('outbox').select('envelope').where('type', '=', 'notification.requested').execute();
    const payloads = outbox.map((r) => r.envelope.payload as { notificationId: string; recipient: string; subject: string; eron: string });
    expect(payloads.find((p) => p.notificationId === row.notification_id)).toMatchObject({
      recipient: 'regional_director',
      eron: '113',
      subject: `visit-day-incidents ${yesterday}`,
    });
  });
});
