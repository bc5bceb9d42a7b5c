import { Queue } from 'bullmq';
import { Client } from 'pg';
import { bogotaToday, eventQueueName, SERVICES as NAMES, type EventEnvelope, type ServiceName } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import { admissionRequest } from '../../services/classification/test/admission.factory';
import { migrateAll } from '../../scripts/suite';
import { eventLedger, failedEventJobs, ledger, overbooking } from './support/checks';
import { DrillClient } from './support/client';
import { DRILL_HMAC_KEYS, ERON, family, newTally, setUp, type Family, type Stage, type Tally } from './support/load';
import { PrivatePostgres, PrivateRedis, until } from './support/servers';
import { ServiceProcess } from './support/service-process';

/**
 * PLT-17 fault drills over the four services, each running as two real processes on one database
 * (so every drill is also a drill of two instances side by side), against a Postgres cluster and a
 * redis-server of the drill's own that it stops, crashes and starts again. The load is real API
 * calls (see support/load.ts). Every drill ends by checking that every event was applied exactly
 * once by every subscriber, that no visit session is overbooked and that the ledger balances.
 *
 * Short version (the test command): a few families per drill. Long version, documented in the
 * README: `pnpm drills:long` (DRILLS_LONG=1: more families, more in parallel, every service killed
 * in turn, repeated faults). DRILLS_FAMILIES and DRILLS_PARALLEL override either.
 */
const LONG = process.env.DRILLS_LONG === '1';
const FAMILIES = Number(process.env.DRILLS_FAMILIES ?? (LONG ? 24 : 3));
const PARALLEL = Number(process.env.DRILLS_PARALLEL ?? (LONG ? 6 : 3));
const ROUNDS = LONG ? 3 : 1;
const INSTANCES = Number(process.env.DRILLS_INSTANCES ?? 2);
const PREFIX = 'drill';
/** Fewer places than families book over all drills: the area fills up and bookings contend. */
const CAPACITY = Math.max(3, Math.floor((FAMILIES * 5 * ROUNDS) / 3));
/** Generous: a drill that passes takes seconds on a quiet machine; a loaded one only slows it down. */
const DRILL_MS = LONG ? 1_800_000 : 600_000;

const paymaster = bearer(['paymaster'], [ERON]);
const gate = bearer(['gate_officer'], [ERON]);

let pg: PrivatePostgres;
let redis: PrivateRedis;
let procs: ServiceProcess[] = [];
let client: DrillClient;
let stage: Stage;
const tally: Tally = newTally();
const families: Family[] = [];
let next = 0;

const instancesOf = (name: ServiceName) => procs.filter((p) => p.name === name);

beforeAll(async () => {
  if (process.env.DRILLS_SKIP === '1') return;
  pg = await new PrivatePostgres().init();
  redis = await new PrivateRedis().start();
  await migrateAll(pg.url);
  const env = {
    DATABASE_URL: pg.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: PREFIX,
    LOG_LEVEL: 'info',
    MIGRATE_ON_START: 'false',
    OUTBOX_POLL_MS: '200',
    HMAC_KEYS: DRILL_HMAC_KEYS,
    DB_POOL_MAX: '4',
    NOTIFY_POLL_MS: '0',
    PHONE_SWEEP_INTERVAL_MS: '0',
  };
  procs = NAMES.flatMap((name) => Array.from({ length: INSTANCES }, (_, i) => new ServiceProcess(name, i + 1, env)));
  await Promise.all(procs.map((p) => p.start(600_000)));
  client = new DrillClient((name) => instancesOf(name).map((p) => p.url), Number(process.env.DRILLS_PATIENCE_MS ?? 180_000));
  stage = await setUp(client, CAPACITY);
}, 900_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.kill()));
  await redis?.destroy();
  await pg?.destroy();
});

/**
 * `n` families through every service, `PARALLEL` at a time; `fault` starts once every lane is
 * under way (mid-load) and runs beside them. Returns what failed (with each failure's reason).
 */
async function underLoad(n: number, fault: () => Promise<void> = async () => undefined): Promise<void> {
  const before = tally.families;
  tally.failures.length = 0; // each drill answers for its own families
  let left = n;
  const lane = async () => {
    while (left > 0) {
      left -= 1;
      const i = (next += 1);
      try {
        families.push(await family(client, stage, i, i % 2 === 0, tally));
      } catch (err) {
        tally.failures.push(`family ${i}: ${(err as Error).message}`);
      }
    }
  };
  const lanes = Array.from({ length: Math.min(PARALLEL, n) }, lane);
  await until(async () => tally.families - before >= Math.min(PARALLEL, n), 60_000, 'the load to start');
  await Promise.all([...lanes, fault()]);
}

