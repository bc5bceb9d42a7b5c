import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { EventQueues } from '../src/platform';
import { eventually, TcpProxy } from '../src/testing';

describe('PLT-08 the relay recovers from a Redis cut while it connects a queue', () => {
  let proxy: TcpProxy;
  let redis: Redis;
  let queues: EventQueues;

  beforeAll(async () => {
    proxy = await TcpProxy.forUrl(process.env.REDIS_URL!).start();
    redis = new Redis(proxy.rewrite(process.env.REDIS_URL!), { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
    await eventually(async () => redis.status === 'ready', 5_000, 'Redis through the proxy');
    queues = new EventQueues(redis, `eq-${randomUUID().slice(0, 8)}`, pino({ level: 'silent' }));
  });
  afterAll(async () => {
    await queues.close();
    redis.disconnect();
    await proxy.stop();
  });

  it('PLT-08 when Redis is cut while a subscriber queue first connects then, once Redis is back, events are added to it', async () => {
    // The cut lands while the new queue asks Redis its version: BullMQ keeps that queue failed.
    const cutting = proxy.cut();
    const first = queues.for('folio');
    await cutting;
    await expect(first.waitUntilReady()).rejects.toThrow();
    await proxy.restore();
    await eventually(async () => redis.status === 'ready', 5_000, 'Redis back through the proxy');

    const job = await eventually(
      () => queues.for('folio').add('ppl.admitted', { id: 'e1' }, { jobId: 'e1' }),
      5_000,
      'an add to the folio queue after Redis returns',
    );
    expect(job.id).toBe('e1');
    expect(queues.for('folio')).not.toBe(first);
  });
});
