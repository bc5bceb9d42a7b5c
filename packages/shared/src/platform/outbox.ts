import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Queue } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import {
  eventQueueName,
  PRODUCERS,
  SUBSCRIBERS,
  type EventEnvelope,
  type EventPayload,
  type EventTrace,
  type EventType,
  type ServiceName,
} from '../events';
import type { PlatformTables } from './tables';
import { eventAttributes, extractTrace, inSpan, linkTo, SpanKind, startSpan, failSpan, traceCarrier, tracingOn } from './tracing';

/** Retry policy of every event job: exponential backoff, failures kept for replay (PLT-08). */
export const EVENT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { age: 86_400, count: 10_000 },
  removeOnFail: false,
} as const;

/**
 * Writes an event to the outbox inside the caller's transaction (PLT-08): it is published if and
 * only if the change commits. `trace` is the publishing span's context, carried to the consumer.
 */
export async function publish<T extends EventType>(
  trx: Transaction<PlatformTables>,
  source: ServiceName,
  type: T,
  payload: EventPayload<T>,
  requestId?: string,
  trace?: EventTrace,
): Promise<EventEnvelope<T>> {
  // Consumers refuse an event from a service the contract does not name as its producer.
  if (!PRODUCERS[type].includes(source)) throw new Error(`${source} may not publish ${type} (PRODUCERS)`);
  const envelope: EventEnvelope<T> = {
    id: randomUUID(),
    type,
    source,
    occurredAt: new Date().toISOString(),
    requestId,
    ...(trace ? { trace } : {}),
    payload,
  };
  await trx
    .insertInto('outbox')
    .values({ id: envelope.id, type, envelope: JSON.stringify(envelope), published_at: null })
    .execute();
  return envelope;
}

/** Catch-up batches are smaller than live ones so live events never wait long behind them. */
const CATCH_UP_BATCH = 100;

/**
 * Subscribes `subscriber` to `type` at its producer (this service): from now on the relay sends
 * it every new event of that type, and first catches it up with every one the outbox retains.
 * Idempotent: an existing subscription is left as it is. Returns whether it is new.
 */
