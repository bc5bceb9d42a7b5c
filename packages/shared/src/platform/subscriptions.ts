import { Queue, UnrecoverableError, Worker, type ConnectionOptions } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { isEventType, PRODUCERS, SERVICES, type EventType, type ServiceName } from '../events';
import { subscribe, type OutboxRelay } from './outbox';
import type { PlatformTables } from './tables';

/**
 * Subscriptions travel on a queue of their own per producer (PLT-08): a consumer asks, on every
 * start, each producer of the types it handles to send them; the producer records it and its
 * relay catches a new subscriber up from the outbox. Idempotent, so asking again changes nothing.
 */
export const subscriptionQueueName = (producer: ServiceName): string => `subscriptions-${producer}`;

const produces = (service: ServiceName): boolean => Object.values(PRODUCERS).some((p) => p.includes(service));

/** In a producer: records the subscriptions asked for and wakes the relay to catch them up. */
export function startSubscriptionWorker(opts: {
  service: ServiceName;
  db: Kysely<PlatformTables>;
  relay: OutboxRelay;
  connection: ConnectionOptions;
  prefix: string;
  log: FastifyBaseLogger;
}): Worker | undefined {
  if (!produces(opts.service)) return undefined;
  const worker = new Worker(
    subscriptionQueueName(opts.service),
    async (job) => {
      const { subscriber, types } = (job.data ?? {}) as { subscriber?: unknown; types?: unknown };
      const valid =
        SERVICES.includes(subscriber as ServiceName) &&
        Array.isArray(types) &&
        types.every((t) => isEventType(t) && PRODUCERS[t].includes(opts.service));
      if (!valid) throw new UnrecoverableError('Subscription refused: unknown subscriber or event types not published here');
      for (const type of types as EventType[]) {
        if (await subscribe(opts.db, subscriber as ServiceName, type)) {
          opts.log.info({ subscriber, type }, 'New subscriber: catching it up from the outbox');
        }
      }
      opts.relay.kick();
    },
    { connection: opts.connection, prefix: opts.prefix, concurrency: 1 },
  );
  worker.on('error', (err) => opts.log.warn({ err: err.message }, 'Subscription worker connection problem'));
  worker.on('failed', (job, err) => opts.log.error({ jobId: job?.id, err: err.message }, 'Subscription failed'));
  return worker;
}

/**
 * In a consumer: asks each producer of the types it handles to send them. The requests wait while
 * Redis is down; returns the queues to close.
 */
export function subscribeWithProducers(opts: {
  service: ServiceName;
  types: EventType[];
  connection: ConnectionOptions;
  prefix: string;
  log: FastifyBaseLogger;
}): Queue[] {
  const producers = [...new Set(opts.types.flatMap((t) => PRODUCERS[t]))];
  return producers.map((producer) => {
    const queue = new Queue(subscriptionQueueName(producer), { connection: opts.connection, prefix: opts.prefix });
    queue.on('error', () => undefined);
    const types = opts.types.filter((t) => PRODUCERS[t].includes(producer)).sort();
    queue
      .add(
        'subscribe',
        { subscriber: opts.service, types },
        {
          jobId: `${opts.service}-${types.join(',')}`,
          attempts: 20,
          backoff: { type: 'exponential', delay: 1_000 },
          removeOnComplete: true,
          removeOnFail: { count: 1_000 },
        },
      )
      .catch((err: Error) => opts.log.warn({ producer, err: err.message }, 'Could not subscribe; will on the next start'));
    return queue;
  });
}
