import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox';
import { envSchema } from 'env-schema';
import { redisSettingsRefusal } from './redis';

/** The audience local tokens name unless a deployment configures its own (`JWT_AUDIENCE`). */
export const DEFAULT_JWT_AUDIENCE = 'eron';

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
  REDIS_URL: Type.String({
    default: 'redis://127.0.0.1:6379',
    description: 'Redis for the event queues, rate limits and HMAC nonces; with REDIS_CLUSTER, cluster nodes, comma separated',
  }),
  REDIS_CLUSTER: Type.Boolean({
    default: false,
    description: 'Connect to a Redis Cluster: REDIS_URL lists seed nodes and QUEUE_PREFIX must hold a {hash tag}',
  }),
  QUEUE_PREFIX: Type.String({ default: 'eron', description: 'BullMQ key prefix (and of the rate-limit and nonce keys)' }),
  JWT_SECRET: Type.Optional(
    Type.String({ minLength: 16, description: "HS256 key: local runs, or a deployment's own secret (never the built-in dev key)" }),
  ),
  JWT_JWKS_URL: Type.Optional(Type.String({ description: 'JWKS endpoint of the identity provider (production)' })),
  JWT_ISSUER: Type.String({ default: 'eron-dev', description: 'The issuer (iss) every token must name' }),
  JWT_AUDIENCE: Type.String({
    default: DEFAULT_JWT_AUDIENCE,
    minLength: 1,
    description: 'The audience (aud) every token must name; one per deployment',
  }),
  IDEMPOTENCY_RETENTION_HOURS: Type.Integer({
    default: 48,
    minimum: 24,
    description: 'How long an Idempotency-Key and its answer are kept before the prune job removes them (PLT-05)',
  }),
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

export interface ListenerSettings {
  NODE_ENV: string;
  HOST: string;
  JWT_SECRET?: string;
}

const isLoopback = (host: string): boolean => ['localhost', '::1', '[::1]'].includes(host) || /^127(\.\d{1,3}){3}$/.test(host);

/**
 * The built-in dev key is public (it is in this repository), so anyone could sign tokens with it:
 * it is accepted only in a local run listening on loopback (PLT-03). Returns why not, if not.
 */
export function devKeyRefusal(settings: Omit<ListenerSettings, 'JWT_SECRET'>): string | undefined {
  if (settings.NODE_ENV === 'production') return 'NODE_ENV=production';
  if (!isLoopback(settings.HOST)) return `HOST=${settings.HOST} is not a loopback address`;
  return undefined;
}

/** Throws when the settings would verify tokens with the built-in dev key where it is refused. */
export function assertJwtKeyAllowed(settings: ListenerSettings): void {
  if (settings.JWT_SECRET !== DEV_JWT_SECRET) return;
  const why = devKeyRefusal(settings);
  if (why) throw new Error(devKeyMessage(why, 'JWT_SECRET is the built-in development key'));
}

const devKeyMessage = (why: string, what: string): string =>
  `PLT-03: ${what}, which is refused because ${why}. Set JWT_JWKS_URL (the identity provider's JWKS) ` +
  'or a JWT_SECRET of your own (at least 16 random characters, e.g. `openssl rand -hex 32`); see .env.example.';

/**
 * The environment under `data` (as env-schema merges them), where an empty optional setting is an
 * unset one: docker-compose passes `${JWT_SECRET:-}` as ''.
 */
function settingsFrom(schema: TObject, data: Record<string, unknown>): Record<string, unknown> {
  const required = new Set(schema.required ?? []);
  const merged = data === process.env ? { ...process.env } : { ...process.env, ...data };
  return Object.fromEntries(Object.entries(merged).filter(([k, v]) => !(v === '' && k in schema.properties && !required.has(k))));
}

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
  const config = envSchema<BaseEnv & Static<TObject<P>>>({ schema, data: settingsFrom(schema, data), env: false });
  if (!config.JWT_SECRET && !config.JWT_JWKS_URL) {
    const why = devKeyRefusal(config);
    if (why)
      throw new Error(devKeyMessage(why, 'Neither JWT_JWKS_URL nor JWT_SECRET is set, so the built-in development key would be used'));
    config.JWT_SECRET = DEV_JWT_SECRET;
  }
  assertJwtKeyAllowed(config);
  const redis = redisSettingsRefusal(config);
  if (redis) throw new Error(`Redis settings refused: ${redis}; see .env.example`);
  return config;
}

export const NoExtra = Type.Object({});
