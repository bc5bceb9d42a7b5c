import { Queue } from 'bullmq';
import type { RedisClient } from './redis';
import type { FastifyBaseLogger } from 'fastify';
import { eventQueueName, type ServiceName } from '../events';

/**
 * The producer's side of every subscriber's event queue, on one shared Redis connection that
 * fails fast while Redis is down (the outbox keeps the events until it is back, PLT-08).
 *
 * BullMQ keeps a queue whose first connection failed (Redis cut mid-handshake) failed for good:
 * every later add rejects with that first error. Such a queue is dropped here, so the relay's
 * next try builds a new one instead of stalling until a restart.
 */
export class EventQueues {
  private readonly queues = new Map<ServiceName, Queue>();

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly log: FastifyBaseLogger,
  ) {}

  for(service: ServiceName): Queue {
    const known = this.queues.get(service);
    if (known) return known;
    const queue = new Queue(eventQueueName(service), { connection: this.redis, prefix: this.prefix });
    queue.on('error', () => undefined);
    queue.waitUntilReady().catch((err: Error) => {
      this.log.warn({ queue: service, err: err.message }, 'Event queue failed to connect; the relay will build a new one');
      if (this.queues.get(service) === queue) this.queues.delete(service);
      void queue.close().catch(() => undefined);
    });
    this.queues.set(service, queue);
    return queue;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
  }
}
