import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import { createRedis, createTokenVerifier, errorsPlugin, REQUEST_ID_HEADER, tracingPlugin, type RedisClient } from '@eron/shared/platform';
import { corsOrigins, upstreams, type GatewayConfig } from './config';
import loginRoutes from './admin/login.routes';
import queuesDashboard from './admin/queues.plugin';
import docs from './docs/docs.plugin';
import { createSpecSource } from './docs/spec-source';
import { createGatewayMetrics, metricsPlugin } from './ops/metrics.plugin';
import opsRoutes from './ops/ops.routes';
import proxy from './proxy/proxy.plugin';

export interface GatewayOptions {
  config: GatewayConfig;
}

/** Every response names its request ID, so a caller can quote it when reporting a problem (PLT-02). */
function echoRequestId(req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  reply.header(REQUEST_ID_HEADER, req.id);
  done();
}

/**
 * Shared by the rate limiter and `/ready`. It fails fast instead of queueing while Redis is down,
 * so the limiter skips and traffic flows (PLT-02, PLT-17).
 */
async function rateLimitRedis(app: FastifyInstance, config: GatewayConfig): Promise<RedisClient> {
  const redis = createRedis(config, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 250,
    enableAutoPipelining: true,
    lazyConnect: true,
  });
  let down = false;
  redis.on('error', (err) => {
    if (!down) app.log.warn({ err }, 'Redis unreachable: rate limits are not applied');
    down = true;
  });
  redis.on('ready', () => (down = false));
  app.addHook('onClose', async () => redis.disconnect());
  // Boot waits a moment for Redis so limits apply from the first request, but never hangs on it.
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([redis.connect().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, 1_000)))]);
  clearTimeout(timer);
  return redis;
}

/**
 * `Expect: 100-continue` (curl sends it for bodies over 1 MB): a body over the limit is refused
 * with its 413 before the client sends it; any other gets its 100 Continue and goes on as usual.
 * The header itself is not sent on to the service (undici refuses it).
 */
function answerContinue(app: FastifyInstance, limit: number): void {
  app.server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (!(Number(req.headers['content-length']) > limit)) res.writeContinue();
    app.server.emit('request', req, res);
  });
}

/** The gateway (PLT-02): the one public entry in front of the four services. */
export default fp<GatewayOptions>(
  async function gateway(app, { config }) {
    // Each trace starts here (OpenTelemetry, off unless OTEL_TRACES_EXPORTER is set) and goes on to the service.
    await app.register(tracingPlugin, { service: 'gateway', startsTrace: true });
    await app.register(errorsPlugin);
    answerContinue(app, config.BODY_LIMIT);
    app.addHook('onRequest', echoRequestId);
    await app.register(cors, {
      origin: corsOrigins(config),
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      exposedHeaders: [REQUEST_ID_HEADER, 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
      maxAge: 600,
      // An OPTIONS without Origin or Access-Control-Request-Method is no preflight: it gets the plain
      // answer (no CORS headers), not the plugin's text/plain 400, which is no problem (PLT-04).
      strictPreflight: false,
    });
    const metrics = createGatewayMetrics();
    await app.register(metricsPlugin, { metrics }); // before any route, so every route is measured

    const redis = await rateLimitRedis(app, config);
    const verify = createTokenVerifier(config);
    const source = createSpecSource(upstreams(config), config.OPENAPI_CACHE_MS, () => metrics.openapiBuilds.inc());
    // Read the services' documents once at start, so metrics name routes from the first call on.
    app.addHook('onReady', async () => void source.warm());
    await app.register(opsRoutes, { config, redis });
    await app.register(docs, { source });
    await app.register(loginRoutes, { config, verify });
    await app.register(queuesDashboard, { config, verify });
    await app.register(proxy, { config, redis, source, metrics });
  },
  { name: 'gateway' },
);
