import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import replyFrom, { type FastifyReplyFromHooks } from '@fastify/reply-from';
import rateLimit from '@fastify/rate-limit';
import { ProblemError, SERVICES, type ServiceName } from '@eron/shared';
import { injectTrace, REQUEST_ID_HEADER, redisNonceStore, requestSpan, traceOf, type RedisClient } from '@eron/shared/platform';
import { upstreams, type GatewayConfig } from '../config';
import type { SpecSource } from '../docs/spec-source';
import type { GatewayMetrics } from '../ops/metrics.plugin';
import { edgeAuth } from './edge-auth';
import { drainRest, rawBody } from './raw-body';
import { replyUpstreamError } from './upstream-errors';

export interface ProxyOptions {
  config: GatewayConfig;
  redis: RedisClient;
  source: SpecSource;
  metrics: GatewayMetrics;
}

const badPath = (): ProblemError =>
  new ProblemError({
    status: 400,
    code: 'bad-path',
    title: 'Bad path',
    detail: { es: 'La ruta de la solicitud no es válida', en: 'The request path is not valid' },
    rule: 'PLT-02',
  });

/**
 * The request target goes to the service only if it is already what a URL parser would make of
 * it and stays under `/api/v1/<service>/` (PLT-02): no backslash (read as `/` by URL parsers), no
 * `.`/`..` segments, raw or percent-encoded, so nothing else of the service (`/metrics`) is reached.
 */
function forwardable(url: string, prefix: string): boolean {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (!path.startsWith(prefix) || path.includes('\\')) return false;
  try {
    return new URL(path, 'http://gateway.invalid').pathname === path;
  } catch {
    return false;
  }
}

interface ServiceProxyOptions {
  service: ServiceName;
  base: string;
  bodyLimit: number;
  source: SpecSource;
  metrics: GatewayMetrics;
}

/** One upstream: its own keep-alive undici pool, and options built once, not per request. */
async function serviceProxy(app: FastifyInstance, opts: ServiceProxyOptions): Promise<void> {
  const { service, source, metrics } = opts;
  await app.register(replyFrom, {
    base: opts.base,
    disableRequestLogging: true,
    destroyAgent: true,
    // Bounded so a burst queues here instead of opening thousands of sockets to one service.
    undici: { connections: 128, headersTimeout: 30_000, bodyTimeout: 60_000 },
  });
  const from: FastifyReplyFromHooks = {
    rewriteRequestHeaders(req, headers) {
      headers[REQUEST_ID_HEADER] = req.id;
      // The trace is the gateway's: a caller's trace context is not passed on, ours is (W3C traceparent).
      delete headers.traceparent;
      delete headers.tracestate;
      injectTrace(traceOf(req), headers);
      // The caller's 100-continue was answered here; undici refuses to send the header on.
      delete headers.expect;
      return headers;
    },
    // Hop-by-hop: the service's keep-alive with the gateway is not the caller's (RFC 9110 §7.6.1).
    rewriteHeaders(headers) {
      for (const name of String(headers.connection ?? '').split(',')) delete headers[name.trim().toLowerCase()];
      delete headers.connection;
      delete headers['keep-alive'];
      return headers;
    },
    onError: replyUpstreamError(service),
    // The default retries a GET answered 503 up to ten times; the service said no, pass it on.
    retryDelay: () => null,
  };
  const prefix = `/api/v1/${service}/`;
  /**
   * The gateway's span is named by the service's route template (the URL holds people's IDs),
   * once the service's document was read; until then by the gateway's own `/api/v1/<service>/*`.
   */
  const nameSpan = (req: FastifyRequest): void => {
    const span = requestSpan(req);
    if (!span) return;
    const route = source.routeOf(service, req.method, req.url);
    if (route === 'unmatched') return;
    span.updateName(`${req.method} ${route}`);
    span.setAttribute('http.route', route);
  };
  app.all('/*', function forward(req: FastifyRequest, reply: FastifyReply): void {
    if (!forwardable(req.url, prefix)) throw badPath();
    nameSpan(req);
    try {
      // A body read whole goes as it came: same bytes, same content type (reply-from would re-encode JSON).
      if (Buffer.isBuffer(req.body)) reply.from(req.url, { ...from, body: req.body, contentType: req.headers['content-type'] });
      else reply.from(req.url, from);
    } catch {
      // reply-from refuses undecodable paths before sending anything.
      throw badPath();
    }
  });
  // A service that answers before reading the whole body (its 413) makes reply-from close the
  // caller's connection, and a caller still sending then meets a reset instead of the answer. A
  // body of known length within the limit is read to its end after the answer instead.
  app.addHook('onSend', async (req, reply) => {
    const length = Number(req.headers['content-length']);
    if (!req.raw.complete && length <= opts.bodyLimit && reply.getHeader('connection') === 'close') reply.removeHeader('connection');
  });
  app.addHook('onResponse', async (req, reply) => {
    drainRest(req.raw, opts.bodyLimit);
    const route = source.routeOf(service, req.method, req.url);
    metrics.apiCalls.inc({ service, route, method: req.method, status: String(reply.statusCode) });
  });
}

