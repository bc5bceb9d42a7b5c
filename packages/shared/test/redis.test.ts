import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Cluster, Redis } from 'ioredis';
import pino from 'pino';
import { createRedis, hashTagOf, JobRunner, loadConfig, NoExtra, redisNonceStore, type RedisClient } from '../src/platform';
import { eventually, redisServerPath, startRedisCluster, type TestRedisCluster } from '../src/testing';

const NODES = 'redis://:s3cret@10.0.0.1:7000,redis://10.0.0.2:7001, redis://10.0.0.3:7002';
const load = (env: Record<string, unknown>) => loadConfig(NoExtra, { JWT_SECRET: 'a-key-of-this-test-only', ...env });

describe('PLT-08 Redis settings: one node, or a Redis Cluster with hash-tagged keys', () => {
  it('PLT-08 when REDIS_CLUSTER is not set then REDIS_URL is one node, connected to as before', () => {
    const config = load({ REDIS_URL: 'redis://:pw@127.0.0.1:6390', QUEUE_PREFIX: 'eron' });
    expect(config).toMatchObject({ REDIS_CLUSTER: false, QUEUE_PREFIX: 'eron' });
    const redis = createRedis(config, { lazyConnect: true, maxRetriesPerRequest: 1 });
    expect(redis).toBeInstanceOf(Redis);
    expect((redis as Redis).options).toMatchObject({ host: '127.0.0.1', port: 6390, password: 'pw', maxRetriesPerRequest: 1 });
    redis.disconnect();
  });

  it('PLT-08 when REDIS_CLUSTER=true then REDIS_URL lists seed nodes and each node connects with the first URL’s password', () => {
    const config = load({ REDIS_CLUSTER: 'true', REDIS_URL: NODES, QUEUE_PREFIX: '{eron}' });
    expect(config.REDIS_CLUSTER).toBe(true);
    const cluster = createRedis(config, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: null });
    expect(cluster).toBeInstanceOf(Cluster);
    const { options } = cluster as Cluster;
    expect(options).toMatchObject({ lazyConnect: true, enableOfflineQueue: false });
    expect(options.redisOptions).toEqual({ maxRetriesPerRequest: null, password: 's3cret' });
    expect((cluster as unknown as { startupNodes: unknown[] }).startupNodes).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
      { host: '10.0.0.3', port: 7002 },
    ]);
    cluster.disconnect();
  });

  it('PLT-08 when REDIS_CLUSTER=true and QUEUE_PREFIX holds no {hash tag} then the process refuses to start, saying why', () => {
    for (const prefix of ['eron', '{}eron', 'eron{', 'eron}{'])
      expect(() => load({ REDIS_CLUSTER: 'true', REDIS_URL: NODES, QUEUE_PREFIX: prefix })).toThrow(
        `Redis settings refused: QUEUE_PREFIX=${prefix} holds no {hash tag}`,
      );
    expect(() => load({ REDIS_CLUSTER: 'true', REDIS_URL: NODES, QUEUE_PREFIX: 'eron' })).toThrow(/CROSSSLOT.*QUEUE_PREFIX=\{eron\}/);
    expect(load({ REDIS_CLUSTER: 'true', REDIS_URL: NODES, QUEUE_PREFIX: 'prod{eron}' }).QUEUE_PREFIX).toBe('prod{eron}');
  });

  it('PLT-08 when REDIS_URL lists several nodes without REDIS_CLUSTER, or a cluster node is no redis:// URL, then the process refuses to start', () => {
    expect(() => load({ REDIS_URL: NODES })).toThrow('REDIS_URL names 3 nodes, which is a Redis Cluster: set REDIS_CLUSTER=true');
    expect(() => load({ REDIS_CLUSTER: 'true', REDIS_URL: '10.0.0.1:7000', QUEUE_PREFIX: '{eron}' })).toThrow(
      'REDIS_URL must list the cluster nodes as redis://',
    );
    expect(() => load({ REDIS_CLUSTER: 'true', REDIS_URL: ' , ', QUEUE_PREFIX: '{eron}' })).toThrow(
      'needs REDIS_URL to name at least one node',
    );
  });

  it('PLT-08 the hash tag is what Redis Cluster hashes: the first {…} that is not empty', () => {
    expect(hashTagOf('{eron}')).toBe('eron');
    expect(hashTagOf('prod{eron}:x')).toBe('eron');
    expect(hashTagOf('{a}{b}')).toBe('a');
    expect(hashTagOf('eron')).toBeUndefined();
    expect(hashTagOf('{}{eron}')).toBeUndefined(); // Redis hashes the whole key then
  });
});

const withRedisServer = redisServerPath() ? describe : describe.skip;

withRedisServer('PLT-08 on a real Redis Cluster (three redis-server masters started by the test)', () => {
  let cluster: TestRedisCluster;
  const open: RedisClient[] = [];
  const connect = (options: Parameters<typeof createRedis>[1]) => {
    const client = createRedis({ REDIS_URL: cluster.url, REDIS_CLUSTER: true }, options);
    client.on('error', () => undefined);
    open.push(client);
    return client;
  };
  beforeAll(async () => {
    cluster = await startRedisCluster();
  }, 60_000);
  afterAll(async () => {
    for (const c of open) c.disconnect();
    await cluster?.close();
  });

  it('PLT-08 when a job is triggered with a hash-tagged prefix then a worker on the cluster runs it, and nonces are kept once', async () => {
    const prefix = `{t${randomUUID().slice(0, 8)}}`;
    const log = pino({ level: 'silent' });
    const jobs = new JobRunner({
      service: 'folio',
      connection: connect({ enableOfflineQueue: false, maxRetriesPerRequest: 1 }),
      prefix,
      log,
    });
    const ran: unknown[] = [];
    jobs.start({ probe: { run: async (_rt, data) => void ran.push(data) } }, {}, connect({ maxRetriesPerRequest: null }));
    try {
      await jobs.trigger('probe', { n: 1 }, 'k1');
      expect(await eventually(async () => ran.length > 0 && ran, 15_000, 'the job on the cluster')).toEqual([{ n: 1 }]);
      const nonces = redisNonceStore(connect({}), `${prefix}:hmac:test:`);
      expect(await nonces.claim('bank-1', 'sig', 60_000)).toBe(true);
      expect(await nonces.claim('bank-1', 'sig', 60_000)).toBe(false);
    } finally {
      await jobs.close();
    }
  }, 30_000);

  it('PLT-08 when a queue’s prefix has no hash tag then BullMQ cannot add to it on the cluster (CROSSSLOT): why such a prefix is refused at boot', async () => {
    const queue = new Queue('events-folio', { connection: connect({ maxRetriesPerRequest: 1 }), prefix: `t${randomUUID().slice(0, 8)}` });
    queue.on('error', () => undefined);
    try {
      await expect(queue.add('ppl.admitted', { id: 'e1' })).rejects.toThrow(/CROSSSLOT/);
    } finally {
      await queue.close();
    }
  }, 30_000);
});
