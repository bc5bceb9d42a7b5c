import Fastify from 'fastify';
import { Queue } from 'bullmq';
import { addDays, bogotaToday } from '@eron/shared';
import { jobsQueueName, loadConfig, NoExtra, openApi } from '@eron/shared/platform';
import { bearer, eventually } from '@eron/shared/testing';
import { definition } from '../src/app';
import committed from '../../../openapi/folio.json';
import { asobancariaFile, DEPOSITOR_LAYOUT } from './support/asobancaria';
import { cc, setDepositors } from './support/depositors';
import { startFolio, type FolioWorld } from './support/folio.world';

/**
 * Folio's background work runs as BullMQ jobs on its `jobs-folio` queue (PLT-10, PLT-17): the
 * Asobancaria file job (FOL-06) and the phone-hold sweeper (FOL-10), each with one schedule
 * whatever the instances, and nothing started where only the routes are registered.
 */
const paymaster = bearer(['paymaster'], ['113']);
const schedulersOf = async (w: FolioWorld) => {
  const q = new Queue(jobsQueueName('folio'), { connection: { url: w.config.REDIS_URL }, prefix: w.config.QUEUE_PREFIX });
  try {
    return (await q.getJobSchedulers()).map((s) => ({ name: s.name, every: s.every })).sort((a, b) => a.name.localeCompare(b.name));
  } finally {
    await q.close();
  }
};

describe('PLT-17 one schedule per job, whatever the instances', () => {
  it('PLT-17 FOL-06 FOL-10 when two instances run then each job has one schedule, and PHONE_SWEEP_INTERVAL_MS=0 schedules no sweep', async () => {
    const w = await startFolio({ config: { PHONE_SWEEP_INTERVAL_MS: 5_000, RECAUDO_FILE_SWEEP_MS: 2_000 } });
    try {
      await w.instance();
      // Schedules are upserted in the background (a service boots while Redis is down): wait for all.
      const expected = [
        { name: 'phone-sweep', every: 5_000 },
        { name: 'prune-idempotency-keys', every: 3_600_000 },
        { name: 'recaudo-files', every: 2_000 },
      ];
      await eventually(async () => (await schedulersOf(w)).length >= expected.length, 10_000, 'the schedules');
      expect(await schedulersOf(w)).toEqual(expected);
    } finally {
      await w.close();
    }
    const never = await startFolio({ config: { PHONE_SWEEP_INTERVAL_MS: 0 } });
    try {
      await eventually(async () => (await schedulersOf(never)).length >= 2, 10_000, 'the schedules');
      expect(await schedulersOf(never)).toEqual([
        { name: 'prune-idempotency-keys', every: 3_600_000 },
        { name: 'recaudo-files', every: 1_000 },
      ]);
    } finally {
      await never.close();
    }
  });
});

describe('FOL-06 (b) the file job', () => {
  let w: FolioWorld;
  beforeAll(async () => {
    w = await startFolio({ config: { RECAUDO_REFERENCE_LAYOUT: DEPOSITOR_LAYOUT, RECAUDO_FILE_SWEEP_MS: 300 } });
  });
  afterAll(async () => w.close());

  it('FOL-06 PLT-08 when the upload cannot wake the job (its Redis connection down) then the file is accepted and the schedule books it, once', async () => {
    const nui = await w.admit();
    expect((await setDepositors(w.app, nui, [cc(52_777_001)])).statusCode).toBe(201);
    const payload = asobancariaFile({
      layout: 'depositor',
      collectionDate: addDays(bogotaToday(), -2),
      lots: [[{ nui, depositor: '52777001', pesos: 42_000 }]],
    });
    let id = '';
    w.app.redis.disconnect();
    try {
      const up = await w.app.inject({
        method: 'POST',
        url: '/api/v1/folio/recaudo/files',
        headers: { ...paymaster, 'content-type': 'text/plain' },
        payload,
      });
      expect(up.statusCode).toBe(202);
      id = up.json().id as string;
      const progress = async () =>
        (await w.app.inject({ method: 'GET', url: `/api/v1/folio/recaudo/files/${id}`, headers: paymaster })).json().status;
      await eventually(async () => (await progress()) === 'done', 15_000, 'file booked by the schedule');
    } finally {
      await w.app.redis.connect().catch(() => undefined);
    }
    // An officer's upload credits once a second officer approves it (FOL-06 b).
    const approve = await w.app.inject({
      method: 'POST',
      url: `/api/v1/folio/recaudo/files/${id}/approve`,
      headers: bearer(['director'], ['113']),
    });
    expect([approve.statusCode, approve.json().credited]).toEqual([200, 1]);
    expect(await w.available(nui)).toBe(42_000);
    expect(await w.db.selectFrom('recaudo_deposits').select('id').where('nui', '=', nui).execute()).toHaveLength(1);
    await w.ledgerAddsUp();
  });
});

describe('PLT-10 OpenAPI generation', () => {
  it('PLT-10 when only the routes are registered, as the OpenAPI generator does, then no job, timer or connection is started', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const app = Fastify();
    await app.register(openApi, definition);
    app.decorate('config', loadConfig(NoExtra, {}));
    await app.register(definition.routes);
    await app.ready();
    expect(Object.keys(app.swagger().paths ?? {}).sort()).toEqual(Object.keys(committed.paths).sort());
    expect(app.hasDecorator('runtime')).toBe(false);
    expect(timers()).toBe(before);
    await app.close();
  });
});
