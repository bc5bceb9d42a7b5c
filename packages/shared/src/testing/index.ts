import { randomBytes } from 'node:crypto';
import type { BaseEnv } from '../platform';
import { DEFAULT_JWT_AUDIENCE, DEV_JWT_SECRET } from '../platform/config';
import { cloneTemplate } from './database';

export * from './database';
export * from './dates';
export * from './tcp-proxy';
export * from './redis-cluster';
export * from './routes.schema';
export * from './routes.fuzz';
export * from './snapshot';
export * from './tokens';
export * from './late-events';

export const uniqueSuffix = (): string => randomBytes(4).toString('hex');

/**
 * The settings of a service under test: its own database cloned from the migrated template and
 * its own queue prefix, so test files never share data or queues. Give the service's config
 * loader (`loadFolioConfig`) to get its typed settings with their defaults.
 */
export async function testConfig<Env extends BaseEnv = BaseEnv>(
  overrides: Partial<Env> = {},
  load?: (env: Record<string, unknown>) => Env,
): Promise<{ config: Env; cleanup: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  const redis = process.env.REDIS_URL;
  if (!base || !redis) throw new Error('DATABASE_URL and REDIS_URL are set by the jest global set-up');
  const db = await cloneTemplate(base);
  const settings = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: 0,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    DATABASE_URL: db.url,
    REDIS_URL: redis,
    QUEUE_PREFIX: `t${uniqueSuffix()}`,
    JWT_SECRET: DEV_JWT_SECRET,
    JWT_ISSUER: 'eron-dev',
    JWT_AUDIENCE: DEFAULT_JWT_AUDIENCE,
    IDEMPOTENCY_RETENTION_HOURS: 48,
    HMAC_KEYS: '',
    MIGRATE_ON_START: true,
    OUTBOX_POLL_MS: 50,
    ...overrides,
  };
  // Through the service's own loader, its settings get their defaults and types as at boot.
  const config = load ? load(settings) : (settings as Env);
  return { config, cleanup: db.drop };
}

export * from './routes.sweep';
export * from './pdf';
export * from './spec';
export * from './fuzz.values';
export * from './fuzz.requests';
export * from './fuzz.run';
export * from './waiting';
