import { randomUUID } from 'node:crypto';
import type { VisitsPpl, VisitUnitList } from '@eron/shared';
import { bearer, deliverLate, eventually } from '@eron/shared/testing';
import { startVisits, type VisitsWorld } from './support/visits.world';

const officer = (eron = '113') => bearer(['visits_officer'], [eron]);

async function pplOf(w: VisitsWorld, nui: string, eron = '113') {
  return w.app.inject({ method: 'GET', url: `/api/v1/visits/ppl/${nui}`, headers: officer(eron) });
}

describe('the visits side of the PPL directory, kept from classification’s events', () => {
  let w: VisitsWorld;
  let early: string[] = [];
  beforeAll(async () => {
    w = await startVisits({
      // Admitted and placed before visits ever ran: only the producer's outbox holds them.
      history: async (p) => {
        early = [p.nextNui(), p.nextNui()];
        for (const nui of early) {
          await p.publish('ppl.admitted', {
            nui,
            eron: '113',
            legalStatus: 'sindicado',
            sex: 'F',
            admittedAt: new Date().toISOString(),
            cashAtIntake: null,
          });
        }
        await p.publish('ppl.placed', { nui: early[0]!, eron: '113', unitId: randomUUID(), cellId: randomUUID() });
      },
    });
  });
  afterAll(async () => w.close());

  it('PLT-08 when PPL were admitted before visits handled the events, then after the catch-up visits knows them, each applied once', async () => {
    // The catch-up may deliver the placement before the admission: it is over when all three are applied.
    const inbox = await eventually(
      async () => {
        const rows = await w.db.selectFrom('inbox').select(['event_id', 'type']).execute();
        return rows.length >= 3 ? rows : undefined;
      },
      15_000,
      'the earlier events applied by visits',
    );
    expect(inbox.filter((r) => r.type === 'ppl.admitted')).toHaveLength(2);
    expect(inbox.filter((r) => r.type === 'ppl.placed')).toHaveLength(1);
    const known = await w.db.selectFrom('ppl').selectAll().where('nui', 'in', early).execute();
    const placed = (nui: string) => known.find((r) => r.nui === nui)?.unit_id !== null;
    expect(known.map((r) => r.state)).toEqual(['held', 'held']);
    expect([placed(early[0]!), placed(early[1]!)]).toEqual([true, false]);
    const res = await pplOf(w, early[0]!);
    expect(res.statusCode).toBe(200);
    expect(res.json<VisitsPpl>()).toMatchObject({ nui: early[0], eron: '113', legalStatus: 'sindicado', sex: 'F', state: 'held' });
  });

  it('VIS-03 when a PPL is placed, then the unit is known to visits, counted, and gets the session the establishment assigns', async () => {
    const nui = await w.admit();
    const unitId = await w.place(nui);
    const units = async () =>
      (await w.app.inject({ method: 'GET', url: '/api/v1/visits/establishments/113/units', headers: officer() })).json<VisitUnitList>()
        .units;
    expect((await units()).find((u) => u.id === unitId)).toEqual({ id: unitId, eron: '113', session: null, population: 1 });

    await w.assignSession(unitId, 'afternoon');
    expect((await units()).find((u) => u.id === unitId)?.session).toBe('afternoon');
    expect((await pplOf(w, nui)).json<VisitsPpl>()).toMatchObject({ unitId, session: 'afternoon' });
    const audit = await w.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'assign-session')
      .where('entity_id', '=', unitId)
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('VIS-03 when another establishment’s director assigns a session, then 403 and nothing changes; an unknown unit is a 404', async () => {
    const { unitId } = await w.admitAndPlace({ session: 'morning' });
    const url = `/api/v1/visits/establishments/113/units/${unitId}/session`;
    const other = await w.app.inject({ method: 'PUT', url, headers: bearer(['director'], ['114']), payload: { session: 'afternoon' } });
    expect(other.statusCode).toBe(403);
    const missing = await w.app.inject({
      method: 'PUT',
      url: `/api/v1/visits/establishments/113/units/${randomUUID()}/session`,
      headers: bearer(['director'], ['113']),
      payload: { session: 'afternoon' },
    });
    expect(missing.statusCode).toBe(404);
    const unit = await w.db.selectFrom('units').selectAll().where('id', '=', unitId).executeTakeFirstOrThrow();
    expect(unit.session).toBe('morning');
  });

  it('VIS-08 when a PPL is transferred, then visits holds them at the new establishment with no unit; the old one no longer sees them', async () => {
    const { nui } = await w.admitAndPlace();
    await w.transfer(nui, '113', '114');
    expect((await pplOf(w, nui, '114')).json<VisitsPpl>()).toMatchObject({ eron: '114', unitId: null, session: null, state: 'held' });
    expect((await pplOf(w, nui, '113')).statusCode).toBe(403);
  });

  it('VIS-08 when a PPL exits or their status changes, then visits records it and keeps what the event leaves out', async () => {
    const { nui } = await w.admitAndPlace();
    await w.deliver('ppl.status-changed', { nui, eron: '113', securityLevel: 2 });
    expect((await pplOf(w, nui)).json<VisitsPpl>()).toMatchObject({ legalStatus: 'condenado', securityLevel: 2 });
    await w.deliver('ppl.status-changed', { nui, eron: '113', legalStatus: 'extradicion' });
    expect((await pplOf(w, nui)).json<VisitsPpl>()).toMatchObject({ legalStatus: 'extradicion', securityLevel: 2 });
    await w.exit(nui, '113', 'release');
    expect((await pplOf(w, nui)).json<VisitsPpl>()).toMatchObject({ state: 'exited', unitId: null });
    expect((await pplOf(w, w.nextNui())).statusCode).toBe(404);
  });

  it('PLT-08 VIS-03 when a PPL’s admission is delivered after their placement (a redelivery after a stall), then they stay in their unit and the admission’s data is kept', async () => {
    // The fault drills once lost a placement this way: ppl.admitted, held up in Redis through an
    // outage, arrived after ppl.placed and put the PPL back in no unit.
    const nui = w.nextNui();
    const unitId = await w.place(nui);
    const at = new Date(Date.now() - 60_000).toISOString();
    const late = await deliverLate(w.config, 'visits', 'ppl.admitted', {
      nui,
      eron: '113',
      legalStatus: 'condenado',
      sex: 'F',
      admittedAt: at,
      cashAtIntake: null,
    });
    await w.applied(late.id);
    expect((await pplOf(w, nui)).json<VisitsPpl>()).toMatchObject({
      eron: '113',
      state: 'held',
      unitId,
      legalStatus: 'condenado',
      sex: 'F',
    });
    // A later event still moves them: the exit, then a new admission, each newer than what the row holds.
    await w.exit(nui, '113', 'release');
    expect((await pplOf(w, nui)).json<VisitsPpl>()).toMatchObject({ state: 'exited', unitId: null });
    await w.admit({ nui, legalStatus: 'sindicado', sex: 'F' });
    expect((await pplOf(w, nui)).json<VisitsPpl>()).toMatchObject({ state: 'held', unitId: null, legalStatus: 'sindicado' });
  });
});
