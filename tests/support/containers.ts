import { randomBytes } from 'node:crypto';
import { PostgreSqlContainer, type StartedPostgreSqlContainer } from '@testcontainers/postgresql';
import { RedisContainer, type StartedRedisContainer } from '@testcontainers/redis';

// Jest loads global set-up and teardown as separate modules: keep the handles on globalThis.
const started = ((globalThis as Record<string, unknown>).__eronContainers ??= {}) as {
  pg?: StartedPostgreSqlContainer;
  redis?: StartedRedisContainer;
};

/** Postgres 15 and Redis 7 in containers, where a Docker engine runs (a laptop). */
export async function startContainers(): Promise<void> {
  const [pg, redis] = await Promise.all([
    new PostgreSqlContainer('postgres:15-alpine')
      .withUsername('postgres')
      .withPassword('postgres')
      .withDatabase('eron')
      .withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'])
      .start(),
    // With a password, as everywhere else Redis runs (PLT-08); the URL carries it.
    new RedisContainer('redis:7-alpine').withPassword(randomBytes(18).toString('base64url')).start(),
  ]);
  started.pg = pg;
  started.redis = redis;
  process.env.DATABASE_URL = pg.getConnectionUri();
  process.env.REDIS_URL = redis.getConnectionUrl();
}

export async function stopContainers(): Promise<void> {
  await Promise.all([started.pg?.stop(), started.redis?.stop()]);
}
