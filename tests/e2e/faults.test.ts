import { Queue } from 'bullmq';
import { eventQueueName, type EventEnvelope } from '@eron/shared';
import { bearer, eventually, TcpProxy } from '@eron/shared/testing';
import { admissionRequest } from '../../services/classification/test/admission.factory';
import { api, type AdmissionBody } from '../support/client';
import { receiveIntakeCash, startSuite, type RunningSuite } from '../support/suite';

const officer = { 'content-type': 'application/json', ...bearer(['gate_officer'], ['113']) };
const paymaster = bearer(['paymaster'], ['113']);

describe('PLT-08 events survive a Redis outage and apply once', () => {
  let suite: RunningSuite;
  let redis: TcpProxy;

  beforeAll(async () => {
    redis = await TcpProxy.forUrl(process.env.REDIS_URL!).start();
    const viaProxy = { REDIS_URL: redis.rewrite(process.env.REDIS_URL!) };
    suite = await startSuite({ classification: viaProxy, folio: viaProxy });
  });
  afterAll(async () => {
    await suite.close();
    await redis.stop();
  });

  const account = (nui: string) => api(suite.url, paymaster).GET('/api/v1/folio/accounts/{nui}', { params: { path: { nui } } });
  const admit = (body: AdmissionBody) => api(suite.url, officer).POST('/api/v1/classification/admissions', { body });

  it('PLT-08 when Redis is cut then the admission still succeeds, and its event is applied exactly once after Redis returns', async () => {
    await redis.cut();
    const res = await admit(admissionRequest({ cashAtIntake: { amount: 90_000, actaNumber: 'ACTA-OUTAGE-1', searchDate: '2026-11-24' } }));
    expect(res.response.status).toBe(201);
    const { nui } = res.data!;

    await new Promise((r) => setTimeout(r, 800));
    expect((await account(nui)).response.status).toBe(404);
    const pending = await suite.services.classification.app.db.selectFrom('outbox').selectAll().where('published_at', 'is', null).execute();
    expect(pending.map((r) => r.envelope.payload)).toContainEqual(expect.objectContaining({ nui }));

    await redis.restore();
    const folio = await eventually(
      async () => {
        const r = await account(nui);
        return r.response.status === 200 ? r.data : undefined;
      },
      20_000,
      'the event to flow after Redis returns',
    );
    expect(folio).toMatchObject({ available: 0, pending: 90_000 });
    await receiveIntakeCash(suite, nui);
    await eventually(async () => (await account(nui)).data?.pending === 0, 10_000, 'the receipt');
    expect((await account(nui)).data?.available).toBe(90_000);
  });

  it('PLT-08 when the same event is delivered twice then it applies once', async () => {
    const res = await admit(admissionRequest({ cashAtIntake: { amount: 40_000, actaNumber: 'ACTA-TWICE-1', searchDate: '2026-11-24' } }));
    const { nui } = res.data!;
    await eventually(async () => (await account(nui)).response.status === 200, 10_000, 'the Folio to open');
    const row = await suite.services.classification.app.db
      .selectFrom('outbox')
      .select('envelope')
      .where('type', '=', 'ppl.admitted')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    const event = row.envelope as EventEnvelope<'ppl.admitted'>;
    const queue = new Queue(eventQueueName('folio'), { connection: { url: process.env.REDIS_URL }, prefix: suite.config.QUEUE_PREFIX });
    await queue.add(event.type, event, { jobId: `${event.id}-again` });
    await eventually(async () => (await queue.getJob(`${event.id}-again`))?.isCompleted(), 10_000, 'the second delivery');
    expect((await queue.getJob(`${event.id}-again`))?.returnvalue).toBe('duplicate');
    await queue.close();
    expect((await account(nui)).data?.pending).toBe(40_000);
    await receiveIntakeCash(suite, nui);
    await eventually(async () => (await account(nui)).data?.pending === 0, 10_000, 'the receipt');
    expect((await account(nui)).data?.available).toBe(40_000);
  });
});

describe('PLT-10 liveness is not readiness', () => {
  let suite: RunningSuite;
  let postgres: TcpProxy;

  beforeAll(async () => {
    postgres = await TcpProxy.forUrl(process.env.DATABASE_URL!).start();
    suite = await startSuite({});
  });
  afterAll(async () => {
    await suite.close();
    await postgres.stop();
  });

  it('PLT-10 when Postgres is unreachable then /ready fails and /health does not; when it returns /ready recovers', async () => {
    // A folio instance whose only way to Postgres is the proxy.
    const { buildApp } = await import('@eron/shared/platform');
    const { SERVICE_APPS } = await import('../../scripts/suite');
    const app = await buildApp('folio', SERVICE_APPS.folio, { ...suite.config, DATABASE_URL: postgres.rewrite(suite.config.DATABASE_URL) });
    try {
      await eventually(async () => (await app.inject('/ready')).statusCode === 200, 10_000, 'readiness at start');
      await postgres.cut();
      const ready = await app.inject('/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ postgres: false, redis: true });
      expect((await app.inject('/health')).statusCode).toBe(200);
      await postgres.restore();
      await eventually(async () => (await app.inject('/ready')).statusCode === 200, 10_000, 'readiness after Postgres returns');
    } finally {
      await app.close();
    }
  });
});
