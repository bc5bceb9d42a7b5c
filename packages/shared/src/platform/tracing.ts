import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { EventTrace } from '../events';

/**
 * OpenTelemetry traces across the suite: a request's trace starts at the gateway, goes to the
 * service in the W3C `traceparent` header, into the event envelope at publish, through the
 * outbox relay and BullMQ, and on into the consumer's handler (and whatever it publishes).
 *
 * A job queued from a request (`runtime.jobs.trigger`) carries the trace in its data, so the job
 * and the transactions it runs continue it; a replay of retained events (`events:replay`, a new
 * subscriber's catch-up) is a span of its own, linked to each event's trace, while each replayed
 * event keeps, in its envelope, the trace it was published in.
 *
 * Spans are made by hand in the platform's few crossing points (request hook, publish, relay,
 * consumer, job trigger and run, replay) rather than by auto-instrumentation: deterministic, and nothing runs when tracing is
 * off. Off is the default: with no OTEL_TRACES_EXPORTER no provider is registered, no hook is
 * added and no span object is made, so there is neither overhead nor network.
 *
 * Span attributes carry only IDs, routes, event types and status codes — never a body, a URL
 * with its values, or an error's message (PLT-06).
 */

let provider: BasicTracerProvider | undefined;

/** The exporters named by OTEL_TRACES_EXPORTER (comma separated); empty, or `none`, is off. */
export function tracesExporters(env: Record<string, string | undefined> = process.env): string[] {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return [];
  const names = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
  return names.includes('none') ? [] : names;
}

function exporterNamed(name: string): SpanExporter {
  // The OTLP exporter reads OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT, _HEADERS and _TIMEOUT itself.
  if (name === 'otlp') return new OTLPTraceExporter();
  if (name === 'console') return new ConsoleSpanExporter();
  throw new Error(`OTEL_TRACES_EXPORTER=${name} is not supported here: use otlp, console or none`);
}

/**
 * Starts tracing for this process when the environment asks for it (OTEL_TRACES_EXPORTER), or
 * with the given span processors (tests: an in-memory exporter). The first call wins; returns
 * whether tracing is on. Sampling (OTEL_TRACES_SAMPLER, _ARG) and batching (OTEL_BSP_*) follow
 * the standard variables; the service name is OTEL_SERVICE_NAME, else `eron-<service>`.
 */
export function startTracing(
  service: string,
  opts: { spanProcessors?: SpanProcessor[]; env?: Record<string, string | undefined> } = {},
): boolean {
  if (provider) return true;
  const spanProcessors = opts.spanProcessors ?? tracesExporters(opts.env).map((name) => new BatchSpanProcessor(exporterNamed(name)));
  if (spanProcessors.length === 0) return false;
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': `eron-${service}` }))
    .merge(detectResources({ detectors: [envDetector] }));
  provider = new BasicTracerProvider({ resource, spanProcessors });
  trace.setGlobalTracerProvider(provider);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return true;
}

/** Whether spans are being made in this process. */
export const tracingOn = (): boolean => provider !== undefined;

/** Exports what is left and turns tracing off again (graceful shutdown; tests). */
export async function stopTracing(): Promise<void> {
  const stopping = provider;
  if (!stopping) return;
  provider = undefined;
  await stopping.shutdown();
  trace.disable();
  propagation.disable();
}

const tracer = () => trace.getTracer('@eron/platform');

/** A span's parent context from a W3C carrier (headers, or an envelope's `trace`). */
export const extractTrace = (carrier: Record<string, unknown> | undefined): Context =>
  carrier ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;

/** Writes `ctx`'s span into a W3C carrier (`traceparent`, and `tracestate` when there is one). */
export function injectTrace(ctx: Context | undefined, carrier: Record<string, unknown>): void {
  if (ctx) propagation.inject(ctx, carrier);
}

/** `ctx`'s span as a W3C carrier, to keep in job data or a row; undefined when tracing is off or there is no span. */
export function traceCarrier(ctx: Context | undefined): EventTrace | undefined {
  if (!provider || !ctx) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier.traceparent ? (carrier as EventTrace) : undefined;
}

/** A link to the span of a W3C carrier (an event's trace), when it names a valid one. */
export function linkTo(carrier: Record<string, unknown> | undefined): Link | undefined {
  const linked = carrier ? trace.getSpanContext(extractTrace(carrier)) : undefined;
  return linked && trace.isSpanContextValid(linked) ? { context: linked } : undefined;
}

/** Starts a span under `parent`; the caller ends it. */
export const startSpan = (name: string, kind: SpanKind, parent: Context | undefined, attributes: Attributes, links?: Link[]): Span =>
  tracer().startSpan(name, { kind, attributes, ...(links?.length ? { links } : {}) }, parent ?? ROOT_CONTEXT);

/** Marks a span failed by the error's class only: its message may name a person (PLT-06). */
export function failSpan(span: Span, err: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
}

/** Runs `work` inside a span under `parent` (ended, and failed on a throw); just runs it when tracing is off. */
export async function inSpan<R>(
  name: string,
  kind: SpanKind,
  parent: Context | undefined,
  attributes: Attributes,
  work: (ctx: Context | undefined, span: Span | undefined) => Promise<R>,
  links?: Link[],
): Promise<R> {
  if (!provider) return work(parent, undefined);
  const span = startSpan(name, kind, parent, attributes, links);
  try {
    return await work(trace.setSpan(parent ?? context.active(), span), span);
  } catch (err) {
    failSpan(span, err);
    throw err;
  } finally {
    span.end();
  }
}

/**
 * The outbox write of one event as a PRODUCER span under the request's (or handler's) context;
 * `write` gets the envelope's trace context (undefined when tracing is off) and returns the event.
 */
export async function tracedPublish<R extends { id: string }>(
  service: string,
  type: string,
  parent: Context | undefined,
  write: (trace: EventTrace | undefined) => Promise<R>,
): Promise<R> {
  if (!provider) return write(undefined);
  return inSpan(`publish ${type}`, SpanKind.PRODUCER, parent, eventAttributes(service, type, 'publish'), async (ctx, span) => {
    const carrier: Record<string, string> = {};
    injectTrace(ctx, carrier);
    const event = await write(carrier.traceparent ? (carrier as EventTrace) : undefined);
    span?.setAttribute('messaging.message.id', event.id);
    return event;
  });
}

/** The messaging attributes every event span carries: IDs and names only. */
export const eventAttributes = (service: string, type: string, operation: 'publish' | 'send' | 'process', queue?: string): Attributes => ({
  'eron.service': service,
  'eron.event.type': type,
  'messaging.system': 'bullmq',
  'messaging.operation.type': operation,
  ...(queue ? { 'messaging.destination.name': queue } : {}),
});

/** The attributes of a job's spans (trigger and run): the service, the job's name and queue, its ID. */
export const jobAttributes = (service: string, job: string, operation: 'send' | 'process', queue: string): Attributes => ({
  'eron.service': service,
  'eron.job.name': job,
  'messaging.system': 'bullmq',
  'messaging.operation.type': operation,
  'messaging.destination.name': queue,
});

export { SpanKind, type Context as TraceContext };
