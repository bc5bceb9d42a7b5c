import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTracing, stopTracing } from '@eron/shared/platform';
import { bearer, eventually } from '@eron/shared/testing';
import { admissionRequest } from '../../services/classification/test/admission.factory';
import { startSuite, type RunningSuite } from '../support/suite';

// Spans of the whole suite (gateway and four services in this process), kept in memory.
const exporter = new InMemorySpanExporter();
let suite: RunningSuite;
beforeAll(async () => {
  startTracing('suite', { spanProcessors: [new SimpleSpanProcessor(exporter)] });
  suite = await startSuite();
}, 180_000); // five apps booting: seconds, but minutes on a loaded shared machine
afterAll(async () => {
  await suite?.close();
  await stopTracing();
});

const officer = { 'content-type': 'application/json', ...bearer(['gate_officer'], ['113']) };
const paymaster = bearer(['paymaster'], ['113']);

const service = (s: ReadableSpan) => s.attributes['eron.service'];
const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId;
const idOf = (s: ReadableSpan) => s.spanContext().spanId;

describe('PLT-10 OpenTelemetry traces from the gateway through the outbox and BullMQ to the consumer', () => {
  it('PLT-10 when a person is admitted through the gateway then one trace covers the gateway, classification, the relay and the folio consumer that opens the Folio', async () => {
    // The gateway names its spans by the services' route templates once it read their documents.
    await eventually(async () => (await fetch(`${suite.url}/openapi.json`)).status === 200, 30_000, 'the merged OpenAPI document');
    const admission = admissionRequest({ cashAtIntake: { amount: 90_000, actaNumber: 'ACTA-TRACE-1', searchDate: '2026-11-24' } });
    const res = await fetch(`${suite.url}/api/v1/classification/admissions`, {
      method: 'POST',
      // A caller's own trace context is not trusted: the trace starts at the gateway.
      headers: { ...officer, traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      body: JSON.stringify(admission),
    });
    expect(res.status).toBe(201);
    const { nui } = (await res.json()) as { nui: string };
    const requestId = res.headers.get('x-request-id');
    await eventually(
      async () => (await fetch(`${suite.url}/api/v1/folio/accounts/${nui}`, { headers: paymaster })).status === 200,
      10_000,
      'the Folio to open',
    );

    const gateway = exporter.getFinishedSpans().find((s) => service(s) === 'gateway' && s.attributes['eron.request_id'] === requestId);
    expect(gateway).toMatchObject({ name: 'POST /api/v1/classification/admissions', kind: SpanKind.SERVER });
    const traceId = gateway!.spanContext().traceId;
    expect(traceId).not.toBe('0af7651916cd43dd8448eb211c80319c');
    expect(parentOf(gateway!)).toBeUndefined();
    const inTrace = () => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    // folio's consumer span ends after the Folio committed, so it may trail the read above by a moment.
    const consumer = await eventually(
      async () => inTrace().find((s) => s.name === 'process ppl.admitted' && service(s) === 'folio'),
      5_000,
      "folio's consumer span",
    );
    const spans = inTrace();
    const one = (name: string, who: string) => spans.find((s) => s.name === name && service(s) === who);

    expect(spans.map((s) => `${String(service(s))}: ${s.name}`)).toEqual(
      expect.arrayContaining([
        'gateway: POST /api/v1/classification/admissions',
        'classification: POST /api/v1/classification/admissions',
        'classification: publish ppl.admitted',
        'classification: send ppl.admitted',
        'folio: process ppl.admitted',
      ]),
    );
    const classification = one('POST /api/v1/classification/admissions', 'classification');
    expect(classification).toMatchObject({ kind: SpanKind.SERVER, attributes: { 'http.response.status_code': 201 } });
    expect(parentOf(classification!)).toBe(idOf(gateway!));
    const publish = one('publish ppl.admitted', 'classification');
    expect(publish?.kind).toBe(SpanKind.PRODUCER);
    expect(parentOf(publish!)).toBe(idOf(classification!));
    const relay = spans.find((s) => s.name === 'send ppl.admitted' && s.attributes['messaging.destination.name'] === 'events-folio');
    expect(relay?.kind).toBe(SpanKind.PRODUCER);
    expect(parentOf(relay!)).toBe(idOf(publish!));
    expect(consumer).toMatchObject({ kind: SpanKind.CONSUMER, attributes: { 'eron.event.outcome': 'applied' } });
    expect(parentOf(consumer)).toBe(idOf(publish!));
    expect(consumer.attributes['messaging.message.id']).toBe(publish!.attributes['messaging.message.id']);

    // PLT-06: IDs, routes and event types only — nothing the admission said about the person.
    const said = [admission.person.names, admission.person.surnames, admission.person.document.number, admission.order.offence].filter(
      (text): text is string => Boolean(text),
    );
    expect(said).toHaveLength(4);
    const values = spans.flatMap((s) => [s.name, ...Object.values(s.attributes).map(String)]);
    for (const text of said) expect(values.filter((v) => v.includes(text))).toEqual([]);
  });
});