/** Every event applied once, no overbooking, the ledger balanced, each family's Folio exact. */
async function checkEverything(): Promise<void> {
  // The event checks come first: when a family timed out, they tell a lost or failed event from a late one.
  // The events still in flight (relayed late, retried after the fault) arrive; then nothing is missing.
  await until(
    async () => {
      const e = await eventLedger(pg.url);
      return e.unrelayed === 0 && e.applied === e.due;
    },
    90_000,
    'every event to be relayed and applied',
  ).catch(() => undefined); // the assertions below say what is missing
  const events = await eventLedger(pg.url);
  expect(events.wrong).toEqual([]);
  expect(events).toMatchObject({ unrelayed: 0, applied: events.due });
  expect(events.published).toBeGreaterThan(0);
  expect(await failedEventJobs(redis.url, PREFIX)).toEqual([]);
  expect(tally.failures).toEqual([]);
  expect(await overbooking(pg.url)).toEqual([]);
  expect(await ledger(pg.url)).toEqual([]);
  // No event applied twice: each family's Folio holds exactly its cash, deposit and purchase.
  const balances = await sqlRows<{ nui: string; balance: string }>(
    "SELECT nui, balance FROM folio.ledger_accounts WHERE kind = 'ppl_available' AND nui IS NOT NULL",
  );
  const byNui = new Map(balances.map((b) => [b.nui, Number(b.balance)]));
  expect(families.filter((f) => byNui.get(f.nui) !== f.expectedAvailable)).toEqual([]);
  // Every firm sanction reached visits once: the family's booking was cancelled for it.
  const cancelled = await sqlRows<{ id: string; cancel_reason: string | null; status: string }>(
    'SELECT id::text, cancel_reason, status FROM visits.bookings',
  );
  const booking = new Map(cancelled.map((b) => [b.id, b]));
  for (const f of families.filter((x) => x.booked && x.sanctionId))
    expect(booking.get(f.booked!)).toMatchObject({ status: 'cancelled', cancel_reason: `sanction:${f.sanctionId}` });
}

