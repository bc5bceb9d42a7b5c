import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sql, type Kysely } from 'kysely';
import metrics from 'fastify-metrics';
import { authPlugin } from './auth.plugin';
import type { BaseEnv } from './config';
import { handledTypes, startConsumer, type EventHandlers } from './consumer';
import { JobRunner, platformJobs, type JobDefinitions } from './jobs';
import { createRuntime, type Runtime } from './runtime';
import { createDb, migrateToLatest, type Migrations } from './db';
import { errorsPlugin, type ConstraintProblems } from './errors.plugin';
import { redisNonceStore } from './hmac';
import { EventQueues } from './event-queues';
import { OutboxRelay } from './outbox';
import { platformMigrations } from './platform.migration';
import {
  REPLAY_TRACE_MIGRATION_NAME,
  replayTraceMigration,
  subscriptionsMigration,
  SUBSCRIPTIONS_MIGRATION_NAME,
} from './subscriptions.migration';
import { startSubscriptionWorker, subscribeWithProducers } from './subscriptions';
import { openApi } from './openapi';
import { createRedis, type RedisClient } from './redis';
import { tracingPlugin } from './tracing.plugin';
import type { ServiceName } from '../events';

export interface ServiceDefinition<DB, Env extends BaseEnv = BaseEnv> {
  name: ServiceName;
  title: string;
  description: string;
  migrations: Migrations;
  handlers?: EventHandlers<DB>;
  /** Background work, run as BullMQ jobs and job schedulers (never from a route plugin). */
  jobs?: JobDefinitions<Runtime<DB, Env>>;
  /** Unique constraints a race between two requests can hit, and the problem each means (see errors.plugin.ts). */
  constraints?: ConstraintProblems;
}

export interface ServiceOptions<Env extends BaseEnv = BaseEnv> {
  config: Env;
  /** False when the app is built only to render its OpenAPI: no relay, consumer or jobs run. */
  background?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: BaseEnv;
    db: Kysely<any>;
    redis: RedisClient;
  }
}

export const allMigrations = (own: Migrations): Migrations => ({
  ...platformMigrations,
  [SUBSCRIPTIONS_MIGRATION_NAME]: subscriptionsMigration,
  [REPLAY_TRACE_MIGRATION_NAME]: replayTraceMigration,
  ...own,
});

/**
 * Everything a service stands on, in order: errors, OpenAPI, auth, Postgres (migrated), Redis,
 * the outbox relay and the event consumer, health/readiness/metrics. Resources close in reverse.
 */
export function servicePlatform<DB, Env extends BaseEnv = BaseEnv>(def: ServiceDefinition<DB, Env>) {
  return fp<ServiceOptions<Env>>(
    async function platform(app: FastifyInstance, { config, background = true }) {
      app.decorate('config', config as BaseEnv);
      // First, so every request — refused ones too — has its span, continuing the gateway's trace.
      await app.register(tracingPlugin, { service: def.name });
      await app.register(errorsPlugin, { constraints: def.constraints });
      await app.register(openApi, def);
      // Producers fail fast while Redis is down; the outbox keeps the events until it is back.
      // One Redis or a Redis Cluster (REDIS_CLUSTER; loadConfig refused a prefix without a hash tag).
      const redis = createRedis(config, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
      redis.on('error', () => undefined);
      redis.connect().catch(() => undefined);
      app.decorate<RedisClient>('redis', redis);
      // Signatures this service accepted, apart from the gateway's (PLT-03).
      await app.register(authPlugin, { ...config, nonces: redisNonceStore(redis, `${config.QUEUE_PREFIX}:hmac:${def.name}:`) });

      const db = createDb<any>(config.DATABASE_URL, def.name, config.DB_POOL_MAX);
      app.decorate('db', db);
      app.addHook('onClose', async () => db.destroy());
      if (config.MIGRATE_ON_START) await migrateToLatest(db, def.name, allMigrations(def.migrations));
      const queues = new EventQueues(redis, config.QUEUE_PREFIX, app.log);
      const relay = new OutboxRelay(db, (service) => queues.for(service), app.log, config.OUTBOX_POLL_MS);
      if (background) relay.start();

      const workerRedis = background ? createRedis(config, { maxRetriesPerRequest: null }).on('error', () => undefined) : undefined;
      const jobs = new JobRunner({ service: def.name, connection: redis, prefix: config.QUEUE_PREFIX, log: app.log });
      const runtime: Runtime<DB, Env> = createRuntime({ service: def.name, db: db as Kysely<DB>, config, relay, jobs });
      if (workerRedis) jobs.start({ ...platformJobs<Runtime<DB, Env>>(), ...def.jobs }, runtime, workerRedis);
      app.decorate('runtime', runtime as unknown as Runtime<unknown>);

      // A service is sent only the event types it handles: nothing reaches it, so nothing is
      // dropped, before it has a handler; then each producer catches it up from its outbox.
      const handled = handledTypes(def.name, def.handlers ?? {});
      const connection = workerRedis ? { connection: workerRedis, prefix: config.QUEUE_PREFIX, log: app.log } : undefined;
      const subscriptions = connection && startSubscriptionWorker({ service: def.name, db, relay, ...connection });
      const worker =
        connection && handled.length > 0
          ? startConsumer({ service: def.name, db, onPublish: () => relay.kick(), handlers: def.handlers ?? {}, ...connection })
          : undefined;
      const producerQueues = worker && connection ? subscribeWithProducers({ service: def.name, types: handled, ...connection }) : [];

      app.addHook('onClose', async () => {
        await worker?.close();
        await subscriptions?.close();
        await jobs.close();
        await relay.stop();
        await queues.close();
        await Promise.all(producerQueues.map((q) => q.close().catch(() => undefined)));
        redis.disconnect();
        workerRedis?.disconnect();
      });

      await app.register(metrics, {
        endpoint: { url: '/metrics', method: 'GET', schema: { hide: true }, config: { auth: 'public' }, handler: undefined as never },
        routeMetrics: { enabled: { histogram: true, summary: false } },
        // One service per process in production; tests run several in one and must not collide.
        clearRegisterOnInit: true,
      });
      app.get('/openapi.json', { schema: { hide: true }, config: { auth: 'public' } }, async () => app.swagger());
      app.get('/health', { schema: { hide: true }, config: { auth: 'public' } }, async () => ({ status: 'ok' }));
      app.get('/ready', { schema: { hide: true }, config: { auth: 'public' } }, async (_req, reply) => {
        const [postgres, redisUp] = await Promise.all([
          withTimeout(
            sql`select 1`.execute(db).then(() => true),
            2_000,
          ),
          withTimeout(
            redis.ping().then(() => true),
            2_000,
          ),
        ]);
        const ok = postgres && redisUp;
        return reply
          .code(ok ? 200 : 503)
          .send({ status: ok ? 'ready' : 'not-ready', postgres, redis: redisUp, service: def.name, version: VERSION });
      });
    },
    { name: 'platform' },
  );
}

const VERSION = process.env.npm_package_version ?? '0.1.0';

async function withTimeout(p: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([p.catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
