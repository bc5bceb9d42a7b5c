import type { FastifyInstance } from 'fastify';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { BeforeHook, QueueAdapterOptions } from '@bull-board/api/typings/app';
import { FastifyAdapter } from '@bull-board/fastify';
import { Queue } from 'bullmq';
import { eventQueueName, SERVICES } from '@eron/shared';
import { createRedis } from '@eron/shared/platform';
import type { GatewayConfig } from '../config';
import { securityHeaders } from '../security-headers';
import { adminGuard, type Verify } from './admin-auth';

const BASE_PATH = '/admin/queues';

/** The only change the dashboard may make: put failed jobs back in their queue (the replay of PLT-08). */
const RETRY_FAILED = new Set(['/api/queues/:queueName/retry/:queueStatus', '/api/queues/:queueName/:jobId/retry']);

/**
 * Read-only but for retrying failed jobs (PLT-10). bull-board's `readOnlyMode` would also refuse
 * retries (it turns `allowRetries` off), so the board runs writable and this hook, which sees each
 * API route's template before its handler, refuses every change but a retry of a failed job:
 * adding, editing, promoting, cleaning, emptying, pausing or obliterating is a 405.
 */
const onlyRetryFailed: BeforeHook = async ({ method, route, request }) => {
  if (method === 'get') return undefined;
  if (method === 'put' && RETRY_FAILED.has(route)) {
    const { queueName, queueStatus, jobId } = request.params as Record<string, string | undefined>;
    if (queueStatus !== undefined) return queueStatus === 'failed' ? undefined : readOnly();
    const job = await request.queues.get(queueName ?? '')?.getJob(jobId ?? '');
    if (!job || (await job.getState()) === 'failed') return undefined; // bull-board answers 404 for a missing one
    return readOnly();
  }
  return readOnly();
};
const readOnly = () => ({ allow: false, status: 405 as const, errorKey: 'ERRORS.QUEUE_READ_ONLY' as const });

/** The event queues' dashboard behind the gateway, for admin roles only (PLT-10). */
export default async function queuesDashboard(app: FastifyInstance, opts: { config: GatewayConfig; verify: Verify }): Promise<void> {
  // Its own connection: dashboard commands may wait for Redis, unlike the rate limiter's.
  const connection = createRedis(opts.config, { maxRetriesPerRequest: 1, lazyConnect: true });
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
    // A queue still connecting when its connection goes reports it as an unhandled error: let them finish first.
    let timer: NodeJS.Timeout | undefined;
    const ready = Promise.allSettled(queues.map((q) => q.waitUntilReady()));
    await Promise.race([ready, new Promise((resolve) => (timer = setTimeout(resolve, 1_000)))]);
    clearTimeout(timer);
    await Promise.all(queues.map((q) => q.close().catch(() => undefined)));
    connection.disconnect();
  });

  // The UI offers retry on failed jobs only; every other action it shows is refused by the hook.
  const adapterOptions: Partial<QueueAdapterOptions> & { allowCompletedRetries: boolean } = {
    readOnlyMode: false,
    allowRetries: true,
    allowCompletedRetries: false,
  };
  const serverAdapter = new FastifyAdapter().setBasePath(BASE_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, adapterOptions)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'ERON — eventos' }, handlerHooks: { before: onlyRetryFailed } },
  });
  await securityHeaders(app);
  app.addHook('onRequest', adminGuard(opts.verify));
  await app.register(serverAdapter.registerPlugin(), { prefix: BASE_PATH });
}
