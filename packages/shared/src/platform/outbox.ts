import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Queue } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import { SUBSCRIBERS, type EventEnvelope, type EventPayload, type EventType, type ServiceName } from '../events';
import type { PlatformTables } from './tables';

/** Retry policy of every event job: exponential backoff, failures kept for replay (PLT-08). */
export const EVENT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { age: 86_400, count: 10_000 },
  removeOnFail: false,
} as const;

/**
 * Writes an event to the outbox inside the caller's transaction (PLT-08): it is published if and
 * only if the change commits.
 */
export async function publish<T extends EventType>(
  trx: Transaction<PlatformTables>,
  source: ServiceName,
  type: T,
  payload: EventPayload<T>,
  requestId?: string,
): Promise<EventEnvelope<T>> {
  const envelope: EventEnvelope<T> = { id: randomUUID(), type, source, occurredAt: new Date().toISOString(), requestId, payload };
  await trx
    .insertInto('outbox')
    .values({ id: envelope.id, type, envelope: JSON.stringify(envelope), published_at: null })
    .execute();
  return envelope;
}

/**
 * Moves committed outbox rows to one BullMQ queue per subscriber. Rows are locked with SKIP
 * LOCKED so several instances relay side by side; a row is marked published only after every
 * queue took it, and job IDs are event IDs so a re-relay after a crash adds nothing twice.
 * While Redis is down the adds fail fast, nothing is marked, and the next tick tries again.
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
      while (!this.stopped && (await this.relayBatch()) > 0);
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
      await Promise.all(
        rows.flatMap(({ envelope }) =>
          SUBSCRIBERS[envelope.type].map((service) =>
            this.queueFor(service).add(envelope.type, envelope, { ...EVENT_JOB_OPTIONS, jobId: envelope.id }),
          ),
        ),
      );
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
}
