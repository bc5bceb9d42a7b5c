import { Queue } from 'bullmq';
import { bogotaMonth, type JeteeBoard, type JeteeSession, type MissedMonths } from '@eron/shared';
import { jobsQueueName } from '@eron/shared/platform';
import { bearer, eventually } from '@eron/shared/testing';
import { runtime } from '../src/runtime';
import { startDiscipline, type DisciplineWorld } from './support/discipline.world';
import { boardBody, jeteeOf } from './support/jetee.routes';

const director = (eron = '113') => bearer(['director'], [eron]);

describe('the JETEE: its board and monthly sessions (DIS-20)', () => {
  let w: DisciplineWorld;
  beforeAll(async () => {
    w = await startDiscipline();
  });
  afterAll(async () => w.close());
  const call = (method: 'GET' | 'PUT' | 'POST', url: string, headers: Record<string, string>, payload?: object) =>
    w.app.inject({ method, url: `/api/v1/discipline${url}`, headers, ...(payload ? { payload } : {}) });

  it('DIS-20 when the board lacks the head of attention and treatment or has two directors then 422 naming every missing seat', async () => {
    const [director1, deputy, , guard] = boardBody().members;
    const res = await call('PUT', '/establishments/115/jetee', director('115'), {
      members: [director1, { ...director1, name: 'Otro' }, deputy, guard],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'DIS-20', article: 'Art. 140' });
    expect(res.json().errors).toHaveLength(2);
    expect(await w.db.selectFrom('jetee_members').selectAll().where('eron', '=', '115').execute()).toEqual([]);
  });

  it('DIS-20 when the Director names a designee for a vacant deputy post then the board is constituted and sessions get numbered, dated actas', async () => {
    const members = boardBody().members.map((m) => (m.seat === 'deputy_director' ? { ...m, seat: 'director_designee' as const } : m));
    const put = await call('PUT', '/establishments/116/jetee', director('116'), { members });
    expect(put.statusCode).toBe(200);
    const board = put.json<JeteeBoard>();
    expect(board.members.map((m) => m.seat).sort()).toEqual(['director', 'director_designee', 'guard_commander', 'treatment_head']);
    const ids = board.members.map((m) => m.id);
    const first = await call('POST', '/establishments/116/jetee/sessions', director('116'), { heldOn: '2026-10-05', attendees: ids });
    const second = await call('POST', '/establishments/116/jetee/sessions', director('116'), {
      heldOn: '2026-11-04',
      attendees: ids.slice(0, 3),
    });
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(first.json<JeteeSession>()).toMatchObject({ number: 1, acta: 'JETEE-116-2026-001', heldOn: '2026-10-05' });
    expect(second.json<JeteeSession>()).toMatchObject({ number: 2, acta: 'JETEE-116-2026-002' });
    expect(second.json<JeteeSession>().attendees).toHaveLength(3);
    // Someone who is not on the board cannot attend.
    const stranger = await call('POST', '/establishments/116/jetee/sessions', director('116'), {
      heldOn: '2026-11-05',
      attendees: ['00000000-0000-4000-8000-000000000001'],
    });
    expect(stranger.statusCode).toBe(422);
    expect(stranger.json()).toMatchObject({ rule: 'DIS-20' });
  });

  it('DIS-20 when an establishment has no JETEE then a session is refused with 422', async () => {
    const res = await call('POST', '/establishments/117/jetee/sessions', director('117'), {
      heldOn: '2026-11-01',
      attendees: ['00000000-0000-4000-8000-000000000001'],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'DIS-20' });
  });

  it('DIS-20 when the JETEE held no session in a calendar month then the month is listed, and the scheduled job flags it', async () => {
    await jeteeOf(w, '118', '2026-09-10');
    await call('POST', `/establishments/118/jetee/sessions`, director('118'), {
      heldOn: '2026-07-15',
      attendees: (await call('GET', '/establishments/118/jetee', director('118'))).json<JeteeBoard>().members.map((m) => m.id),
    });
    const list = await call('GET', '/establishments/118/jetee/missed-months?from=2026-07&to=2026-10', director('118'));
    expect(list.statusCode).toBe(200);
    expect(list.json<MissedMonths>().months.map((m) => m.month)).toEqual(['2026-08', '2026-10']);
    // The board was constituted this month: backdate it so the job scans the past months too.
    await w.db
      .updateTable('jetee_boards')
      .set({ constituted_at: new Date('2026-07-01T12:00:00Z') })
      .where('eron', '=', '118')
      .execute();
    const jobs = new Queue(jobsQueueName('discipline'), { connection: { url: w.config.REDIS_URL }, prefix: w.config.QUEUE_PREFIX });
    const scheduler = await eventually(async () => jobs.getJobScheduler('flag-jetee-missed-months'));
    await jobs.close();
    expect(scheduler).toMatchObject({ every: 6 * 3_600_000 });
    await runtime(w.app).jobs.trigger('flag-jetee-missed-months');
    const flagged = await eventually(async () => {
      const res = (
        await call('GET', '/establishments/118/jetee/missed-months?from=2026-07&to=2026-10', director('118'))
      ).json<MissedMonths>();
      return res.months.every((m) => m.flaggedAt !== null) ? res : undefined;
    });
    expect(flagged.months.map((m) => m.month)).toEqual(['2026-08', '2026-10']);
    // Months with a session are never flagged; nor is the current month, still running.
    const rows = await w.db.selectFrom('jetee_missed_months').select('month').where('eron', '=', '118').execute();
    expect(rows.map((r) => r.month)).not.toContain('2026-07');
    expect(rows.map((r) => r.month)).not.toContain(bogotaMonth());
  });

  it('DIS-20 when someone acting for another establishment reads the board then 403', async () => {
    await jeteeOf(w, '119');
    expect((await call('GET', '/establishments/119/jetee', director('113'))).statusCode).toBe(403);
  });
});
