import { Worker, type ConnectionOptions } from 'bullmq';
import type { Kysely, Transaction } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { eventQueueName, type EventEnvelope, type EventType, type ServiceName } from '../events';
import { contextFor, systemActor, type Ctx } from './context';
import type { PlatformTables } from './tables';

/** A handler's use-case context: the inbox's transaction, the system as actor, the event's request ID. */
export interface EventContext<DB> extends Ctx<DB> {
  log: FastifyBaseLogger;
}

/** What a service does with each event it subscribes to; runs in the inbox's transaction. */
export type EventHandlers<DB> = {
  [T in EventType]?: (event: EventEnvelope<T>, ctx: EventContext<DB>) => Promise<void>;
};

/**
 * Applies each event once (PLT-08): the inbox row and the handler's writes commit together, so
 * a redelivered event finds its ID and is skipped. Failures are retried with backoff by BullMQ
 * and kept, once attempts run out, for inspection and replay.
 */
export async function applyOnce<DB>(
  service: ServiceName,
  db: Kysely<DB & PlatformTables>,
  handlers: EventHandlers<DB>,
  event: EventEnvelope,
  log: FastifyBaseLogger,
  onPublish: () => void = () => undefined,
): Promise<'applied' | 'duplicate' | 'ignored'> {
  const handler = handlers[event.type] as ((e: EventEnvelope, c: EventContext<DB>) => Promise<void>) | undefined;
  if (!handler) return 'ignored';
  const platform = db as unknown as Kysely<PlatformTables>;
  return platform.transaction().execute(async (trx) => {
    const fresh = await trx
      .insertInto('inbox')
      .values({ event_id: event.id, type: event.type })
      .onConflict((oc) => oc.column('event_id').doNothing())
      .returning('event_id')
      .executeTakeFirst();
    if (!fresh) return 'duplicate';
    const who = { actor: systemActor(`event:${event.type}`), requestId: event.requestId ?? event.id };
    const ctx = contextFor(service, trx as unknown as Transaction<DB>, who, onPublish);
    await handler(event, { ...ctx, log });
    return 'applied';
  });
}

export function startConsumer<DB>(opts: {
  service: ServiceName;
  db: Kysely<DB & PlatformTables>;
  handlers: EventHandlers<DB>;
  connection: ConnectionOptions;
  prefix: string;
  log: FastifyBaseLogger;
  /** Told when a handler published: the relay is woken once the inbox transaction committed. */
  onPublish: () => void;
  concurrency?: number;
}): Worker {
  const worker = new Worker<EventEnvelope>(
    eventQueueName(opts.service),
    async (job) => {
      const event = job.data;
      const log = opts.log.child({ requestId: event.requestId, eventId: event.id, eventType: event.type });
      let published = false;
      const outcome = await applyOnce(opts.service, opts.db, opts.handlers, event, log, () => (published = true));
      if (published) opts.onPublish();
      log.info({ outcome }, 'Event consumed');
      return outcome;
    },
    { connection: opts.connection, prefix: opts.prefix, concurrency: opts.concurrency ?? 8, autorun: true },
  );
  worker.on('error', (err) => opts.log.warn({ err: err.message }, 'Event worker connection problem'));
  worker.on('failed', (job, err) => opts.log.error({ jobId: job?.id, err }, 'Event failed'));
  return worker;
}
