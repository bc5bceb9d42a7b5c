import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import replyFrom, { type FastifyReplyFromHooks } from '@fastify/reply-from';
import rateLimit from '@fastify/rate-limit';
import type { Redis } from 'ioredis';
import { ProblemError, SERVICES, type ServiceName } from '@eron/shared';
import { REQUEST_ID_HEADER } from '@eron/shared/platform';
import { upstreams, type GatewayConfig } from '../config';
import { edgeAuth } from './edge-auth';
import { rawBody } from './raw-body';
import { replyUpstreamError } from './upstream-errors';

export interface ProxyOptions {
  config: GatewayConfig;
  redis: Redis;
}

const badPath = (): ProblemError =>
  new ProblemError({
    status: 400,
    code: 'bad-path',
    title: 'Bad path',
    detail: { es: 'La ruta de la solicitud no es válida', en: 'The request path is not valid' },
    rule: 'PLT-02',
  });

/** One upstream: its own keep-alive undici pool, and options built once, not per request. */
async function serviceProxy(app: FastifyInstance, opts: { service: ServiceName; base: string }): Promise<void> {
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
      return headers;
    },
    onError: replyUpstreamError(opts.service),
    // The default retries a GET answered 503 up to ten times; the service said no, pass it on.
    retryDelay: () => null,
  };
  app.all('/*', function forward(req: FastifyRequest, reply: FastifyReply): void {
    try {
      // A body read whole goes as it came: same bytes, same content type (reply-from would re-encode JSON).
      if (Buffer.isBuffer(req.body)) reply.from(req.url, { ...from, body: req.body, contentType: req.headers['content-type'] });
      else reply.from(req.url, from);
    } catch {
      // reply-from refuses path traversal and undecodable paths before sending anything.
      throw badPath();
    }
  });
}

/**
 * `/api/v1/<service>/…` to the service unchanged (PLT-02): same path, headers and raw body, plus
 * the request ID. The edge checks who is calling (PLT-03), then counts the call against that
 * client in Redis, shared by every gateway instance; Redis down never blocks traffic.
 */
export default async function proxy(app: FastifyInstance, { config, redis }: ProxyOptions): Promise<void> {
  app.setErrorHandler(clientGone);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', rawBody(config.BODY_LIMIT));
  app.decorateRequest('clientKey', '');
  app.addHook('onRequest', edgeAuth(config));
  if (config.RATE_LIMIT_MAX > 0) {
    await app.register(rateLimit, {
      max: config.RATE_LIMIT_MAX,
      timeWindow: 60_000,
      redis,
      nameSpace: `${config.QUEUE_PREFIX}:gateway:rate:`,
      skipOnError: true,
      keyGenerator: (req) => req.clientKey || req.ip,
      errorResponseBuilder: (_req, ctx) => tooManyRequests(ctx.after),
    });
  }
  const bases = upstreams(config);
  for (const service of SERVICES) {
    await app.register(serviceProxy, { prefix: `/api/v1/${service}`, service, base: bases[service] });
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
