import type { FastifyInstance } from 'fastify';
import { SERVICES, type ServiceName } from '@eron/shared';
import type { RedisClient } from '@eron/shared/platform';
import { upstreams, type GatewayConfig } from '../config';

const VERSION = process.env.npm_package_version ?? '0.1.0';
const TIMEOUT_MS = 2_000;
/** How long one look at the services answers `/upstreams`: a public route must not multiply calls to them. */
const STATES_TTL_MS = 1_000;

/** One service as the gateway sees it: answering at all, and ready (its own `/ready`: Postgres and Redis). */
export interface UpstreamState {
  reachable: boolean;
  ready: boolean;
  ms: number;
}

async function stateOf(base: string): Promise<UpstreamState> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(new URL('/ready', base), { signal: AbortSignal.timeout(TIMEOUT_MS) });
    await res.body?.cancel();
    return { reachable: true, ready: res.ok, ms: ms() };
  } catch {
    return { reachable: false, ready: false, ms: ms() };
  }
}

const ping = (redis: RedisClient): Promise<boolean> =>
  Promise.race([
    redis.ping().then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), TIMEOUT_MS).unref()),
  ]);

/**
 * Liveness is not readiness (PLT-10). `/health` touches nothing. `/ready` is the gateway's own
 * ability to serve — its Redis (rate limits and HMAC nonces, shared by every instance) — and never
 * the services': one service down must not take the whole API out of the load balancer; its
 * routes answer their own 502 problems while the others go on. Each service's state is reported
 * apart, for dashboards: `/upstreams`.
 */
export default async function opsRoutes(app: FastifyInstance, opts: { config: GatewayConfig; redis: RedisClient }): Promise<void> {
  const bases = upstreams(opts.config);
  const look = async (): Promise<Record<ServiceName, UpstreamState>> => {
    const all = await Promise.all(SERVICES.map((s) => stateOf(bases[s])));
    return Object.fromEntries(SERVICES.map((s, i) => [s, all[i]!])) as Record<ServiceName, UpstreamState>;
  };
  // Callers during a look, or within STATES_TTL_MS after it, share it.
  let last: { done?: number; states: Promise<Record<ServiceName, UpstreamState>> } | undefined;
  const states = () => {
    if (!last || (last.done !== undefined && performance.now() - last.done > STATES_TTL_MS)) {
      const next: NonNullable<typeof last> = { states: look() };
      void next.states.then(() => (next.done = performance.now()));
      last = next;
    }
    return last.states;
  };

  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/ready', { schema: { hide: true } }, async (_req, reply) => {
    const redis = await ping(opts.redis);
    return reply.code(redis ? 200 : 503).send({ status: redis ? 'ready' : 'not-ready', redis, service: 'gateway', version: VERSION });
  });

  // Always 200: it reports, it is no probe. `degraded` names the services not ready.
  app.get('/upstreams', { schema: { hide: true } }, async () => {
    const services = await states();
    const down = SERVICES.filter((s) => !services[s].ready);
    return { status: down.length === 0 ? 'ok' : 'degraded', degraded: down, services };
  });
}
