import { randomUUID } from 'node:crypto';
import type { DisciplinePpl } from '@eron/shared';
import { bearer, deliverLate, eventually } from '@eron/shared/testing';
import { startDiscipline, type DisciplineWorld } from './support/discipline.world';

const director = (eron = '113') => bearer(['director'], [eron]);
const pplOf = (w: DisciplineWorld, nui: string, eron = '113') =>
  w.app.inject({ method: 'GET', url: `/api/v1/discipline/ppl/${nui}`, headers: director(eron) });

describe('discipline’s directory of PPL, kept from classification’s events', () => {
  let w: DisciplineWorld;
  let early = '';
  beforeAll(async () => {
    w = await startDiscipline({
      // Admitted before discipline ever ran: only the producer's outbox holds the event.
      history: async (p) => {
        early = p.nextNui();
        await p.publish('ppl.admitted', {
          nui: early,
          eron: '113',
          legalStatus: 'sindicado',
          sex: 'F',
          admittedAt: new Date().toISOString(),
          cashAtIntake: null,
        });
      },
    });
  });
  afterAll(async () => w.close());

  it('PLT-08 when a PPL was admitted before discipline handled the events, then after the catch-up discipline knows them', async () => {
    const row = await eventually(
      async () => w.db.selectFrom('ppl').selectAll().where('nui', '=', early).executeTakeFirst(),
      15_000,
      'the earlier PPL known to discipline',
    );
    expect(row).toMatchObject({ eron: '113', state: 'held', legal_status: 'sindicado', sentenced_at: null });
  });

  it('DIS-24 when a pre-trial PPL’s conviction becomes firm, then discipline records when, and keeps it across a transfer', async () => {
    const nui = await w.admit({ legalStatus: 'sindicado' });
    expect((await pplOf(w, nui)).json<DisciplinePpl>()).toMatchObject({ legalStatus: 'sindicado', sentencedAt: null });
    const event = await w.sentence(nui);
    const after = (await pplOf(w, nui)).json<DisciplinePpl>();
    expect(after).toMatchObject({ nui, eron: '113', state: 'held', legalStatus: 'condenado', sentencedAt: event.occurredAt });
    await w.transfer(nui, '113', '114');
    expect((await pplOf(w, nui)).statusCode).toBe(403);
    expect((await pplOf(w, nui, '114')).json<DisciplinePpl>()).toMatchObject({ eron: '114', sentencedAt: event.occurredAt });
    await w.exit(nui, '114');
    expect((await pplOf(w, nui, '114')).json<DisciplinePpl>()).toMatchObject({ state: 'exited' });
  });

  it('DIS-04 when discipline never heard of the PPL, then 404 with a problem', async () => {
    const res = await pplOf(w, '9999999');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('PLT-08 when a PPL’s admission is delivered after their transfer (a redelivery after a stall), then they stay where the transfer put them', async () => {
    const nui = w.nextNui();
    await w.deliver('ppl.transferred', { nui, transferId: randomUUID(), fromEron: '113', toEron: '114' });
    const at = new Date(Date.now() - 60_000).toISOString();
    const late = await deliverLate(w.config, 'discipline', 'ppl.admitted', {
      nui,
      eron: '113',
      legalStatus: 'sindicado',
      sex: 'M',
      admittedAt: at,
      cashAtIntake: null,
    });
    await w.applied(late.id);
    const row = await w.db.selectFrom('ppl').selectAll().where('nui', '=', nui).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ eron: '114', state: 'held', legal_status: 'sindicado', sex: 'M' });
  });

  it('PLT-08 DIS-13 when an older exit is delivered after a newer one (a redelivery after a stall), then the newer reason stands: sent to house arrest, still rated', async () => {
    const nui = await w.admit();
    await w.deliver('ppl.exited', { nui, eron: '113', exitId: randomUUID(), reason: 'house_arrest' });
    const late = await deliverLate(
      w.config,
      'discipline',
      'ppl.exited',
      { nui, eron: '113', exitId: randomUUID(), reason: 'release' },
      30_000,
    );
    await w.applied(late.id);
    const row = await w.db.selectFrom('ppl').selectAll().where('nui', '=', nui).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'exited', exit_reason: 'house_arrest' });
  });

  it('PLT-08 when a PPL is admitted again after an exit, then the old exit reason is gone with the exit', async () => {
    const nui = await w.admit();
    await w.deliver('ppl.exited', { nui, eron: '113', exitId: randomUUID(), reason: 'house_arrest' });
    await w.admit({ nui, eron: '114' });
    const row = await w.db.selectFrom('ppl').selectAll().where('nui', '=', nui).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ eron: '114', state: 'held', exit_reason: null });
  });
});
