import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox';
import { envSchema } from 'env-schema';

/** The settings every service reads from its environment; documented in `.env.example`. */
export const BaseEnv = Type.Object({
  NODE_ENV: Type.String({ default: 'development' }),
  HOST: Type.String({ default: '127.0.0.1', description: 'Interface to listen on' }),
  PORT: Type.Integer({ default: 0, description: 'Port to listen on (0 = any free port)' }),
  LOG_LEVEL: Type.String({ default: 'info' }),
  DATABASE_URL: Type.String({
    default: 'postgres://postgres:postgres@127.0.0.1:5432/eron',
    description: 'Postgres; each service uses its own schema in it (PLT-07)',
  }),
  REDIS_URL: Type.String({ default: 'redis://127.0.0.1:6379', description: 'Redis for the event queues' }),
  QUEUE_PREFIX: Type.String({ default: 'eron', description: 'BullMQ key prefix' }),
  JWT_SECRET: Type.Optional(Type.String({ minLength: 16, description: 'HS256 dev key; local runs only' })),
  JWT_JWKS_URL: Type.Optional(Type.String({ description: 'JWKS endpoint of the identity provider (production)' })),
  JWT_ISSUER: Type.String({ default: 'eron-dev' }),
  HMAC_KEYS: Type.String({
    default: '',
    description: 'Machine clients: keyId:role:secret, comma separated (bank, telephony_provider, video_provider)',
  }),
  DB_POOL_MAX: Type.Optional(Type.Integer({ minimum: 1, description: 'Postgres connections per service process (default 10)' })),
  MIGRATE_ON_START: Type.Boolean({ default: true }),
  OUTBOX_POLL_MS: Type.Integer({ default: 250, minimum: 10 }),
});
export type BaseEnv = Static<typeof BaseEnv>;

/** Only for local runs: production must configure JWT_JWKS_URL or its own JWT_SECRET. */
export const DEV_JWT_SECRET = 'eron-local-development-key-do-not-use';

let envFileLoaded = false;

/** Loads the repo's `.env` (written by the set-up) once, never overriding the real environment. */
function loadEnvFile(): void {
  if (envFileLoaded) return;
  envFileLoaded = true;
  const file = resolve(__dirname, '../../../../.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

/** Reads and checks a service's typed configuration at boot. */
export function loadConfig<P extends TProperties>(
  extra: TObject<P>,
  data: Record<string, unknown> = process.env,
): BaseEnv & Static<TObject<P>> {
  if (data === process.env) loadEnvFile();
  const schema = Type.Composite([BaseEnv, extra]);
  const config = envSchema<BaseEnv & Static<TObject<P>>>({ schema, data });
  if (!config.JWT_SECRET && !config.JWT_JWKS_URL) {
    if (config.NODE_ENV === 'production') throw new Error('Set JWT_JWKS_URL (or JWT_SECRET) in production');
    config.JWT_SECRET = DEV_JWT_SECRET;
  }
  return config;
}

export const NoExtra = Type.Object({});
