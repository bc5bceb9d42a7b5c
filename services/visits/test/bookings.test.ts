import { randomUUID } from 'node:crypto';
import { addDays, bogotaToday, type Booking, type Roster } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import { startVisits, type VisitsWorld } from './support/visits.world';

const officer = bearer(['visits_officer'], ['113']);

/** The first date after tomorrow that falls on the weekday (0 Sunday … 6 Saturday), `weeks` weeks later. */
function next(weekday: number, weeks = 0): string {
  let d = addDays(bogotaToday(), 1);
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== weekday) d = addDays(d, 1);
  return addDays(d, 7 * weeks);
}
const SATURDAY = 6;
const SUNDAY = 0;

interface Problem {
  rule: string;
  errors: { field: string; message: string }[];
}
/** The rule each listed failure names (its message starts with it). */
const rulesOf = (p: Problem) => p.errors.map((e) => e.message.split(':')[0]);

describe('bookings', () => {
  let w: VisitsWorld;
  let hall: string;
  let children: string;
  beforeAll(async () => {
    w = await startVisits();
    hall = await area(w, 200, false);
    children = await area(w, 50, true);
  });
  afterAll(async () => w.close());

  async function area(world: VisitsWorld, capacity: number, forChildren: boolean): Promise<string> {
    const res = await world.app.inject({
      method: 'POST',
      url: '/api/v1/visits/establishments/113/areas',
      headers: bearer(['director'], ['113']),
      payload: { name: `Área ${randomUUID().slice(0, 6)}`, capacity, forChildren },
    });
    return res.json<{ id: string }>().id;
  }

  /** A placed PPL with listed visitors: men by default (Saturday is their day under Art. 68.1). */
  async function family(o: { men?: number; women?: number; legalStatus?: 'extradicion' } = {}) {
    const { nui } = await w.admitAndPlace(o.legalStatus ? { legalStatus: o.legalStatus } : {});
    const men = await Promise.all(Array.from({ length: o.men ?? 1 }, () => w.visitor({ gender: 'M' })));
    const women = await Promise.all(Array.from({ length: o.women ?? 0 }, () => w.visitor({ gender: 'F' })));
    await w.authorise(nui, [...men, ...women]);
    return { nui, men, women };
  }

  const book = (payload: object, headers: Record<string, string> = officer) =>
    w.app.inject({ method: 'POST', url: '/api/v1/visits/bookings', headers, payload });

  const notifications = async (nui: string) =>
    (await w.db.selectFrom('outbox').select('envelope').where('type', '=', 'notification.requested').execute())
      .map((r) => r.envelope.payload as { recipient: string; nui?: string; subject: string })
      .filter((p) => p.nui === nui);

  it('VIS-08 when every check passes, then 201 and the booking is on the day’s roster for its session and unit', async () => {
    const { nui, men } = await family({ men: 2 });
    const date = next(SATURDAY);
    const res = await book({ nui, date, areaId: hall, visitorIds: men });
    expect(res.statusCode).toBe(201);
    const b = res.json<Booking>();
    expect(b).toMatchObject({ nui, date, session: 'morning', status: 'booked', kind: 'ordinary' });
    const r = await w.app.inject({
      method: 'GET',
      url: `/api/v1/visits/establishments/113/roster?date=${date}&session=morning`,
      headers: bearer(['gate_officer'], ['113']),
    });
    const roster = r.json<Roster>();
    expect(roster.units.flatMap((u) => u.bookings).map((x) => x.id)).toContain(b.id);
  });

  it('VIS-08 when several checks fail, then one 422 lists every failure with its rule (VIS-02, VIS-04, VIS-05, VIS-01)', async () => {
    const { nui, men, women } = await family({ men: 2, women: 1 });
    const stranger = await w.visitor({ gender: 'M' });
    const res = await book({ nui, date: next(SATURDAY), areaId: hall, visitorIds: [...men, ...women, stranger] });
    expect(res.statusCode).toBe(422);
    const p = res.json<Problem>();
    expect(p.rule).toBe('VIS-08');
    expect(rulesOf(p).sort()).toEqual(['VIS-02', 'VIS-04', 'VIS-05']);
    const wednesday = await book({ nui, date: next(3), areaId: randomUUID(), visitorIds: men });
    expect(rulesOf(wednesday.json<Problem>()).sort()).toEqual(['VIS-01', 'VIS-01']);
    expect(await w.db.selectFrom('bookings').select('id').where('nui', '=', nui).execute()).toHaveLength(0);
  });

  it('VIS-04 when a trans woman whose ID says male visits, then she comes on Sunday, the women’s day, by the gender she identifies with', async () => {
    const { nui } = await family({ men: 0 });
    const her = await w.visitor({ gender: 'F' });
    await w.authorise(nui, [her]);
    expect((await book({ nui, date: next(SATURDAY), areaId: hall, visitorIds: [her] })).statusCode).toBe(422);
    expect((await book({ nui, date: next(SUNDAY), areaId: hall, visitorIds: [her] })).statusCode).toBe(201);
  });

  it('VIS-04 PLT-06 when a trans PPL chose Saturday, then her women visitors are booked that day whatever its gender rule; the basis is read only audited, never listed', async () => {
    const { nui, women } = await family({ men: 0, women: 2 });
    const saturday = next(SATURDAY);
    const refused = await book({ nui, date: saturday, areaId: hall, visitorIds: [women[0]] });
    expect(rulesOf(refused.json<Problem>())).toEqual(['VIS-04']);

    const url = `/api/v1/visits/ppl/${nui}/chosen-visit-day`;
    const chose = await w.app.inject({ method: 'PUT', url, headers: officer, payload: { weekday: SATURDAY, basis: 'trans' } });
    expect([chose.statusCode, chose.json()]).toEqual([200, expect.objectContaining({ nui, weekday: SATURDAY, basis: 'trans' })]);
    expect((await book({ nui, date: saturday, areaId: hall, visitorIds: [women[0]] })).statusCode).toBe(201);
    // A weekday the regime has no visits on stays closed (VIS-01): the choice picks among visit days.
    const wednesday = await w.app.inject({ method: 'PUT', url, headers: officer, payload: { weekday: 3, basis: 'trans' } });
    expect(wednesday.statusCode).toBe(200);
    expect(rulesOf((await book({ nui, date: next(3), areaId: hall, visitorIds: [women[1]] })).json<Problem>())).toContain('VIS-01');

    // Confidential: not in the PPL's directory entry, not readable by the gate, every read audited.
    const entry = await w.app.inject({ method: 'GET', url: `/api/v1/visits/ppl/${nui}`, headers: officer });
    expect(entry.body).not.toMatch(/trans|chosen/i);
    expect((await w.app.inject({ method: 'GET', url, headers: bearer(['gate_officer'], ['113']) })).statusCode).toBe(403);
    expect((await w.app.inject({ method: 'GET', url, headers: officer })).json()).toMatchObject({ weekday: 3, basis: 'trans' });
    const reads = await w.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', nui)
      .where('action', '=', 'read-chosen-visit-day')
      .execute();
    expect(reads).toHaveLength(1);
    const choices = await w.db
      .selectFrom('audit_log')
      .select('details')
      .where('entity_id', '=', nui)
      .where('action', '=', 'choose-visit-day')
      .execute();
    expect(JSON.stringify(choices)).not.toContain('trans');

    // Withdrawn: the day's gender rule applies again.
    expect((await w.app.inject({ method: 'DELETE', url, headers: officer })).statusCode).toBe(204);
    expect(rulesOf((await book({ nui, date: next(SATURDAY, 1), areaId: hall, visitorIds: [women[1]] })).json<Problem>())).toEqual([
      'VIS-04',
    ]);
  });

  it('VIS-02 when a PPL already has a visit that day, then a second one is refused naming VIS-02', async () => {
    const { nui, men } = await family({ men: 2 });
    const date = next(SATURDAY, 1);
    expect((await book({ nui, date, areaId: hall, visitorIds: [men[0]] })).statusCode).toBe(201);
    const again = await book({ nui, date, areaId: hall, visitorIds: [men[1]] });
    expect(rulesOf(again.json<Problem>())).toEqual(['VIS-02']);
  });

  it('VIS-06 when minors come alone or outside a children’s area, then refused; with an adult in a children’s area, booked', async () => {
    const { nui, men } = await family({ men: 1 });
    const child = await w.visitor({
      birthDate: '2016-02-02',
      document: { type: 'TI', number: `10${String(Math.floor(Math.random() * 1e8)).padStart(8, '1')}` },
    });
    await w.authorise(nui, [child]);
    const date = next(SATURDAY);
    expect(rulesOf((await book({ nui, date, areaId: children, visitorIds: [child] })).json<Problem>())).toEqual(['VIS-06']);
    expect(rulesOf((await book({ nui, date, areaId: hall, visitorIds: [men[0], child] })).json<Problem>())).toEqual(['VIS-06']);
    expect((await book({ nui, date, areaId: children, visitorIds: [men[0], child] })).statusCode).toBe(201);
  });

  it('VIS-06 when the PPL has an intimate visit that day, then a booking with minors is refused; without minors, booked', async () => {
    const { nui, men } = await family({ men: 1 });
    const child = await w.visitor({
      birthDate: '2016-02-02',
      document: { type: 'TI', number: `10${String(Math.floor(Math.random() * 1e8)).padStart(8, '1')}` },
    });
    await w.authorise(nui, [child]);
    const date = next(SATURDAY);
    const call = (method: 'POST', url: string, headers: Record<string, string>, payload: object) =>
      w.app.inject({ method, url: `/api/v1/visits${url}`, headers, payload });
    const filed = await call('POST', `/ppl/${nui}/intimate-requests`, officer, {
      visitor: {
        names: 'Marisol Reservada Gómez',
        document: { type: 'CC', number: '52123456' },
        address: 'Calle 10 # 20-30',
        idCopyRef: 'CC 12',
      },
      writtenRequestRef: 'Solicitud 77',
    });
    expect(filed.statusCode).toBe(201);
    const id = filed.json<{ id: string }>().id;
    expect((await call('POST', `/intimate-requests/${id}/answer`, bearer(['director'], ['113']), { decision: 'granted' })).statusCode).toBe(
      200,
    );
    expect((await call('POST', `/intimate-requests/${id}/visits`, officer, { date })).statusCode).toBe(201);
    const refused = await book({ nui, date, areaId: children, visitorIds: [men[0], child] });
    expect(refused.statusCode).toBe(422);
    expect(rulesOf(refused.json<Problem>())).toEqual(['VIS-06']);
    expect((await book({ nui, date, areaId: hall, visitorIds: men })).statusCode).toBe(201);
  });

  it('VIS-07 when the PPL is held for extradition, then a visit needs the Fiscalía’s authorisation', async () => {
    const { nui, men } = await family({ legalStatus: 'extradicion' });
    const date = next(SATURDAY);
    expect(rulesOf((await book({ nui, date, areaId: hall, visitorIds: men })).json<Problem>())).toEqual(['VIS-07']);
    await w.app.inject({
      method: 'PUT',
      url: `/api/v1/visits/ppl/${nui}/extradition-authorisation`,
      headers: bearer(['legal'], ['113']),
      payload: { reference: 'OAI-1', validUntil: addDays(date, 30) },
    });
    expect((await book({ nui, date, areaId: hall, visitorIds: men })).statusCode).toBe(201);
  });

  it('VIS-08 PLT-15 when more families than places book one area at once, then exactly its capacity is booked and every other is a 422 naming VIS-08', async () => {
    const small = await area(w, 5, false);
    const families = await Promise.all(Array.from({ length: 12 }, () => family()));
    const date = next(SATURDAY, 2);
    const answers = await Promise.all(families.map((f) => book({ nui: f.nui, date, areaId: small, visitorIds: f.men })));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(5);
    const refused = answers.filter((a) => a.statusCode !== 201);
    expect(refused.map((a) => [a.statusCode, a.json<Problem>().rule])).toEqual(refused.map(() => [422, 'VIS-08']));
    const places = await w.db.selectFrom('session_places').selectAll().where('area_id', '=', small).execute();
    expect(places.map((p) => [p.booked, p.capacity])).toEqual([[5, 5]]);
    // PLT-06: booked together, each booking still has its own audit line: who, which request, what.
    const booked = answers.filter((a) => a.statusCode === 201).map((a) => a.json<Booking>());
    const lines = await w.db
      .selectFrom('audit_log')
      .select(['actor', 'roles', 'entity_id', 'request_id', 'details'])
      .where('action', '=', 'book-visit')
      .where(
        'entity_id',
        'in',
        booked.map((b) => b.id),
      )
      .execute();
    expect(lines.map((l) => l.entity_id).sort()).toEqual(booked.map((b) => b.id).sort());
    for (const l of lines) {
      const b = booked.find((x) => x.id === l.entity_id)!;
      expect(l).toMatchObject({ actor: 'test-visits_officer', roles: ['visits_officer'], details: { nui: b.nui, date } });
      expect(l.request_id).toEqual(expect.any(String));
    }
    expect(new Set(lines.map((l) => l.request_id)).size).toBe(5);
  });

  it('VIS-08 PLT-15 when bookings that all passed their checks find the area full as they commit, then one is booked and each other is a 422 naming VIS-08 that leaves nothing behind', async () => {
    const one = await area(w, 1, false);
    const families = await Promise.all(Array.from({ length: 6 }, () => family()));
    const date = next(SATURDAY, 5);
    // With a key there is no refusal from the committed facts: each is checked in its transaction, all see a place left.
    const answers = await Promise.all(
      families.map((f) => book({ nui: f.nui, date, areaId: one, visitorIds: f.men }, { ...officer, 'idempotency-key': randomUUID() })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 422, 422, 422, 422, 422]);
    for (const refused of answers.filter((a) => a.statusCode === 422)) {
      expect(refused.json<Problem>().errors).toEqual([expect.objectContaining({ field: '/areaId' })]);
      expect(rulesOf(refused.json<Problem>())).toEqual(['VIS-08']);
    }
    const rows = await w.db.selectFrom('bookings').select('id').where('area_id', '=', one).execute();
    expect(rows).toHaveLength(1);
    const nuis = families.map((f) => f.nui);
    const lines = await w.db.selectFrom('audit_log').select('details').where('action', '=', 'book-visit').execute();
    expect(lines.filter((l) => nuis.some((n) => JSON.stringify(l.details).includes(n)))).toHaveLength(1);
    const places = await w.db.selectFrom('session_places').select(['booked', 'capacity']).where('area_id', '=', one).execute();
    expect(places).toEqual([{ booked: 1, capacity: 1 }]);
  });

  it('VIS-08 PLT-15 when requests with different failures arrive at once, then each is answered from its own facts, whatever shares its statement', async () => {
    const [crowd, weekday, fine, twice] = await Promise.all([family({ men: 2, women: 1 }), family(), family(), family({ men: 2 })]);
    const stranger = await w.visitor({ gender: 'M' });
    const date = next(SATURDAY, 3);
    expect((await book({ nui: twice.nui, date, areaId: hall, visitorIds: [twice.men[0]] })).statusCode).toBe(201);
    // Sent together, so the refusals' facts are looked up in one statement (committedFacts).
    const [a, b, c, d, e] = await Promise.all([
      book({ nui: crowd.nui, date, areaId: hall, visitorIds: [...crowd.men, ...crowd.women, stranger] }),
      book({ nui: weekday.nui, date: next(3), areaId: randomUUID(), visitorIds: weekday.men }),
      book({ nui: fine.nui, date, areaId: hall, visitorIds: fine.men }),
      book({ nui: twice.nui, date, areaId: hall, visitorIds: [twice.men[1]] }),
      book({ nui: w.nextNui(), date, areaId: hall, visitorIds: [stranger] }),
    ]);
    expect(rulesOf(a.json<Problem>()).sort()).toEqual(['VIS-02', 'VIS-04', 'VIS-05']);
    expect(rulesOf(b.json<Problem>()).sort()).toEqual(['VIS-01', 'VIS-01']);
    expect(c.statusCode).toBe(201);
    expect(c.json<Booking>()).toMatchObject({ nui: fine.nui, visitorIds: fine.men });
    expect(rulesOf(d.json<Problem>())).toEqual(['VIS-02']);
    expect(e.statusCode).toBe(404);
    const booked = await w.db
      .selectFrom('bookings')
      .select('nui')
      .where('date', '=', date)
      .where('nui', 'in', [crowd.nui, weekday.nui, fine.nui, twice.nui])
      .execute();
    expect(booked.map((r) => r.nui).sort()).toEqual([fine.nui, twice.nui].sort());
  });

  it('VIS-02 when one PPL’s family sends several bookings for the same day at once, then one is booked and each other is refused naming VIS-02', async () => {
    const { nui, men } = await family({ men: 3 });
    const date = next(SATURDAY, 4);
    const answers = await Promise.all(men.map((v) => book({ nui, date, areaId: hall, visitorIds: [v] })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 422, 422]);
    for (const refused of answers.filter((a) => a.statusCode === 422)) expect(rulesOf(refused.json<Problem>())).toEqual(['VIS-02']);
    expect(await w.db.selectFrom('bookings').select('id').where('nui', '=', nui).execute()).toHaveLength(1);
  });

  it('PLT-05 when a booking is retried with the same Idempotency-Key, then the first answer comes back and one booking exists', async () => {
    const { nui, men } = await family();
    const headers = { ...officer, 'idempotency-key': randomUUID() };
    const payload = { nui, date: next(SATURDAY), areaId: hall, visitorIds: men };
    const [a, b] = [await book(payload, headers), await book(payload, headers)];
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.json<Booking>().id).toBe(a.json<Booking>().id);
    expect(await w.db.selectFrom('bookings').select('id').where('nui', '=', nui).execute()).toHaveLength(1);
    // PLT-06: its audit line is written once, with the stored answer; a refused attempt under a key leaves none.
    const audited = (id: string) => w.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute();
    expect(await audited(a.json<Booking>().id)).toEqual([{ action: 'book-visit' }]);
    const refused = await book(
      { ...payload, date: next(SATURDAY, 1), visitorIds: [randomUUID()] },
      { ...officer, 'idempotency-key': randomUUID() },
    );
    expect(refused.statusCode).toBe(422);
    const lines = await w.db.selectFrom('audit_log').select('details').where('action', '=', 'book-visit').execute();
    expect(lines.filter((l) => JSON.stringify(l.details).includes(next(SATURDAY, 1)) && JSON.stringify(l.details).includes(nui))).toEqual(
      [],
    );
  });

  it('VIS-09 when a sanction suppressing one visit is firm, then exactly the next opportunity is suppressed, its booking cancelled with notice, and lifting restores it', async () => {
    const { nui, men } = await family({ men: 1, women: 1 });
    const [sat, sun] = [next(SATURDAY), next(SUNDAY)];
    const first = sat < sun ? sat : sun;
    const second = sat < sun ? sun : sat;
    const visitorsOn = (d: string) => (d === sat ? [men[0]!] : []);
    const firstBooking = await book({ nui, date: first, areaId: hall, visitorIds: first === sat ? men : [] });
    // Sunday is the women's day: book with the woman of the family whichever day comes first.
    const womanDay = first === sun ? first : second;
    const woman = (
      await w.db
        .selectFrom('authorised_visitors as a')
        .innerJoin('visitors as v', 'v.id', 'a.visitor_id')
        .select('v.id')
        .where('a.nui', '=', nui)
        .where('v.gender', '=', 'F')
        .executeTakeFirstOrThrow()
    ).id;
    const onFirst = first === sat ? firstBooking : await book({ nui, date: womanDay, areaId: hall, visitorIds: [woman] });
    expect(onFirst.statusCode).toBe(201);
    const onSecond = await book({ nui, date: second, areaId: hall, visitorIds: second === sat ? visitorsOn(second) : [woman] });
    expect(onSecond.statusCode).toBe(201);

    const sanctionId = randomUUID();
    await w.deliver('sanction.firm', { sanctionId, nui, eron: '113', kind: 'visits', visitsSuppressed: 1 });
    const rows = await w.db
      .selectFrom('bookings')
      .select(['date', 'status', 'cancel_reason'])
      .where('nui', '=', nui)
      .orderBy('date')
      .execute();
    expect(rows).toEqual([
      { date: first, status: 'cancelled', cancel_reason: `sanction:${sanctionId}` },
      { date: second, status: 'booked', cancel_reason: null },
    ]);
    expect((await notifications(nui)).map((n) => n.subject)).toEqual(['visit-cancelled']);
    const visitor = first === sat ? men[0]! : woman;
    const retry = await book({ nui, date: first, areaId: hall, visitorIds: [visitor] });
    expect(rulesOf(retry.json<Problem>())).toEqual(['VIS-09']);

    await w.deliver('sanction.lifted', { sanctionId, nui, eron: '113', kind: 'visits' });
    expect((await book({ nui, date: first, areaId: hall, visitorIds: [visitor] })).statusCode).toBe(201);
  });

  it('VIS-09 when discipline restates a sanction’s total (a partial suspension, a revival) then the suppressed visits follow the total, never counted twice', async () => {
    const { nui } = await family({ men: 1 });
    const sanctionId = randomUUID();
    const suppressed = async () =>
      (await w.db.selectFrom('visit_suppressions').select('date').where('sanction_id', '=', sanctionId).orderBy('date').execute()).map(
        (r) => r.date,
      );
    await w.deliver('sanction.firm', { sanctionId, nui, eron: '113', kind: 'visit_suppression', visitsSuppressed: 3 });
    const three = await suppressed();
    expect(three).toHaveLength(3);
    // The same total again adds nothing; a smaller one gives back the last days still to come.
    await w.deliver('sanction.firm', { sanctionId, nui, eron: '113', kind: 'visit_suppression', visitsSuppressed: 3 });
    expect(await suppressed()).toEqual(three);
    await w.deliver('sanction.firm', { sanctionId, nui, eron: '113', kind: 'visit_suppression', visitsSuppressed: 1 });
    expect(await suppressed()).toEqual(three.slice(0, 1));
    // Revived: back to the whole, the kept day counted.
    await w.deliver('sanction.firm', { sanctionId, nui, eron: '113', kind: 'visit_suppression', visitsSuppressed: 3 });
    expect(await suppressed()).toEqual(three);
  });

  it('VIS-10 when the PPL is transferred or exits, then their future bookings are cancelled and every visitor notified', async () => {
    const a = await family({ men: 2 });
    const b = await family({ men: 1 });
    expect((await book({ nui: a.nui, date: next(SATURDAY), areaId: hall, visitorIds: a.men })).statusCode).toBe(201);
    expect((await book({ nui: b.nui, date: next(SATURDAY), areaId: hall, visitorIds: b.men })).statusCode).toBe(201);
    await w.transfer(a.nui, '113', '114');
    await w.exit(b.nui, '113', 'release');
    for (const f of [a, b]) {
      const rows = await w.db.selectFrom('bookings').select('status').where('nui', '=', f.nui).execute();
      expect(rows.map((r) => r.status)).toEqual(['cancelled']);
      expect((await notifications(f.nui)).map((n) => n.recipient).sort()).toEqual(f.men.map((m) => `visitor:${m}`).sort());
    }
  });
});
