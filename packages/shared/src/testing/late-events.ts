import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { eventQueueName, PRODUCERS, type EventEnvelope, type EventPayload, type EventType, type ServiceName } from '../events';

/**
 * An event that happened `msAgo` before now and reaches `service` only now, as a job redelivered
 * after a stall does (PLT-08): added to the service's own event queue, past its outbox, so it
 * arrives after events that followed it. Returns the envelope, to wait until it is applied.
 */
export async function deliverLate<T extends EventType>(
  config: { REDIS_URL: string; QUEUE_PREFIX: string },
  service: ServiceName,
  type: T,
  payload: EventPayload<T>,
  msAgo = 60_000,
): Promise<EventEnvelope<T>> {
  const envelope: EventEnvelope<T> = {
    id: randomUUID(),
    type,
    source: PRODUCERS[type][0]!,
    occurredAt: new Date(Date.now() - msAgo).toISOString(),
    payload,
  };
  const queue = new Queue(eventQueueName(service), { connection: { url: config.REDIS_URL }, prefix: config.QUEUE_PREFIX });
  try {
    await queue.add(type, envelope, { jobId: envelope.id });
  } finally {
    await queue.close();
  }
  return envelope;
}
