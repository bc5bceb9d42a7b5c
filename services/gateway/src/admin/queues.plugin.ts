import type { FastifyInstance } from 'fastify';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { eventQueueName, SERVICES } from '@eron/shared';
import type { GatewayConfig } from '../config';
import { adminGuard, type Verify } from './admin-auth';

const BASE_PATH = '/admin/queues';

/**
 * The event queues' dashboard behind the gateway, for admin roles only (PLT-10). Read-write, so
 * an operator can retry failed jobs — the replay of PLT-08.
 */
export default async function queuesDashboard(app: FastifyInstance, opts: { config: GatewayConfig; verify: Verify }): Promise<void> {
  // Its own connection: dashboard commands may wait for Redis, unlike the rate limiter's.
  const connection = new Redis(opts.config.REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  let down = false;
  connection.on('error', (err) => {
    if (!down) app.log.warn({ err }, 'Redis unreachable from the queue dashboard');
    down = true;
  });
  connection.on('ready', () => (down = false));
  connection.connect().catch(() => undefined);

  const queues = SERVICES.map((s) => new Queue(eventQueueName(s), { connection, prefix: opts.config.QUEUE_PREFIX }));
  for (const q of queues) q.on('error', () => undefined); // already reported by the connection
  app.addHook('onClose', async () => {
    await Promise.all(queues.map((q) => q.close().catch(() => undefined)));
    connection.disconnect();
  });

  const serverAdapter = new FastifyAdapter().setBasePath(BASE_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false, allowRetries: true })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'ERON — eventos' } },
  });
  app.addHook('onRequest', adminGuard(opts.verify));
  await app.register(serverAdapter.registerPlugin(), { prefix: BASE_PATH });
}
