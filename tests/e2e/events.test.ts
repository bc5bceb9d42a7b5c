import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Queue, type Job } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { eventQueueName, type EventEnvelope } from '@eron/shared';
import { buildApp, servicePlatform, type EventHandlers, type PlatformTables } from '@eron/shared/platform';
import { bearer, eventually } from '@eron/shared/testing';
import { admissionRequest } from '../../services/classification/test/admission.factory';
import { definition as discipline } from '../../services/discipline/src/app';
import { definition as visits } from '../../services/visits/src/app';
import { api } from '../support/client';
import { startSuite, type RunningSuite } from '../support/suite';

const root = resolve(__dirname, '../..');
const officer = { 'content-type': 'application/json', ...bearer(['gate_officer'], ['113']) };
const paymaster = bearer(['paymaster'], ['113']);

/**
 * Visits or discipline as it will be once a capability handles `ppl.admitted`: the handler only
 * writes an audit line in the inbox's transaction, so "known to it" is a row in its own schema.
 */
function withAdmissionHandler(def: typeof visits | typeof discipline) {
  const handlers: EventHandlers<PlatformTables> = {
    'ppl.admitted': async (event, ctx) => ctx.audit({ action: 'ppl.known', entity: 'ppl', entityId: event.payload.nui }),
  };
  return servicePlatform<PlatformTables>({ ...def, jobs: {}, handlers });
}

/** How many times the service applied the admission of each NUI. */
async function known(app: FastifyInstance, nuis: string[]): Promise<Record<string, number>> {
  const rows = await app.db
    .selectFrom('audit_log')
    .select('entity_id')
    .where('action', '=', 'ppl.known')
    .where('entity_id', 'in', nuis)
    .execute();
  return Object.fromEntries(nuis.map((n) => [n, rows.filter((r: { entity_id: string }) => r.entity_id === n).length]));
}

const once = (nuis: string[]) => Object.fromEntries(nuis.map((n) => [n, 1]));

describe('PLT-08 no event is dropped: a service that gains a handler catches up', () => {
  let suite: RunningSuite;
  const extra: FastifyInstance[] = [];
  beforeAll(async () => {
    // Visits and discipline start as they were before they handled any event (their platform only), so
    // the tests can watch them gain one.
    suite = await startSuite({}, {}, undefined, { handlerless: ['visits', 'discipline'] });
  });
  afterAll(async () => {
    for (const app of extra) await app.close();
    await suite.close();
  });

  const queueOf = (service: 'visits' | 'discipline' | 'folio') =>
    new Queue(eventQueueName(service), { connection: { url: suite.config.REDIS_URL }, prefix: suite.config.QUEUE_PREFIX });

  /** Admits a PPL through the gateway and waits for its Folio: by then classification relayed the event. */
  async function admit(): Promise<string> {
    const { data, response } = await api(suite.url, officer).POST('/api/v1/classification/admissions', { body: admissionRequest() });
    expect(response.status).toBe(201);
    const { nui } = data!;
    await eventually(
      async () =>
        (await api(suite.url, paymaster).GET('/api/v1/folio/accounts/{nui}', { params: { path: { nui } } })).response.status === 200,
      15_000,
      `the Folio of ${nui}`,
    );
    return nui;
  }

  /** Starts the service with the handler; the first instance takes the handler-less one's place in the suite. */
  async function start(def: typeof visits | typeof discipline, replacing = true): Promise<FastifyInstance> {
    if (replacing) await suite.services[def.name].app.close();
    const app = await buildApp(def.name, withAdmissionHandler(def), suite.config);
    if (replacing) suite.services[def.name] = { app, url: '' };
    else extra.push(app);
    return app;
  }

  it('PLT-08 when an event is published while a subscriber has no handler, then it is applied once when the handler appears', async () => {
    const before = await admit();
    // Visits runs without a handler: nothing was sent to it, so nothing was acknowledged unread.
    const queue = queueOf('visits');
    try {
      expect(Object.values(await queue.getJobCounts()).every((n) => n === 0)).toBe(true);
      expect(await suite.services.visits.app.db.selectFrom('inbox').select('event_id').execute()).toHaveLength(0);
      const subscribers = await suite.services.classification.app.db.selectFrom('event_subscriptions').select('subscriber').execute();
      expect(subscribers.map((s: { subscriber: string }) => s.subscriber)).not.toContain('visits');

      // The handler appears, in two instances side by side (PLT-17).
      const [a, b] = [await start(visits), await start(visits, false)];
      await eventually(async () => (await known(a, [before]))[before] === 1, 15_000, 'the earlier admission to reach visits');
      const after = await admit();
      await eventually(async () => (await known(a, [after]))[after] === 1, 15_000, 'the later admission to reach visits');

      await eventually(async () => (await queue.getJobCounts('waiting', 'active', 'delayed')).active === 0, 10_000, 'visits to settle');
      expect(await known(b, [before, after])).toEqual(once([before, after]));
      const inbox = await a.db.selectFrom('inbox').select(['event_id', 'type']).execute();
      expect(inbox.filter((r: { type: string }) => r.type === 'ppl.admitted').length).toBeGreaterThanOrEqual(2);
      expect(await queue.getJobCounts('failed')).toEqual({ failed: 0 });
    } finally {
      await queue.close();
    }
  });

  it('PLT-08 a PPL admitted before the consumer existed is known to it, and a replay by the command applies nothing twice', async () => {
    await suite.services.discipline.app.close(); // discipline does not exist yet…
    const admitted = [await admit(), await admit(), await admit()];
    const all = (await suite.services.classification.app.db.selectFrom('ppl').select('nui').execute()).map((r: { nui: string }) => r.nui);
    expect(all).toEqual(expect.arrayContaining(admitted));

    // …and comes into being: built afresh, with a handler (its old instance closed above).
    const app = await buildApp('discipline', withAdmissionHandler(discipline), suite.config);
    suite.services.discipline = { app, url: '' };
    await eventually(async () => Object.values(await known(app, all)).every((n) => n === 1), 15_000, 'every PPL known to discipline');

    // The documented backfill: everything again, from the first event; the inbox applies none twice.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/events-replay.ts', '--to', 'discipline', '--type', 'ppl.admitted', '--wait'],
      { cwd: root, env: { ...process.env, DATABASE_URL: suite.config.DATABASE_URL }, timeout: 60_000 },
    );
    expect(stdout).toMatch(/classification will send discipline every retained ppl\.admitted after #0 \(replay 2\)/);
    const queue = queueOf('discipline');
    try {
      const replayed = await eventually(
        async () => {
          const jobs = (await queue.getJobs(['completed'])).filter((j: Job) => String(j.id).endsWith('-r2'));
          return jobs.length === all.length ? jobs : undefined;
        },
        15_000,
        'the replayed jobs',
      );
      expect(replayed.map((j: Job) => j.returnvalue)).toEqual(all.map(() => 'duplicate'));
    } finally {
      await queue.close();
    }
    expect(await known(app, all)).toEqual(once(all));
  }, 90_000); // the command starts a Node process of its own
});

