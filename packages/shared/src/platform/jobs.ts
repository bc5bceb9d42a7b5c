import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { ServiceName } from '../events';
import type { BaseEnv } from './config';
import { pruneIdempotencyKeys } from './idempotency';
import type { PlatformTables } from './tables';
import { extractTrace, inSpan, jobAttributes, SpanKind, traceCarrier, tracingOn, type TraceContext } from './tracing';

/**
 * Background work of a service (PLT-10): deadline watchers, sweepers, prunes, long uploads. Each
 * runs as a BullMQ job on the service's own jobs queue, so with several instances of a service
 * exactly one runs each occurrence, and nothing runs in a process that only renders OpenAPI.
 */
export interface JobDefinition<R> {
  /** Repeats every so many milliseconds (a BullMQ job scheduler, `upsertJobScheduler`); 0 = never. */
  every?: (runtime: R) => number;
  /**
   * The work; throwing retries it with backoff and keeps it failed for the dashboard. `trace` is
   * the job's span (tracing on only): given as `who.trace` to `runtime.system`, the job's
   * transactions and the events they publish continue the trace of whoever triggered it.
   */
  run: (runtime: R, data: Record<string, unknown>, log: FastifyBaseLogger, trace?: TraceContext) => Promise<void>;
}

export type JobDefinitions<R> = Record<string, JobDefinition<R>>;

/** How often the platform prunes idempotency keys past their retention. */
const PRUNE_EVERY_MS = 3_600_000;

/** Work every service runs on its own jobs queue, merged under the service's own `jobs`. */
export function platformJobs<R extends { db: unknown; config: BaseEnv }>(): JobDefinitions<R> {
  return {
    // PLT-05: keys are kept IDEMPOTENCY_RETENTION_HOURS (at least 24 h), then pruned.
    'prune-idempotency-keys': {
      every: () => PRUNE_EVERY_MS,
      run: async (runtime, _data, log) => {
        const pruned = await pruneIdempotencyKeys(runtime.db as Kysely<PlatformTables>, runtime.config.IDEMPOTENCY_RETENTION_HOURS);
        if (pruned > 0) log.info({ pruned }, 'Idempotency keys pruned');
      },
    },
  };
}

export const jobsQueueName = (service: ServiceName): string => `jobs-${service}`;

/** The key of job data that carries the trigger's W3C trace context; the job's `run` never sees it. */
export const JOB_TRACE_KEY = 'traceContext';

/** The job's data without the trace it carried, and that trace's context (the trigger's span), if it carried one. */
function traceOfJob(data: unknown): { data: Record<string, unknown>; parent?: TraceContext } {
  const { [JOB_TRACE_KEY]: carrier, ...rest } = (data ?? {}) as Record<string, unknown>;
  const valid = typeof carrier === 'object' && carrier !== null;
  return { data: rest, ...(valid ? { parent: extractTrace(carrier as Record<string, unknown>) } : {}) };
}

const JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { count: 10_000 },
};

/** The service's jobs queue: triggers from anywhere, the worker and schedules only where work runs. */
export class JobRunner {
  private readonly queue: Queue;
  private worker?: Worker;
  private retry?: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly opts: { service: ServiceName; connection: ConnectionOptions; prefix: string; log: FastifyBaseLogger }) {
    this.queue = new Queue(jobsQueueName(opts.service), {
      connection: opts.connection,
      prefix: opts.prefix,
      defaultJobOptions: JOB_OPTIONS,
    });
    this.queue.on('error', () => undefined);
  }

  /**
   * Runs job `name` as soon as a worker is free; the same `key` while one is waiting or running adds
   * nothing. `parent` (the request's trace, `traceOf(req)`) is carried in the job's data as a W3C
   * `traceparent`, in a PRODUCER span, so the job continues the request's trace; with tracing off
   * nothing is added.
   */
  async trigger(name: string, data: Record<string, unknown> = {}, key?: string, parent?: TraceContext): Promise<void> {
    const opts = key ? { deduplication: { id: `${name}-${key}` } } : {};
    if (!tracingOn()) {
      await this.queue.add(name, data, opts);
      return;
    }
    const attributes = jobAttributes(this.opts.service, name, 'send', this.queue.name);
    await inSpan(`trigger ${name}`, SpanKind.PRODUCER, parent, attributes, async (ctx, span) => {
      const carrier = traceCarrier(ctx);
      const job = await this.queue.add(name, carrier ? { ...data, [JOB_TRACE_KEY]: carrier } : data, opts);
      if (job.id) span?.setAttribute('messaging.message.id', job.id);
    });
  }

  /** Works the service's jobs and upserts their schedules: one schedule per job, whatever the instances. */
  start<R>(jobs: JobDefinitions<R>, runtime: R, connection: ConnectionOptions): void {
    const { service, prefix, log } = this.opts;
    if (Object.keys(jobs).length === 0) return;
    this.worker = new Worker(
      jobsQueueName(service),
      async (job) => {
        const def = jobs[job.name];
        if (!def) throw new Error(`No job named ${job.name} in ${service}`);
        const { data, parent } = traceOfJob(job.data);
        const jobLog = log.child({ job: job.name, jobId: job.id });
        // A scheduled run carries no trace and makes none: the file sweep alone would be a trace a second.
        if (!tracingOn() || !parent) return def.run(runtime, data, jobLog);
        // A CONSUMER span under the trigger's.
        const attributes = {
          ...jobAttributes(service, job.name, 'process', jobsQueueName(service)),
          ...(job.id ? { 'messaging.message.id': job.id } : {}),
          'eron.job.attempt': job.attemptsMade + 1,
        };
        return inSpan(`job ${job.name}`, SpanKind.CONSUMER, parent, attributes, (ctx) => def.run(runtime, data, jobLog, ctx));
      },
      { connection, prefix, concurrency: 2 },
    );
    this.worker.on('error', (err) => log.warn({ err: err.message }, 'Job worker connection problem'));
    this.worker.on('failed', (job, err) => log.error({ job: job?.name, jobId: job?.id, err }, 'Job failed'));
    this.schedule(jobs, runtime);
  }

  /**
   * Upserts each job's schedule (or removes one set to 0). A service boots while Redis is down
   * (PLT-08, PLT-17): this does not hold the boot, it tries again every few seconds until Redis
   * takes the schedules.
   */
  private schedule<R>(jobs: JobDefinitions<R>, runtime: R): void {
    const attempt = async (): Promise<void> => {
      if (this.closed) return;
      try {
        for (const [name, def] of Object.entries(jobs)) {
          const every = def.every?.(runtime) ?? 0;
          if (every > 0) await this.queue.upsertJobScheduler(name, { every }, { name, data: {} });
          else await this.queue.removeJobScheduler(name);
        }
      } catch {
        this.retry = setTimeout(() => void attempt(), 2_000);
        this.retry.unref();
      }
    };
    void attempt();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.worker?.close();
    await this.queue.close().catch(() => undefined);
  }
}
