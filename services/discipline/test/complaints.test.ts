import { Queue } from 'bullmq';
import type { Complaint, ComplaintDetail } from '@eron/shared';
import { jobsQueueName } from '@eron/shared/platform';
import { bearer, eventually } from '@eron/shared/testing';
import { runtime } from '../src/runtime';
import { complaintBody } from './support/complaints.routes';
import { startDiscipline, type DisciplineWorld } from './support/discipline.world';

const HOUR = 3_600_000;
const director = bearer(['director'], ['113']);
const investigator = bearer(['investigator'], ['113']);
let w: DisciplineWorld;

beforeAll(async () => {
  w = await startDiscipline();
});
afterAll(async () => w.close());

const call = (method: 'GET' | 'POST', path: string, headers: object, payload?: object) =>
  w.app.inject({ method, url: `/api/v1/discipline${path}`, headers: { ...headers }, ...(payload ? { payload } : {}) });
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
async function registered(over: object = {}): Promise<Complaint> {
  const res = await call('POST', '/complaints', director, complaintBody(over));
  expect(res.statusCode).toBe(201);
  return res.json<Complaint>();
}
const overdueIds = async () =>
  ((await call('GET', '/establishments/113/complaints/overdue', director)).json().items as Complaint[]).map((c) => c.id);