export async function subscribe(db: Kysely<PlatformTables>, subscriber: ServiceName, type: EventType): Promise<boolean> {
  if (!SUBSCRIBERS[type].includes(subscriber)) throw new Error(`${subscriber} may not consume ${type} (SUBSCRIBERS)`);
  const row = await db
    .insertInto('event_subscriptions')
    .values({ subscriber, type, replay_until: null, replayed_at: null })
    .onConflict((oc) => oc.columns(['subscriber', 'type']).doNothing())
    .returning('subscriber')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Sends `subscriber` again every retained `type` event after outbox position `afterSeq` (the
 * replay command, PLT-08); subscribes it if it was not. Its inbox applies each event once.
 * `trace` is the replay's span: the relay's catch-up batches continue its trace.
 */
export async function rewind(
  db: Kysely<PlatformTables>,
  subscriber: ServiceName,
  type: EventType,
  afterSeq = 0,
  trace?: EventTrace,
): Promise<number> {
  if (!SUBSCRIBERS[type].includes(subscriber)) throw new Error(`${subscriber} may not consume ${type} (SUBSCRIBERS)`);
  const replayTrace = trace ? JSON.stringify(trace) : null;
  const row = await db
    .insertInto('event_subscriptions')
    .values({ subscriber, type, replayed_to: afterSeq, replay_until: null, replayed_at: null, replay_trace: replayTrace })
    .onConflict((oc) =>
      oc.columns(['subscriber', 'type']).doUpdateSet((eb) => ({
        replay_generation: eb('event_subscriptions.replay_generation', '+', 1),
        replayed_to: afterSeq,
        replay_until: null,
        replayed_at: null,
        replay_trace: replayTrace,
      })),
    )
    .returning('replay_generation')
    .executeTakeFirstOrThrow();
  return row.replay_generation;
}

/**
 * The replay command (scripts/events-replay.ts): `rewind` as a span of its own (tracing on), the
 * trace the producer's relay then sends the events again in. Returns the replay's generation.
 */
export async function requestReplay(
  db: Kysely<PlatformTables>,
  replay: { producer: ServiceName; subscriber: ServiceName; type: EventType; afterSeq?: number },
): Promise<number> {
  const { producer, subscriber, type, afterSeq = 0 } = replay;
  const attributes = {
    'eron.service': producer,
    'eron.event.type': type,
    'eron.replay.subscriber': subscriber,
    'eron.replay.after': afterSeq,
  };
  return inSpan(`replay ${type} to ${subscriber}`, SpanKind.INTERNAL, undefined, attributes, async (ctx, span) => {
    const generation = await rewind(db, subscriber, type, afterSeq, traceCarrier(ctx));
    span?.setAttribute('eron.replay.generation', generation);
    return generation;
  });
}

/**
 * Moves committed outbox rows to one BullMQ queue per subscriber. Rows are locked with SKIP
 * LOCKED so several instances relay side by side; a row is marked published only after every
 * queue took it, and job IDs are event IDs so a re-relay after a crash adds nothing twice.
 * While Redis is down the adds fail fast, nothing is marked, and the next tick tries again.
 *
 * Published rows are kept: a new subscriber is caught up from them in outbox order, with job IDs
 * of their own (`<event id>-r<generation>`) so no earlier job of the same event hides them, and
 * its inbox skips what it already applied.
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: Kysely<PlatformTables>,
    private readonly queueFor: (service: ServiceName) => Queue,
    private readonly log: FastifyBaseLogger,
    private readonly pollMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
  }

  /** Relay now (called right after a commit that wrote events). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async drain(): Promise<void> {
    try {
      // Live events first each round, so a long catch-up never holds them back.
      for (let more = true; more && !this.stopped;) {
        const live = await this.relayBatch();
        const replayed = await this.catchUpBatch();
        more = live > 0 || replayed > 0;
      }
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'Outbox relay paused; will retry');
    }
  }

  private async relayBatch(): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('outbox')
        .select(['seq', 'envelope'])
        .where('published_at', 'is', null)
        .orderBy('seq')
        .limit(200)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return 0;
      // Read after the rows (a later snapshot): a subscription this misses committed after every
      // one of these rows, so its catch-up, which starts later still, sends them.
      const subscriptions = await trx.selectFrom('event_subscriptions').select(['subscriber', 'type']).execute();
      const subscribers = (type: string) => subscriptions.filter((s) => s.type === type).map((s) => s.subscriber as ServiceName);
      await Promise.all(rows.flatMap(({ envelope }) => subscribers(envelope.type).map((service) => this.send(service, envelope))));
      await trx
        .updateTable('outbox')
        .set({ published_at: new Date() })
        .where(
          'seq',
          'in',
          rows.map((r) => r.seq),
        )
        .execute();
      return rows.length;
    });
  }

  /** One event to one subscriber's queue; with tracing on, as a span of the event's trace. */
  private async send(service: ServiceName, envelope: EventEnvelope): Promise<unknown> {
    const add = () => this.queueFor(service).add(envelope.type, envelope, { ...EVENT_JOB_OPTIONS, jobId: envelope.id });
    if (!tracingOn()) return add();
    const attributes = {
      ...eventAttributes(envelope.source, envelope.type, 'send', eventQueueName(service)),
      'messaging.message.id': envelope.id,
    };
    return inSpan(`send ${envelope.type}`, SpanKind.PRODUCER, extractTrace(envelope.trace), attributes, add);
  }

  /**
   * One batch of one subscription's catch-up: the retained events of its type after its position,
   * up to where the outbox ended when the catch-up began (later ones are relayed live to it).
   */
  private async catchUpBatch(): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const sub = await trx
        .selectFrom('event_subscriptions')
        .selectAll()
        .where('replayed_at', 'is', null)
        .orderBy('subscribed_at')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!sub) return 0;
      const where = (qb: typeof trx) =>
        qb.updateTable('event_subscriptions').where('subscriber', '=', sub.subscriber).where('type', '=', sub.type);
      let until = sub.replay_until === null ? null : Number(sub.replay_until);
      if (until === null) {
        const end = await trx
          .selectFrom('outbox')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .where('type', '=', sub.type)
          .executeTakeFirst();
        until = Number(end?.seq ?? 0);
        await where(trx).set({ replay_until: until }).execute();
      }
      const rows = await trx
        .selectFrom('outbox')
        .select(['seq', 'envelope'])
        .where('type', '=', sub.type)
        .where('seq', '>', String(sub.replayed_to))
        .where('seq', '<=', String(until))
        .orderBy('seq')
        .limit(CATCH_UP_BATCH)
        .execute();
      if (rows.length > 0) await this.sendCatchUp(sub, rows);
      const last = rows.at(-1);
      if (last)
        await where(trx)
          .set({ replayed_to: Number(last.seq) })
          .execute();
      if (rows.length < CATCH_UP_BATCH) {
        await where(trx).set({ replayed_at: new Date() }).execute();
        this.log.info({ subscriber: sub.subscriber, type: sub.type, until }, 'Subscriber caught up from the outbox');
      }
      return rows.length > 0 ? rows.length : 1;
    });
  }

  /**
   * One catch-up batch in one bulk add, in outbox order. Each event goes as it was published, its
   * trace in its envelope, so its consumer's span joins the trace it was published in. With
   * tracing on, the batch is a span of the replay that asked for it (else a trace of its own),
   * linked to each event's trace, and each event gets a `send` span in its own trace, linked back.
   */
  private async sendCatchUp(sub: Selectable<PlatformTables['event_subscriptions']>, rows: { envelope: EventEnvelope }[]): Promise<void> {
    const subscriber = sub.subscriber as ServiceName;
    const add = () =>
      this.queueFor(subscriber).addBulk(
        rows.map(({ envelope }) => ({
          name: envelope.type,
          data: envelope,
          opts: { ...EVENT_JOB_OPTIONS, jobId: `${envelope.id}-r${sub.replay_generation}` },
        })),
      );
    if (!tracingOn()) return void (await add());
    const queue = eventQueueName(subscriber);
    const attributes = (envelope: EventEnvelope) => ({
      ...eventAttributes(envelope.source, envelope.type, 'send', queue),
      'eron.replay.generation': sub.replay_generation,
    });
    const links = rows.flatMap(({ envelope }) => linkTo(envelope.trace) ?? []);
    const batch = { ...attributes(rows[0]!.envelope), 'messaging.batch.message_count': rows.length };
    const parent = extractTrace(sub.replay_trace ?? undefined);
    await inSpan(
      `catch-up ${sub.type}`,
      SpanKind.PRODUCER,
      parent,
      batch,
      async (_ctx, span) => {
        const back = span ? [{ context: span.spanContext() }] : [];
        const sends = rows
          .filter(({ envelope }) => envelope.trace)
          .map(({ envelope }) =>
            startSpan(
              `send ${envelope.type}`,
              SpanKind.PRODUCER,
              extractTrace(envelope.trace),
              { ...attributes(envelope), 'messaging.message.id': envelope.id },
              back,
            ),
          );
        try {
          await add();
        } catch (err) {
          for (const s of sends) failSpan(s, err);
          throw err;
        } finally {
          for (const s of sends) s.end();
        }
      },
      links,
    );
  }
}
