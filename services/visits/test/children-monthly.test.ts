import { randomUUID } from 'node:crypto';
import { addDays, bogotaToday } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import { startVisits, type VisitsWorld } from './support/visits.world';

const officer = bearer(['visits_officer'], ['113']);
const rulesOf = (p: { errors?: { message: string }[] }) => (p.errors ?? []).map((e) => e.message.split(':')[0]);

/**
 * The first Saturday at least two days ahead from which that weekend and the next (Saturday,
 * Sunday, Saturday, Sunday) all fall in one calendar month, so "the month's first children's
 * visit" is the same month for every booking of a test.
 */
function monthWithTwoWeekends(): string {
  let d = addDays(bogotaToday(), 2);
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 6 || addDays(d, 8).slice(0, 7) !== d.slice(0, 7)) d = addDays(d, 1);
  return d;
}

/**
 * VIS-06 (Art. 69): children may visit at least once a month. Decision, as a visits office would
 * apply it: the month's first visit with minors is booked even when the limits on how often the
 * PPL is visited would refuse it — the establishment's weekly limit (VIS-02, here one visit a
 * week) and a disciplinary suppression of visit opportunities (VIS-09: the sanction limits the
 * PPL's visits, it cannot take the children's monthly visit away). It is kept from none of the
 * checks that protect the children or the place: the authorised list and accreditation, the adult
 * who brings them, the children's area, no intimate visit that day, the area's capacity, one
 * visit a day. Once the month has a visit with minors, later ones follow the ordinary limits.
 */
