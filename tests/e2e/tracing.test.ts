import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { ConductRun } from '@eron/shared';
import { requestReplay, startTracing, stopTracing } from '@eron/shared/platform';
import { bearer, eventually } from '@eron/shared/testing';
import { admissionRequest } from '../../services/classification/test/admission.factory';
import { asobancariaFile } from '../../services/folio/test/support/asobancaria';
import { startSuite, type RunningSuite } from '../support/suite';

// Spans of the whole suite (gateway and four services in this process), kept in memory.
const exporter = new InMemorySpanExporter();
let suite: RunningSuite;
beforeAll(async () => {
  startTracing('suite', { spanProcessors: [new SimpleSpanProcessor(exporter)] });
  // A bank file over a few hundred bytes is checked by folio's file job; no sweep runs it in a trace of its own.
  suite = await startSuite({ folio: { RECAUDO_INLINE_CHECK_BYTES: 400, RECAUDO_FILE_SWEEP_MS: 0 } });
}, 180_000); // five apps booting: seconds, but minutes on a loaded shared machine
afterAll(async () => {
  await suite?.close();
  await stopTracing();
});

const officer = { 'content-type': 'application/json', ...bearer(['gate_officer'], ['113']) };
const paymaster = bearer(['paymaster'], ['113']);
const director = bearer(['director'], ['113']);

const service = (s: ReadableSpan) => s.attributes['eron.service'];
const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId;
const idOf = (s: ReadableSpan) => s.spanContext().spanId;
const traceOf = (s: ReadableSpan) => s.spanContext().traceId;
const inTrace = (traceId: string) => exporter.getFinishedSpans().filter((s) => traceOf(s) === traceId);
/** The gateway's span of the request that answered `res` (found by its X-Request-Id). */
const gatewaySpanOf = (res: Response) =>
  exporter.getFinishedSpans().find((s) => service(s) === 'gateway' && s.attributes['eron.request_id'] === res.headers.get('x-request-id'));

/** PLT-06: spans name IDs, routes and event types only — nothing an admission said about the person. */
function expectNoPersonData(spans: ReadableSpan[], admission: ReturnType<typeof admissionRequest>): void {
  const said = [admission.person.names, admission.person.surnames, admission.person.document.number, admission.order.offence].filter(
    (text): text is string => Boolean(text),
  );
  expect(said).toHaveLength(4);
  const values = spans.flatMap((s) => [s.name, ...Object.values(s.attributes).map(String)]);
  for (const text of said) expect(values.filter((v) => v.includes(text))).toEqual([]);
}

