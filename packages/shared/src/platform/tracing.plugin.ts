import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ROOT_CONTEXT, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { extractTrace, SpanKind, startSpan, tracingOn, type TraceContext } from './tracing';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's span and its parent (tracing on only); use `traceOf(req)`. */
    traceContext?: TraceContext;
  }
}

/** The request's trace context, to carry on (a proxied call, an event); undefined when tracing is off. */
export const traceOf = (req: { traceContext?: TraceContext }): TraceContext | undefined => req.traceContext;

/** The request's own span, to name or annotate; undefined when tracing is off. */
export const requestSpan = (req: { traceContext?: TraceContext }): Span | undefined =>
  req.traceContext ? trace.getSpan(req.traceContext) : undefined;

function endSpan(req: FastifyRequest, reply?: FastifyReply): void {
  const span = requestSpan(req);
  if (!span?.isRecording()) return;
  if (reply) {
    span.setAttribute('http.response.status_code', reply.statusCode);
    if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/**
 * A SERVER span per request, named by its route template (never its URL: it holds IDs of people).
 * The gateway starts each trace (`startsTrace`: a caller's `traceparent` is not trusted); a service
 * continues the one in the `traceparent` header the gateway sent. Nothing is added with tracing off.
 */
export const tracingPlugin = fp<{ service: string; startsTrace?: boolean }>(
  async function tracing(app, { service, startsTrace = false }) {
    if (!tracingOn()) return;
    app.decorateRequest('traceContext', undefined);
    app.addHook('onRequest', async (req) => {
      const parent = startsTrace ? undefined : extractTrace(req.headers);
      const route = req.routeOptions.url;
      const span = startSpan(`${req.method}${route ? ` ${route}` : ''}`, SpanKind.SERVER, parent, {
        'eron.service': service,
        'eron.request_id': req.id,
        'http.request.method': req.method,
        ...(route ? { 'http.route': route } : {}),
      });
      req.traceContext = trace.setSpan(parent ?? ROOT_CONTEXT, span);
    });
    app.addHook('onResponse', async (req, reply) => endSpan(req, reply));
    app.addHook('onRequestAbort', async (req) => endSpan(req));
  },
  { name: 'tracing' },
);