describe('DIS-19 complaints', () => {
  it('DIS-19 when a complaint is received then it is registered with its urgent measures and deadlines, forwarded at once to the DG’s citizen attention, and the judicial police is told of an alleged crime', async () => {
    const knownAt = ago(2 * HOUR);
    const c = await registered({ knownAt });
    expect(c).toMatchObject({
      kind: 'torture',
      crimeAlleged: true,
      urgentMeasures: 'Traslado a sanidad y separación del agente',
      sending: { dueAt: new Date(Date.parse(knownAt) + 24 * HOUR).toISOString(), doneAt: null, to: null },
      policeReport: { dueAt: new Date(Date.parse(knownAt) + 36 * HOUR).toISOString(), doneAt: null },
      overdue: false,
    });
    const notices = (await w.published('notification.requested')).map((e) => e.payload).filter((p) => p.subject === `complaint ${c.id}`);
    expect(notices.map((n) => n.recipient)).toEqual(['dg_citizen_attention', 'judicial_police']);
    // A complaint of another kind needs no 36-hour report.
    expect((await registered({ kind: 'other', crimeAlleged: false })).policeReport).toBeNull();
  });

  it('DIS-19 PLT-06 when a sexual-violence complaint is registered then the complainant and the account are in no answer, list or event, and each confidential read is audited', async () => {
    const c = await registered({
      kind: 'sexual_violence',
      complainant: { kind: 'ppl', nui: '7654321' },
      account: 'Relato reservado XYZZY',
      knownAt: ago(30 * HOUR),
    });
    const list = await call('GET', '/establishments/113/complaints/overdue', director);
    const events = JSON.stringify((await w.published('notification.requested')).map((e) => e.payload));
    for (const text of [JSON.stringify(c), list.body, events]) {
      expect(text).not.toContain('XYZZY');
      expect(text).not.toContain('7654321');
    }
    const row = await w.db.selectFrom('complaints').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.account).toBeNull();
    const audits = async () =>
      (await w.db.selectFrom('audit_log').selectAll().execute()).filter(
        (a) => a.entity_id === c.id && a.action === 'read-complaint-confidential',
      );
    expect(await audits()).toHaveLength(0);
    const read = await call('GET', `/complaints/${c.id}`, bearer(['legal'], ['113']));
    expect(read.statusCode).toBe(200);
    expect(read.json<ComplaintDetail>()).toMatchObject({ complainant: { kind: 'ppl', nui: '7654321' }, account: 'Relato reservado XYZZY' });
    expect(await audits()).toHaveLength(1);
    expect((await call('GET', `/complaints/${c.id}`, investigator)).statusCode).toBe(403);
  });

  it('DIS-19 when sent on just inside 24 hours of knowledge then on time; just past 24 hours then late and listed overdue', async () => {
    const inside = await registered({ kind: 'other', crimeAlleged: false, knownAt: ago(24 * HOUR - 60_000) });
    const past = await registered({ kind: 'other', crimeAlleged: false, knownAt: ago(24 * HOUR + 60_000) });
    const onTime = await call('POST', `/complaints/${inside.id}/sending`, director, { to: 'procuraduria' });
    expect(onTime.statusCode).toBe(200);
    expect(onTime.json<Complaint>()).toMatchObject({ sending: { to: 'procuraduria', onTime: true }, overdue: false });
    expect(await overdueIds()).toContain(past.id);
    const lateSend = await call('POST', `/complaints/${past.id}/sending`, director, { to: 'fiscalia' });
    expect(lateSend.json<Complaint>()).toMatchObject({ sending: { to: 'fiscalia', onTime: false }, overdue: true });
    const notices = (await w.published('notification.requested')).map((e) => e.payload);
    expect(notices).toContainEqual(expect.objectContaining({ recipient: 'procuraduria', subject: `complaint ${inside.id}` }));
    expect(notices).toContainEqual(expect.objectContaining({ recipient: 'fiscalia', subject: `complaint ${past.id}` }));
    expect(await overdueIds()).not.toContain(inside.id);
    const again = await call('POST', `/complaints/${inside.id}/sending`, director, { to: 'fiscalia' });
    expect(again.statusCode).toBe(422);
    expect(again.json()).toMatchObject({ rule: 'DIS-19' });
  });

  it('DIS-19 when the judicial police report just inside 36 hours then on time; just past 36 hours then late', async () => {
    const inside = await registered({ kind: 'cruel_treatment', knownAt: ago(36 * HOUR - 60_000) });
    const past = await registered({ kind: 'discrimination', knownAt: ago(36 * HOUR + 60_000) });
    for (const c of [inside, past])
      expect((await call('POST', `/complaints/${c.id}/sending`, director, { to: 'fiscalia' })).statusCode).toBe(200);
    const report = { officer: 'Investigador Ruiz', reportNumber: 'INF-113-0042' };
    const onTime = await call('POST', `/complaints/${inside.id}/police-report`, investigator, report);
    expect(onTime.statusCode).toBe(200);
    expect(onTime.json<Complaint>().policeReport).toMatchObject({ onTime: true, reportNumber: 'INF-113-0042' });
    const lateReport = await call('POST', `/complaints/${past.id}/police-report`, investigator, report);
    expect(lateReport.json<Complaint>().policeReport).toMatchObject({ onTime: false });
    expect(await overdueIds()).toContain(past.id);
    const none = await registered({ kind: 'other', crimeAlleged: false });
    const refused = await call('POST', `/complaints/${none.id}/police-report`, investigator, report);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ rule: 'DIS-19', article: 'Art. 142 §3' });
  });

  it('DIS-19 when knowledge of the fact is dated in the future, or the caller acts for another establishment, then refused and nothing is recorded', async () => {
    const before = await w.db.selectFrom('complaints').select('id').execute();
    const future = await call('POST', '/complaints', director, complaintBody({ knownAt: new Date(Date.now() + HOUR).toISOString() }));
    expect(future.statusCode).toBe(422);
    expect(future.json()).toMatchObject({ rule: 'DIS-19' });
    expect((await call('POST', '/complaints', bearer(['director'], ['114']), complaintBody())).statusCode).toBe(403);
    expect(await w.db.selectFrom('complaints').select('id').execute()).toEqual(before);
  });

  it('DIS-19 when a complaint is still not sent on past 24 hours then the scheduled job flags it overdue, and leaves a fresh one alone', async () => {
    const old = await registered({ kind: 'other', crimeAlleged: false, knownAt: ago(25 * HOUR) });
    const fresh = await registered({ kind: 'other', crimeAlleged: false, knownAt: ago(HOUR) });
    const jobs = new Queue(jobsQueueName('discipline'), { connection: { url: w.config.REDIS_URL }, prefix: w.config.QUEUE_PREFIX });
    const scheduler = await eventually(async () => jobs.getJobScheduler('flag-overdue-complaints'));
    await jobs.close();
    expect(scheduler).toMatchObject({ every: 15 * 60_000 });
    await runtime(w.app).jobs.trigger('flag-overdue-complaints');
    const flagged = await eventually(async () => {
      const row = await w.db.selectFrom('complaints').selectAll().where('id', '=', old.id).executeTakeFirstOrThrow();
      return row.overdue_flagged_at ?? undefined;
    });
    expect(flagged).toBeInstanceOf(Date);
    const list = (await call('GET', '/establishments/113/complaints/overdue', director)).json().items as Complaint[];
    expect(list.find((c) => c.id === old.id)?.overdueFlaggedAt).not.toBeNull();
    const freshRow = await w.db.selectFrom('complaints').selectAll().where('id', '=', fresh.id).executeTakeFirstOrThrow();
    expect(freshRow.overdue_flagged_at).toBeNull();
  });
});