async function sqlRows<T>(text: string): Promise<T[]> {
  const c = new Client({ connectionString: pg.url });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end();
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** DRILLS_SKIP=1 leaves the drills out of a run (a machine without redis-server or Postgres binaries). */
const drills = process.env.DRILLS_SKIP === '1' ? describe.skip : describe;

drills('PLT-17 fault drills: four services, two processes each, private Postgres and Redis', () => {
  it(
    'PLT-08 PLT-17 when Redis is cut then an admission still succeeds and its event waits in the outbox; it is applied exactly once after Redis returns',
    async () => {
      await redis.stop();
      const admitted = await client.expect(
        201,
        'classification',
        'POST',
        '/api/v1/classification/admissions',
        gate,
        admissionRequest({
          cashAtIntake: { amount: 90_000, actaNumber: 'ACTA-OUTAGE-1', searchDate: '2026-11-24' },
        }),
        { idempotent: true },
      );
      // Positive proof the event is held, not merely late: no producer can reach Redis (each says so
      // on /ready), and the event's outbox row is unpublished.
      for (const p of instancesOf('classification'))
        expect(await (await fetch(`${p.url}/ready`)).json()).toMatchObject({ postgres: true, redis: false });
      const pending = await sqlRows<{ payload: { nui: string } }>(
        "SELECT envelope->'payload' AS payload FROM classification.outbox WHERE published_at IS NULL",
      );
      expect(pending.map((r) => r.payload)).toContainEqual(expect.objectContaining({ nui: admitted.nui }));
      expect((await client.once('folio', 'GET', `/api/v1/folio/accounts/${admitted.nui}`, paymaster)).status).toBe(404);
      // PLT-10: without Redis a service is alive but not ready.
      const [one] = instancesOf('folio');
      expect((await fetch(`${one!.url}/health`)).status).toBe(200);
      const ready = await fetch(`${one!.url}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ postgres: true, redis: false });

      await redis.start();
      const account = await client.until(
        'folio',
        `/api/v1/folio/accounts/${admitted.nui}`,
        paymaster,
        (a) => a.body,
        client.patienceMs,
        'the event to flow after Redis returns',
      );
      expect(account).toMatchObject({ available: 0, pending: 90_000 });
      await client.expect(201, 'classification', 'POST', `/api/v1/classification/ppl/${admitted.nui}/intake-cash/receipt`, paymaster, {
        receivedOn: bogotaToday(),
        signatures: { guardCommander: 'Pedro Sosa', custodyOfficer: 'Dragoneante Ruiz', paymaster: 'Luz Pérez' },
        copyGivenToPpl: true,
      });
      await client.until(
        'folio',
        `/api/v1/folio/accounts/${admitted.nui}`,
        paymaster,
        (a) => a.body.pending === 0 || undefined,
        client.patienceMs,
        'the receipt',
      );
      expect((await client.expect(200, 'folio', 'GET', `/api/v1/folio/accounts/${admitted.nui}`, paymaster)).available).toBe(90_000);
      families.push({ nui: admitted.nui, expectedAvailable: 90_000 });
    },
    DRILL_MS,
  );

  it(
    'PLT-17 when Redis is stopped mid-load and started again then every event is applied exactly once, no session is overbooked and the ledger balances',
    async () => {
      for (let round = 0; round < ROUNDS; round += 1)
        await underLoad(FAMILIES, async () => {
          await pause(500);
          await redis.stop(round % 2 === 0 ? 'SIGTERM' : 'SIGKILL');
          await pause(2_000);
          await redis.start();
        });
      await checkEverything();
    },
    DRILL_MS,
  );

  it(
    'PLT-17 when service processes are killed with SIGKILL mid-load and restarted then every event is applied exactly once, no session is overbooked and the ledger balances',
    async () => {
      const victims: ServiceName[] = LONG ? [...NAMES] : ['folio', 'visits'];
      for (let round = 0; round < ROUNDS; round += 1)
        await underLoad(FAMILIES, async () => {
          for (const name of victims) {
            await pause(300);
            // Both of folio's instances at once: its events wait in Redis until one is back.
            const dying = name === 'folio' ? instancesOf(name) : instancesOf(name).slice(0, 1);
            await Promise.all(dying.map((p) => p.kill()));
            await pause(1_000);
            await Promise.all(dying.map((p) => p.start()));
          }
        });
      await checkEverything();
    },
    DRILL_MS,
  );

  it(
    'PLT-10 PLT-17 when Postgres crashes mid-load and restarts then services report not ready meanwhile, and every event is applied exactly once, no session is overbooked and the ledger balances',
    async () => {
      for (let round = 0; round < ROUNDS; round += 1)
        await underLoad(FAMILIES, async () => {
          await pause(500);
          pg.crash();
          const [one] = instancesOf('visits');
          expect((await fetch(`${one!.url}/health`)).status).toBe(200);
          const ready = await fetch(`${one!.url}/ready`);
          expect(ready.status).toBe(503);
          expect(await ready.json()).toMatchObject({ postgres: false, redis: true });
          await pause(1_500);
          await pg.start();
          await until(async () => (await fetch(`${one!.url}/ready`)).ok, client.patienceMs, 'readiness after Postgres returns');
        });
      await checkEverything();
    },
    DRILL_MS,
  );

  it(
    'PLT-08 PLT-17 when two instances of every service share one database then both consume events, none is applied twice, and a redelivered event is skipped as a duplicate',
    async () => {
      await underLoad(FAMILIES);
      await checkEverything();
      for (const name of ['folio', 'visits', 'discipline'] as const)
        expect(instancesOf(name).map((p) => [p.label, p.consumed > 0])).toEqual(instancesOf(name).map((p) => [p.label, true]));

      // The same event delivered again (a job of its own, as a re-relay after a crash would be): skipped.
      const [row] = await sqlRows<{ envelope: EventEnvelope<'ppl.admitted'> }>(
        "SELECT envelope FROM classification.outbox WHERE type = 'ppl.admitted' ORDER BY seq DESC LIMIT 1",
      );
      const event = row!.envelope;
      const queue = new Queue(eventQueueName('folio'), { connection: { url: redis.url }, prefix: PREFIX });
      try {
        await queue.add(event.type, event, { jobId: `${event.id}-again` });
        await until(
          async () => (await (await queue.getJob(`${event.id}-again`))?.isCompleted()) === true,
          client.patienceMs,
          'the second delivery',
        );
        expect((await queue.getJob(`${event.id}-again`))?.returnvalue).toBe('duplicate');
      } finally {
        await queue.close();
      }
      // Its Folio holds what it held, once: the intake cash was not opened or credited again.
      const mine = families.find((f) => f.nui === event.payload.nui);
      const account = await client.expect(200, 'folio', 'GET', `/api/v1/folio/accounts/${event.payload.nui}`, paymaster);
      expect(account).toMatchObject({ pending: 0, ...(mine ? { available: mine.expectedAvailable } : {}) });
      await checkEverything();
      console.log(
        `PLT-17 drills (${LONG ? 'long' : 'short'}): ${tally.completed}/${tally.families} families, ${tally.bookings} bookings (${tally.refusedFull} refused: full, capacity ${CAPACITY}), ` +
          `${tally.sanctions} firm sanctions, ${client.retries} retried calls; events consumed per instance: ` +
          procs.map((p) => `${p.label} ${p.consumed}`).join(', '),
      );
    },
    DRILL_MS,
  );
});
