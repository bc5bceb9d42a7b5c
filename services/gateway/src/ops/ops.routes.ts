import type { FastifyInstance } from 'fastify';
import { SERVICES } from '@eron/shared';
import type { RedisClient } from '@eron/shared/platform';
import { upstreams, type GatewayConfig } from '../config';

const VERSION = process.env.npm_package_version ?? '0.1.0';

async function reachable(base: string): Promise<boolean> {
  try {
    const res = await fetch(new URL('/health', base), { signal: AbortSignal.timeout(2_000) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Liveness is not readiness (PLT-10): `/health` touches nothing; `/ready` asks every service's
 * `/health` and pings Redis, so a load balancer stops sending traffic the gateway cannot serve.
 */
export default async function opsRoutes(app: FastifyInstance, opts: { config: GatewayConfig; redis: RedisClient }): Promise<void> {
  const bases = upstreams(opts.config);

  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/ready', { schema: { hide: true } }, async (_req, reply) => {
    const [redis, ...up] = await Promise.all([
      opts.redis.ping().then(
        () => true,
        () => false,
      ),
      ...SERVICES.map((s) => reachable(bases[s])),
    ]);
    const services = Object.fromEntries(SERVICES.map((s, i) => [s, up[i] === true]));
    const ok = redis && up.every(Boolean);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not-ready', redis, services, service: 'gateway', version: VERSION });
  });
}
