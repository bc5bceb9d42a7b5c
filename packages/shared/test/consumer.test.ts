import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Queue } from 'bullmq';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { eventQueueName, type EventEnvelope } from '../src/events';
import { checkEvent, createDb, serverOptions, startConsumer, type PlatformTables } from '../src/platform';
import { eventually, testConfig } from '../src/testing';

/** Captures what a logger writes, as parsed JSON lines. */
function capture(): { stream: Writable; text: () => string; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const text = () => chunks.join('');
  const lines = () =>
    text()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { stream, text, lines };
}

const NAME = 'Juan Carlos Pérez Gómez';
const admitted = (nui: string, over: Record<string, unknown> = {}): EventEnvelope<'ppl.admitted'> => ({
  id: randomUUID(),
  type: 'ppl.admitted',
  source: 'classification',
  occurredAt: new Date().toISOString(),
  payload: { nui, eron: '113', legalStatus: 'sindicado', sex: 'M', admittedAt: new Date().toISOString(), cashAtIntake: null },
  ...over,
});

describe('PLT-08 the consumer checks every job against the contract', () => {
  it('PLT-08 when the envelope, its producer, its consumer or its payload is wrong then the check says where, never with the values', () => {
    expect(checkEvent('folio', 'ppl.admitted', admitted('1000001'))).toMatchObject({ ok: true });
    expect(checkEvent('folio', 'ppl.admitted', admitted('1000001', { source: 'visits' }))).toEqual({
      ok: false,
      problems: ['/source: visits does not publish ppl.admitted'],
    });
    expect(checkEvent('folio', 'ppl.placed', { ...admitted('1000001'), type: 'ppl.placed' })).toEqual({
      ok: false,
      problems: ['/type: folio does not consume ppl.placed'],
    });
    expect(checkEvent('folio', 'ppl.exited', admitted('1000001'))).toEqual({
      ok: false,
      problems: ['/type: ppl.admitted under a job named ppl.exited'],
    });
    expect(checkEvent('folio', 'ppl.pardoned', admitted('1000001'))).toEqual({ ok: false, problems: ['unknown event type'] });
    const extra = checkEvent('folio', 'ppl.admitted', { ...admitted('1000001'), [NAME]: true });
    expect(extra).toEqual({ ok: false, problems: ['/: Unexpected property'] });
    const bad = checkEvent('folio', 'ppl.admitted', {
      ...admitted('1000001'),
      payload: {
        nui: 'CC-1020304050',
        eron: '113',
        legalStatus: 'sindicado',
        sex: 'M',
        admittedAt: '2026-02-30T10:00:00Z',
        cashAtIntake: null,
      },
    });
    expect(bad).toEqual({
      ok: false,
      problems: [
        "/payload/nui: Expected string to match '^[0-9]{6,10}$'",
        "/payload/admittedAt: Expected string to match 'date-time' format",
      ],
    });
    expect(checkEvent('folio', 'ppl.admitted', { ...admitted('1000001'), occurredAt: '2026-11-24T10:00:00' })).toMatchObject({ ok: false });
  });

  it('PLT-08 when an envelope carries a trace context then it is checked like the rest, and one without it is still valid', () => {
    const trace = { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' };
    expect(checkEvent('folio', 'ppl.admitted', admitted('1000001'))).toMatchObject({ ok: true });
    expect(checkEvent('folio', 'ppl.admitted', admitted('1000001', { trace }))).toMatchObject({ ok: true, event: { trace } });
    expect(checkEvent('folio', 'ppl.admitted', admitted('1000001', { trace: { ...trace, tracestate: 'eron=1' } }))).toMatchObject({
      ok: true,
    });
    expect(checkEvent('folio', 'ppl.admitted', admitted('1000001', { trace: { traceparent: NAME } }))).toEqual({
      ok: false,
      problems: ["/trace/traceparent: Expected string to match '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$'"],
    });
    expect(checkEvent('folio', 'ppl.admitted', admitted('1000001', { trace: { ...trace, [NAME]: 'x' } }))).toEqual({
      ok: false,
      problems: ['/trace: Unexpected property'],
    });
  });

  describe('against real Postgres and Redis', () => {
    let db: Kysely<PlatformTables>;
    let cleanup: () => Promise<void>;
    let redisUrl: string;
    let prefix: string;
    beforeAll(async () => {
      const t = await testConfig();
      ({ cleanup } = t);
      redisUrl = t.config.REDIS_URL;
      prefix = t.config.QUEUE_PREFIX;
      db = createDb<PlatformTables>(t.config.DATABASE_URL, 'folio', 2);
    });
    afterAll(async () => {
      await db.destroy();
      await cleanup();
    });

    it('PLT-08 when a forged or malformed job arrives then it is refused, kept failed, never applied, and logged at error without personal data', async () => {
      const out = capture();
      const log = pino(serverOptions({ logLevel: 'info', service: 'folio' }).logger as pino.LoggerOptions, out.stream);
      const applied: string[] = [];
      const worker = startConsumer<PlatformTables>({
        service: 'folio',
        db,
        handlers: { 'ppl.admitted': async (event) => void applied.push(event.id) },
        connection: { url: redisUrl, maxRetriesPerRequest: null },
        prefix,
        log,
        onPublish: () => undefined,
      });
      const queue = new Queue(eventQueueName('folio'), { connection: { url: redisUrl }, prefix });
      try {
        const forged = [
          { name: 'ppl.admitted', event: admitted('9200001', { source: 'visits' }) },
          {
            name: 'ppl.admitted',
            event: admitted('9200002', {
              payload: {
                nui: 'CC-9200002',
                eron: '113',
                legalStatus: 'sindicado',
                sex: 'M',
                admittedAt: 'ayer',
                cashAtIntake: { amount: 5, actaNumber: NAME },
              },
            }),
          },
          { name: 'ppl.pardoned', event: admitted('9200003', { type: 'ppl.pardoned' }) },
        ];
        const options = { attempts: 8, backoff: { type: 'fixed', delay: 10 } };
        for (const { name, event } of forged) await queue.add(name, event, { ...options, jobId: event.id });
        const genuine = admitted('9200004');
        await queue.add(genuine.type, genuine, { ...options, jobId: genuine.id });
        await eventually(async () => (await queue.getJob(genuine.id))?.returnvalue === 'applied', 10_000, 'the genuine event');

        for (const { event } of forged) {
          const job = await eventually(async () => {
            const j = await queue.getJob(event.id);
            return j && (await j.getState()) === 'failed' ? queue.getJob(event.id) : undefined;
          });
          expect(job.failedReason).toMatch(/^Event refused: /);
          expect(job.attemptsMade).toBe(1); // never retried, though eight attempts were allowed
        }
        expect(applied).toEqual([genuine.id]);
        const inbox = await db.selectFrom('inbox').select('event_id').execute();
        expect(inbox.map((r) => r.event_id)).toEqual([genuine.id]);

        const errors = out.lines().filter((l) => l.level === 50);
        expect(errors).toHaveLength(3);
        for (const line of errors) expect(line).toMatchObject({ msg: 'Event refused: kept failed, not applied', queue: 'events-folio' });
        expect(errors.map((l) => l.jobId)).toEqual(expect.arrayContaining(forged.map((f) => f.event.id)));
        expect(errors.map((l) => (l.problems as string[])[0])).toEqual(
          expect.arrayContaining([
            '/source: visits does not publish ppl.admitted',
            "/payload/nui: Expected string to match '^[0-9]{6,10}$'",
            'unknown event type',
          ]),
        );
        for (const secret of [NAME, 'CC-9200002', 'ayer', 'ppl.pardoned']) expect(out.text()).not.toContain(secret);
      } finally {
        await worker.close();
        await queue.obliterate({ force: true });
        await queue.close();
      }
    });

    it('PLT-08 when a valid event arrives at an instance without its handler then it is not acknowledged: retried, then kept failed', async () => {
      const worker = startConsumer<PlatformTables>({
        service: 'folio',
        db,
        handlers: {},
        connection: { url: redisUrl, maxRetriesPerRequest: null },
        prefix: `${prefix}nohandler`,
        log: pino({ level: 'silent' }),
        onPublish: () => undefined,
      });
      const queue = new Queue(eventQueueName('folio'), { connection: { url: redisUrl }, prefix: `${prefix}nohandler` });
      try {
        const event = admitted('9300001');
        await queue.add(event.type, event, { jobId: event.id, attempts: 3, backoff: { type: 'fixed', delay: 10 } });
        const job = await eventually(async () => {
          const j = await queue.getJob(event.id);
          return j && (await j.getState()) === 'failed' ? queue.getJob(event.id) : undefined;
        });
        expect(job.attemptsMade).toBe(3);
        expect(job.failedReason).toBe('No handler for ppl.admitted in this folio instance');
        expect(await db.selectFrom('inbox').select('event_id').where('event_id', '=', event.id).execute()).toHaveLength(0);
      } finally {
        await worker.close();
        await queue.obliterate({ force: true });
        await queue.close();
      }
    });
  });
});
