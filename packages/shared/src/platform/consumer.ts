import { UnrecoverableError, Worker, type ConnectionOptions } from 'bullmq';
import type { Kysely, Transaction } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { eventQueueName, SUBSCRIBERS, type EventEnvelope, type EventType, type ServiceName } from '../events';
import { contextFor, systemActor, type Ctx } from './context';
import { checkEvent } from './event-check';
import type { PlatformTables } from './tables';
import { eventAttributes, extractTrace, inSpan, SpanKind, tracingOn, type TraceContext } from './tracing';

/** A handler's use-case context: the inbox's transaction, the system as actor, the event's request ID. */
export interface EventContext<DB> extends Ctx<DB> {
  log: FastifyBaseLogger;
}

/** What a service does with each event it subscribes to; runs in the inbox's transaction. */
export type EventHandlers<DB> = {
  [T in EventType]?: (event: EventEnvelope<T>, ctx: EventContext<DB>) => Promise<void>;
};

type AnyHandler<DB> = (e: EventEnvelope, c: EventContext<DB>) => Promise<void>;

/** A job that must never be applied (forged, malformed, unknown): failed at once, kept, never retried. */
export class EventRefused extends UnrecoverableError {
  constructor(readonly problems: string[]) {
    super(`Event refused: ${problems.join('; ')}`);
    this.name = 'EventRefused';
  }
}

/** The event types a service handles, checked against the contract: a handler nobody sends to is a bug. */
export function handledTypes<DB>(service: ServiceName, handlers: EventHandlers<DB>): EventType[] {
  const types = Object.keys(handlers) as EventType[];
  const stray = types.filter((t) => !SUBSCRIBERS[t]?.includes(service));
  if (stray.length > 0) throw new Error(`${service} handles ${stray.join(', ')} but SUBSCRIBERS does not list it for them`);
  return types;
}

/**
 * Applies each event once (PLT-08): the inbox row and the handler's writes commit together, so
 * a redelivered event finds its ID and is skipped. Failures are retried with backoff by BullMQ
 * and kept, once attempts run out, for inspection and replay. `trace` is the consumer's span, so
 * what the handler publishes continues the event's trace.
 */
export async function applyOnce<DB>(
  service: ServiceName,
  db: Kysely<DB & PlatformTables>,
  handler: AnyHandler<DB>,
  event: EventEnvelope,
  log: FastifyBaseLogger,
  onPublish: () => void = () => undefined,
  trace?: TraceContext,
): Promise<'applied' | 'duplicate'> {
  const platform = db as unknown as Kysely<PlatformTables>;
  return platform.transaction().execute(async (trx) => {
    const fresh = await trx
      .insertInto('inbox')
      .values({ event_id: event.id, type: event.type })
      .onConflict((oc) => oc.column('event_id').doNothing())
      .returning('event_id')
      .executeTakeFirst();
    if (!fresh) return 'duplicate';
    const who = { actor: systemActor(`event:${event.type}`), requestId: event.requestId ?? event.id, trace };
    const ctx = contextFor(service, trx as unknown as Transaction<DB>, who, onPublish);
    await handler(event, { ...ctx, log });
    return 'applied';
  });
}

/**
 * Applies an event in a CONSUMER span, a child of the publishing span (the envelope's trace
 * context), so one trace shows a request and what it caused in other services.
 */
async function traced<R>(
  apply: (trace: TraceContext | undefined) => Promise<R>,
  on: { service: ServiceName; queue: string; event: EventEnvelope; attempt: number },
): Promise<R> {
  const attributes = {
    ...eventAttributes(on.service, on.event.type, 'process', on.queue),
    'messaging.message.id': on.event.id,
    'eron.job.attempt': on.attempt,
  };
  return inSpan(`process ${on.event.type}`, SpanKind.CONSUMER, extractTrace(on.event.trace), attributes, async (trace, span) => {
    const outcome = await apply(trace);
    span?.setAttribute('eron.event.outcome', String(outcome));
    return outcome;
  });
}

/**
 * The service's event worker. Each job is checked first (known type, envelope, declared producer,
 * payload schema): one that fails is refused — kept failed, never retried, never applied — and
 * logged at error with where it failed, never its values. A valid event this instance has no
 * handler for is not acknowledged: it fails and is retried (another instance may handle it) and
 * then kept for replay.
 */
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
  handledTypes(opts.service, opts.handlers);
  const queue = eventQueueName(opts.service);
  const worker = new Worker<unknown>(
    queue,
    async (job) => {
      const checked = checkEvent(opts.service, job.name, job.data);
      if (!checked.ok) {
        opts.log.error({ queue, jobId: job.id, problems: checked.problems }, 'Event refused: kept failed, not applied');
        throw new EventRefused(checked.problems);
      }
      const event = checked.event;
      const log = opts.log.child({ requestId: event.requestId, eventId: event.id, eventType: event.type });
      const handler = opts.handlers[event.type] as AnyHandler<DB> | undefined;
      if (!handler) throw new Error(`No handler for ${event.type} in this ${opts.service} instance`);
      let published = false;
      const apply = (trace?: TraceContext) => applyOnce(opts.service, opts.db, handler, event, log, () => (published = true), trace);
      const outcome = tracingOn()
        ? await traced(apply, { service: opts.service, queue, event, attempt: job.attemptsMade + 1 })
        : await apply();
      if (published) opts.onPublish();
      log.info({ outcome }, 'Event consumed');
      return outcome;
    },
    { connection: opts.connection, prefix: opts.prefix, concurrency: opts.concurrency ?? 8, autorun: true },
  );
  worker.on('error', (err) => opts.log.warn({ err: err.message }, 'Event worker connection problem'));
  worker.on('failed', (job, err) => {
    if (!(err instanceof EventRefused)) opts.log.error({ queue, jobId: job?.id, err }, 'Event failed');
  });
  return worker;
}