describe('PLT-08 nothing forged: consumers check every job', () => {
  let suite: RunningSuite;
  beforeAll(async () => {
    suite = await startSuite();
  });
  afterAll(async () => suite.close());

  const NAME = 'Juan Carlos Pérez Gómez';
  const admitted = (nui: string, over: Partial<EventEnvelope<'ppl.admitted'>> = {}): EventEnvelope<'ppl.admitted'> => ({
    id: randomUUID(),
    type: 'ppl.admitted',
    source: 'classification',
    occurredAt: new Date().toISOString(),
    payload: { nui, eron: '113', legalStatus: 'sindicado', sex: 'M', admittedAt: new Date().toISOString(), cashAtIntake: null },
    ...over,
  });
  /** Three jobs no consumer may apply: a wrong source, a malformed payload carrying a name, an unknown type. */
  const forgeries = (nuis: [string, string, string]) => [
    { name: 'ppl.admitted', event: admitted(nuis[0], { source: 'visits' }) },
    {
      name: 'ppl.admitted',
      event: {
        ...admitted(nuis[1]),
        payload: {
          nui: `CC-${nuis[1]}`,
          eron: '113',
          legalStatus: 'sindicado',
          sex: 'M',
          admittedAt: 'ayer',
          cashAtIntake: { amount: 5, actaNumber: NAME },
        },
      },
    },
    { name: 'ppl.pardoned', event: { ...admitted(nuis[2]), type: 'ppl.pardoned' } },
  ];

  const refused = async (queue: Queue, id: string): Promise<Job> =>
    eventually(
      async () => {
        const job = await queue.getJob(id);
        return job && (await job.getState()) === 'failed' ? queue.getJob(id) : undefined;
      },
      10_000,
      `job ${id} to fail`,
    );

  it('PLT-08 a forged or malformed job is refused and kept failed: wrong source, bad payload, unknown type', async () => {
    const folio = suite.services.folio.app;
    const queue = new Queue(eventQueueName('folio'), { connection: { url: suite.config.REDIS_URL }, prefix: suite.config.QUEUE_PREFIX });
    try {
      const jobs = forgeries(['9100001', '9100002', '9100003']);
      for (const { name, event } of jobs)
        await queue.add(name, event, { jobId: event.id, attempts: 8, backoff: { type: 'fixed', delay: 10 } });
      for (const { event } of jobs) {
        const job = await refused(queue, event.id);
        expect(job.failedReason).toMatch(/^Event refused: /);
        expect(job.attemptsMade).toBe(1); // not retried, though eight attempts were allowed
      }
      // `failed` is final in BullMQ: a job with attempts left waits in `delayed` instead, so this proves no retry is coming.
      for (const { event } of jobs) expect(await (await queue.getJob(event.id))?.getState()).toBe('failed');
      expect(await queue.getJobCounts('delayed', 'waiting')).toMatchObject({ delayed: 0, waiting: 0 });
      const ids = jobs.map((j) => j.event.id);
      expect(await folio.db.selectFrom('inbox').select('event_id').where('event_id', 'in', ids).execute()).toHaveLength(0);
      const folios = await folio.db.selectFrom('folios').select('nui').where('nui', 'in', ['9100001', '9100002', '9100003']).execute();
      expect(folios).toHaveLength(0);

      // A genuine event after them still applies.
      const real = admitted('9100004');
      await queue.add(real.type, real, { jobId: real.id });
      await eventually(async () => (await queue.getJob(real.id))?.returnvalue === 'applied', 10_000, 'the genuine event');
    } finally {
      await queue.close();
    }
  });
});