/** Admits a person through the gateway; returns the trace the admission started and its admission. */
async function admit(acta: string) {
  const admission = admissionRequest({ cashAtIntake: { amount: 90_000, actaNumber: acta, searchDate: '2026-11-24' } });
  const res = await fetch(`${suite.url}/api/v1/classification/admissions`, {
    method: 'POST',
    headers: officer,
    body: JSON.stringify(admission),
  });
  expect(res.status).toBe(201);
  const gateway = gatewaySpanOf(res);
  return { admission, traceId: traceOf(gateway!) };
}

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
    await eventually(
      async () => (await fetch(`${suite.url}/api/v1/folio/accounts/${nui}`, { headers: paymaster })).status === 200,
      10_000,
      'the Folio to open',
    );

    const gateway = gatewaySpanOf(res);
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

  it('PLT-10 when a director asks for the quarter’s conduct ratings through the gateway then one trace covers the request, the job it queued and the job’s transactions', async () => {
    const { admission, traceId: admitted } = await admit('ACTA-TRACE-2');
    // Discipline rates the PPL it knows: wait until it has applied the admission.
    await eventually(
      async () => inTrace(admitted).find((s) => s.name === 'process ppl.admitted' && service(s) === 'discipline'),
      10_000,
      'discipline to learn of the admission',
    );

    const res = await fetch(`${suite.url}/api/v1/discipline/establishments/113/conduct/quarters/2026-Q3/proposals`, {
      method: 'POST',
      headers: director,
    });
    expect(res.status).toBe(202);
    const run = (await res.json()) as ConductRun;
    const gateway = gatewaySpanOf(res);
    expect(gateway?.kind).toBe(SpanKind.SERVER);
    const traceId = traceOf(gateway!);
    // The job's span ends once its work is done.
    const job = await eventually(
      async () => inTrace(traceId).find((s) => s.name === 'job conduct-proposals'),
      20_000,
      'the conduct job in the request’s trace',
    );
    const spans = inTrace(traceId);
    const discipline = spans.find((s) => s.kind === SpanKind.SERVER && service(s) === 'discipline');
    expect(parentOf(discipline!)).toBe(idOf(gateway!));
    const trigger = spans.find((s) => s.name === 'trigger conduct-proposals');
    expect(trigger).toMatchObject({
      kind: SpanKind.PRODUCER,
      attributes: { 'eron.service': 'discipline', 'eron.job.name': 'conduct-proposals', 'messaging.destination.name': 'jobs-discipline' },
    });
    expect(parentOf(trigger!)).toBe(idOf(discipline!));
    expect(job).toMatchObject({ kind: SpanKind.CONSUMER, attributes: { 'eron.service': 'discipline', 'eron.job.attempt': 1 } });
    expect(parentOf(job)).toBe(idOf(trigger!));
    expect(job.attributes['messaging.message.id']).toBe(trigger!.attributes['messaging.message.id']);
    // Its work: each batch of ratings a transaction of the same trace.
    const batches = spans.filter((s) => s.name === 'transaction system:conduct-proposals');
    expect(batches.length).toBeGreaterThan(0);
    for (const b of batches) expect(parentOf(b)).toBe(idOf(job));
    // Scheduled runs (every service's idempotency-key prune ran at start) make no trace of their own.
    expect(exporter.getFinishedSpans().filter((s) => s.name.startsWith('job ') && parentOf(s) === undefined)).toEqual([]);
    const done = (await (await fetch(`${suite.url}${res.headers.get('location')}`, { headers: director })).json()) as ConductRun;
    expect(done).toMatchObject({ id: run.id, status: 'done' });
    expect(done.total).toBeGreaterThan(0);
    expectNoPersonData(spans, admission);
  });

  it('PLT-08 when retained events are replayed then the replay is a span and each event is consumed again in the trace it was published in', async () => {
    const { admission, traceId } = await admit('ACTA-TRACE-3');
    const consumed = await eventually(
      async () => inTrace(traceId).find((s) => s.name === 'process ppl.admitted' && service(s) === 'folio'),
      10_000,
      "folio's consumer span",
    );
    const publish = inTrace(traceId).find((s) => s.name === 'publish ppl.admitted')!;
    const eventId = String(publish.attributes['messaging.message.id']);
    const db = suite.services.classification.app.db;
    const { seq } = await db.selectFrom('outbox').select('seq').where('id', '=', eventId).executeTakeFirstOrThrow();

    // What `pnpm events:replay --to folio --type ppl.admitted --after <seq - 1>` does.
    const generation = await requestReplay(db, {
      producer: 'classification',
      subscriber: 'folio',
      type: 'ppl.admitted',
      afterSeq: Number(seq) - 1,
    });
    const replay = exporter
      .getFinishedSpans()
      .find((s) => s.name === 'replay ppl.admitted to folio' && s.attributes['eron.replay.generation'] === generation);
    expect(replay).toMatchObject({
      kind: SpanKind.INTERNAL,
      attributes: { 'eron.service': 'classification', 'eron.replay.subscriber': 'folio' },
    });
    expect(parentOf(replay!)).toBeUndefined();

    const again = await eventually(
      async () => inTrace(traceId).find((s) => s.name === 'process ppl.admitted' && service(s) === 'folio' && idOf(s) !== idOf(consumed)),
      10_000,
      'the replayed event consumed again',
    );
    // The event kept the trace it was published in; folio's inbox had applied it already.
    expect(again).toMatchObject({
      kind: SpanKind.CONSUMER,
      attributes: { 'eron.event.outcome': 'duplicate', 'messaging.message.id': eventId },
    });
    expect(parentOf(again)).toBe(idOf(publish));
    const catchUp = inTrace(traceOf(replay!)).find((s) => s.name === 'catch-up ppl.admitted');
    expect(catchUp).toMatchObject({
      kind: SpanKind.PRODUCER,
      attributes: { 'messaging.destination.name': 'events-folio', 'eron.replay.generation': generation },
    });
    expect(parentOf(catchUp!)).toBe(idOf(replay!));
    expect(catchUp!.links.map((l) => l.context.spanId)).toContain(idOf(publish));
    const resent = inTrace(traceId).find((s) => s.name === 'send ppl.admitted' && s.attributes['eron.replay.generation'] === generation);
    expect(resent?.kind).toBe(SpanKind.PRODUCER);
    expect(parentOf(resent!)).toBe(idOf(publish));
    expect(resent!.links.map((l) => l.context.spanId)).toEqual([idOf(catchUp!)]);
    expectNoPersonData([...inTrace(traceId), replay!, catchUp!], admission);
  });

  it('PLT-10 when the paymaster uploads a large bank file through the gateway then the file job that checks and books it continues the upload’s trace', async () => {
    const text = asobancariaFile({ collectionDate: '2026-11-30', lots: [[{ nui: '1000001', pesos: 12_000 }]] });
    expect(text.length).toBeGreaterThan(400);
    const res = await fetch(`${suite.url}/api/v1/folio/recaudo/files`, {
      method: 'POST',
      headers: { ...paymaster, 'content-type': 'text/plain' },
      body: text,
    });
    expect(res.status).toBe(202);
    const gateway = gatewaySpanOf(res);
    const traceId = traceOf(gateway!);
    const job = await eventually(
      async () => inTrace(traceId).find((s) => s.name === 'job recaudo-files'),
      20_000,
      'the file job in the upload’s trace',
    );
    const spans = inTrace(traceId);
    const trigger = spans.find((s) => s.name === 'trigger recaudo-files');
    expect(parentOf(trigger!)).toBe(idOf(spans.find((s) => s.kind === SpanKind.SERVER && service(s) === 'folio')!));
    expect(parentOf(job)).toBe(idOf(trigger!));
    const work = spans.filter((s) => s.name === 'transaction system:recaudo-file');
    expect(work.length).toBeGreaterThan(0);
    for (const w of work) expect(parentOf(w)).toBe(idOf(job));
  });
});
