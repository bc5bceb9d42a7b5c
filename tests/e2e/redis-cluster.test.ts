import { randomUUID } from 'node:crypto';
import { SERVICES } from '@eron/shared';
import { bearer, eventually, redisServerPath, startRedisCluster, type TestRedisCluster } from '@eron/shared/testing';
import { admissionRequest } from '../../services/classification/test/admission.factory';
import { startSuite, type RunningSuite } from '../support/suite';

const officer = { 'content-type': 'application/json', ...bearer(['gate_officer'], ['113']) };
const paymaster = bearer(['paymaster'], ['113']);

// Needs the OS's redis-server (scripts/infra.ts's embedded default) to start a cluster of its own.
const withRedisServer = redisServerPath() ? describe : describe.skip;

withRedisServer('PLT-08 the suite on a Redis Cluster (REDIS_CLUSTER=true, QUEUE_PREFIX with a hash tag)', () => {
  let cluster: TestRedisCluster;
  let suite: RunningSuite;
  beforeAll(async () => {
    cluster = await startRedisCluster();
    const redis = { REDIS_URL: cluster.url, QUEUE_PREFIX: `{t${randomUUID().slice(0, 8)}}` };
    const services = Object.fromEntries(SERVICES.map((s) => [s, { ...redis, REDIS_CLUSTER: true }]));
    suite = await startSuite(services, { ...redis, REDIS_CLUSTER: 'true' });
  }, 180_000); // a cluster and five apps booting on a loaded shared machine
  afterAll(async () => {
    await suite?.close();
    await cluster?.close();
  });

  it('PLT-08 when a person is admitted through the gateway then the event goes through BullMQ on the cluster and folio opens the Folio', async () => {
    // The gateway waits at most a second for Redis at boot and then serves without limits (fail open, PLT-17):
    // the limiter is checked once its cluster connection is ready, which its /ready says.
    await eventually(async () => (await fetch(`${suite.url}/ready`)).status === 200, 30_000, 'the gateway’s Redis Cluster connection');
    const admission = admissionRequest({ cashAtIntake: { amount: 90_000, actaNumber: 'ACTA-CLUSTER-1', searchDate: '2026-11-24' } });
    const res = await fetch(`${suite.url}/api/v1/classification/admissions`, {
      method: 'POST',
      headers: officer,
      body: JSON.stringify(admission),
    });
    expect(res.status).toBe(201);
    // The gateway counted the call in the cluster (a store error would skip the limit and its headers).
    expect(res.headers.get('x-ratelimit-limit')).toBe('1200');
    expect(Number(res.headers.get('x-ratelimit-remaining'))).toBeLessThan(1200);
    const { nui } = (await res.json()) as { nui: string };
    await eventually(
      async () => (await fetch(`${suite.url}/api/v1/folio/accounts/${nui}`, { headers: paymaster })).status === 200,
      20_000,
      'the Folio to open',
    );
    for (const [name, { url }] of Object.entries(suite.services))
      expect({ name, ready: await (await fetch(`${url}/ready`)).json() }).toMatchObject({ name, ready: { redis: true, postgres: true } });
    expect(await (await fetch(`${suite.url}/ready`)).json()).toMatchObject({ status: 'ready', redis: true });
    // The queue dashboard reads the event queues on the cluster: folio's queue completed the event.
    const board = await fetch(`${suite.url}/admin/queues/api/queues`, { headers: bearer(['info_systems'], ['113']) });
    expect(board.status).toBe(200);
    const { queues } = (await board.json()) as { queues: { name: string; counts: Record<string, number> }[] };
    expect(queues.find((q) => q.name === 'events-folio')?.counts.completed).toBeGreaterThan(0);
  });
});