/**
 * `/api/v1/<service>/…` to the service unchanged (PLT-02): same path, headers and raw body, plus
 * the request ID. The edge checks who is calling (PLT-03), then counts the call against that
 * client in Redis, shared by every gateway instance; Redis down never blocks traffic. A bearer
 * client is counted as soon as its token verifies, a machine client once its signature does.
 */
export default async function proxy(app: FastifyInstance, { config, redis, source, metrics }: ProxyOptions): Promise<void> {
  app.setErrorHandler(clientGone);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', rawBody(config.BODY_LIMIT));
  app.decorateRequest('clientKey', '');
  app.decorateRequest('signed', false);
  const edge = edgeAuth(config, redisNonceStore(redis, `${config.QUEUE_PREFIX}:hmac:gateway:`));
  app.addHook('onRequest', edge.authenticate);
  app.addHook('preValidation', edge.verifySigned);
  if (config.RATE_LIMIT_MAX > 0) {
    await app.register(rateLimit, {
      global: false,
      max: config.RATE_LIMIT_MAX,
      timeWindow: 60_000,
      redis,
      nameSpace: `${config.QUEUE_PREFIX}:gateway:rate:`,
      skipOnError: true,
      keyGenerator: (req) => req.clientKey || req.ip,
      errorResponseBuilder: (_req, ctx) => tooManyRequests(ctx.after),
    });
    const limit = app.rateLimit();
    app.addHook('onRequest', async (req, reply) => (req.signed ? undefined : limit.call(app, req, reply)));
    app.addHook('preValidation', async (req, reply) => (req.signed ? limit.call(app, req, reply) : undefined));
  }
  const bases = upstreams(config);
  for (const service of SERVICES) {
    await app.register(serviceProxy, {
      prefix: `/api/v1/${service}`,
      service,
      base: bases[service],
      bodyLimit: config.BODY_LIMIT,
      source,
      metrics,
    });
  }
}

/**
 * A caller that hangs up before the service answers makes the answer's stream fail; that is not
 * our fault, so it is no ERROR in the log. Every other error goes on to the one handler (PLT-04).
 */
function clientGone(err: Error, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (!reply.raw.destroyed) throw err;
  req.log.debug({ code: (err as { code?: string }).code }, 'Caller left before the answer');
  return reply.code(499).send();
}

const tooManyRequests = (after: string): ProblemError =>
  new ProblemError({
    status: 429,
    code: 'too-many-requests',
    title: 'Too many requests',
    detail: { es: `Demasiadas solicitudes; intente de nuevo en ${after}`, en: `Too many requests; try again in ${after}` },
    rule: 'PLT-02',
  });
