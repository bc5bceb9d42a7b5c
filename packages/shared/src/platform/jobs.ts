import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { ServiceName } from '../events';
import type { BaseEnv } from './config';
import { pruneIdempotencyKeys } from './idempotency';
import type { PlatformTables } from './tables';

/**
 * Background work of a service (PLT-10): deadline watchers, sweepers, prunes, long uploads. Each
 * runs as a BullMQ job on the service's own jobs queue, so with several instances of a service
 * exactly one runs each occurrence, and nothing runs in a process that only renders OpenAPI.
 */
export interface JobDefinition<R> {
  /** Repeats every so many milliseconds (a BullMQ job scheduler, `upsertJobScheduler`); 0 = never. */
  every?: (runtime: R) => number;
  /** The work; throwing retries it with backoff and keeps it failed for the dashboard. */
  run: (runtime: R, data: Record<string, unknown>, log: FastifyBaseLogger) => Promise<void>;
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

  /** Runs job `name` as soon as a worker is free; the same `key` while one is waiting or running adds nothing. */
  async trigger(name: string, data: Record<string, unknown> = {}, key?: string): Promise<void> {
    await this.queue.add(name, data, key ? { deduplication: { id: `${name}-${key}` } } : {});
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
        await def.run(runtime, (job.data ?? {}) as Record<string, unknown>, log.child({ job: job.name, jobId: job.id }));
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