describe('VIS-06 children visit at least once a month', () => {
  let w: VisitsWorld;
  let hall: string;
  let children: string;

  beforeAll(async () => {
    w = await startVisits();
    const director = bearer(['director'], ['113']);
    const area = async (capacity: number, forChildren: boolean) =>
      (
        await w.app.inject({
          method: 'POST',
          url: '/api/v1/visits/establishments/113/areas',
          headers: director,
          payload: { name: `Área ${randomUUID().slice(0, 6)}`, capacity, forChildren },
        })
      ).json<{ id: string }>().id;
    hall = await area(100, false);
    children = await area(50, true);
    // The establishment's regime: Saturdays men, Sundays women, one visit a week (Art. 66's common regime).
    const day = { morning: { from: '08:00', to: '12:00' }, afternoon: { from: '13:00', to: '16:00' } };
    const proposed = await w.app.inject({
      method: 'POST',
      url: '/api/v1/visits/establishments/113/regime/proposals',
      headers: director,
      payload: {
        days: [
          { weekday: 6, visitors: 'M', ...day },
          { weekday: 0, visitors: 'F', ...day },
        ],
        visitsPerWeek: 1,
        personsPerVisit: 3,
        reason: 'Régimen común: una visita semanal',
      },
    });
    const decided = await w.app.inject({
      method: 'POST',
      url: `/api/v1/visits/regimes/${proposed.json<{ id: string }>().id}/decision`,
      headers: bearer(['dg']),
      payload: { decision: 'approve' },
    });
    expect(decided.statusCode).toBe(200);
  });
  afterAll(async () => w.close());

  /** A placed PPL with a man, a woman and a child (accredited first-degree) on the list. */
  async function family() {
    const { nui } = await w.admitAndPlace();
    const man = await w.visitor({ gender: 'M' });
    const woman = await w.visitor({ gender: 'F' });
    const child = await w.visitor({
      birthDate: addDays(bogotaToday(), -8 * 365),
      document: { type: 'TI', number: `10${String(Math.floor(Math.random() * 1e8)).padStart(8, '1')}` },
    });
    await w.authorise(nui, [man, woman]);
    await w.authorise(nui, [child], { relationship: 'first_degree', accreditation: 'civil_registry' });
    return { nui, man, woman, child };
  }

  const book = (nui: string, date: string, visitorIds: string[], areaId = hall) =>
    w.app.inject({ method: 'POST', url: '/api/v1/visits/bookings', headers: officer, payload: { nui, date, areaId, visitorIds } });

  it('VIS-06 when the weekly limit is used, then the month’s first visit with minors is still booked; a second one that month is refused naming VIS-02', async () => {
    const { nui, man, woman, child } = await family();
    const saturday = monthWithTwoWeekends();
    const sunday = addDays(saturday, 1);
    expect((await book(nui, saturday, [man])).statusCode).toBe(201);
    // The week's one visit is taken: an adult-only visit on Sunday is refused…
    expect(rulesOf((await book(nui, sunday, [woman])).json())).toEqual(['VIS-02']);
    // …the month's first visit with the child is not.
    const first = await book(nui, sunday, [woman, child], children);
    expect(first.statusCode).toBe(201);
    // The next week, its one visit taken, a second visit with the child in the same month follows the ordinary limit.
    expect((await book(nui, addDays(saturday, 7), [man])).statusCode).toBe(201);
    expect(rulesOf((await book(nui, addDays(sunday, 7), [woman, child], children)).json())).toEqual(['VIS-02']);
    // Nothing that protects the child is waived: alone, or outside the children's area, it is still VIS-06.
    const other = await family();
    expect((await book(other.nui, saturday, [other.man])).statusCode).toBe(201);
    expect(rulesOf((await book(other.nui, sunday, [other.woman, other.child])).json())).toEqual(['VIS-06']);
    expect(rulesOf((await book(other.nui, sunday, [other.child], children)).json())).toEqual(['VIS-06']);
  });

  it('VIS-06 VIS-09 when a sanction suppresses the month’s visit days, then adults are refused naming VIS-09 but the month’s first visit with minors is booked; a second is refused', async () => {
    const { nui, man, child } = await family();
    // Enough opportunities suppressed to cover the next seven weekends, both days.
    await w.deliver('sanction.firm', { sanctionId: randomUUID(), nui, eron: '113', kind: 'visits', visitsSuppressed: 14 });
    const saturday = monthWithTwoWeekends();
    const suppressed = await w.db.selectFrom('visit_suppressions').select('date').where('nui', '=', nui).execute();
    expect(suppressed.map((s) => s.date)).toEqual(expect.arrayContaining([saturday, addDays(saturday, 7)]));

    expect(rulesOf((await book(nui, saturday, [man])).json())).toEqual(['VIS-09']);
    const first = await book(nui, saturday, [man, child], children);
    expect(first.statusCode).toBe(201);
    const second = await book(nui, addDays(saturday, 7), [man, child], children);
    expect(rulesOf(second.json())).toEqual(['VIS-09']);
  });

  it('VIS-06 VIS-09 when a sanction hits booked visits, then the month’s first visit with minors stays booked and a second one that month is cancelled with notice', async () => {
    const { nui, man, child } = await family();
    const saturday = monthWithTwoWeekends();
    const first = await book(nui, saturday, [man, child], children);
    const second = await book(nui, addDays(saturday, 7), [man, child], children);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    const sanctionId = randomUUID();
    await w.deliver('sanction.firm', { sanctionId, nui, eron: '113', kind: 'visits', visitsSuppressed: 14 });
    const rows = await w.db
      .selectFrom('bookings')
      .select(['date', 'status', 'cancel_reason'])
      .where('nui', '=', nui)
      .orderBy('date')
      .execute();
    expect(rows).toEqual([
      { date: saturday, status: 'booked', cancel_reason: null },
      { date: addDays(saturday, 7), status: 'cancelled', cancel_reason: `sanction:${sanctionId}` },
    ]);
    const notices = (await w.db.selectFrom('outbox').select('envelope').where('type', '=', 'notification.requested').execute())
      .map((r) => r.envelope.payload as { recipient: string; nui?: string })
      .filter((n) => n.nui === nui)
      .map((n) => n.recipient)
      .sort();
    expect(notices).toEqual([`visitor:${child}`, `visitor:${man}`].sort());
  });
});
