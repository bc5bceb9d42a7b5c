import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Queue } from 'bullmq';
import { sql } from 'kysely';
import type { Problem } from '@eron/shared';
import { jobsQueueName } from '@eron/shared/platform';
import { bearer, eventually } from '@eron/shared/testing';
import { admissionRequest } from './admission.factory';
import { startClassification, type ClassificationWorld } from './support/classification.world';
import { establishmentBody } from './support/establishments';

let app: FastifyInstance;
let call: ClassificationWorld['call'];
let close: () => Promise<void>;

const dg = bearer(['dg']);
// The same subject ('test-director') acting for 113, then for 114: the key's caller is the same.
const director113 = bearer(['director'], ['113']);
const director114 = bearer(['director'], ['114']);

beforeAll(async () => {
  ({ app, call, close } = await startClassification());
  for (const code of ['113', '114']) {
    const res = await call('POST', '/establishments', dg, establishmentBody(code));
    expect(res.statusCode).toBe(201);
  }
});
afterAll(async () => close());

/** A transfer 113 → 114 of a newly admitted PPL, ordered by the DG. */
async function orderedTransfer(): Promise<string> {
  const admitted = await call('POST', '/admissions', bearer(['gate_officer'], ['113']), admissionRequest());
  expect(admitted.statusCode).toBe(201);
  const res = await call('POST', '/transfers', dg, {
    nui: admitted.json().nui,
    toEron: '114',
    reasons: 'Acercamiento familiar solicitado por la PPL',
    authority: 'Juzgado 3 de Ejecución de Penas de Bogotá',
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

const dispatch = (id: string, headers: object, key: string): Promise<LightMyRequestResponse> =>
  call('POST', `/transfers/${id}/dispatch`, { ...headers, 'idempotency-key': key });
const statusOf = async (id: string) =>
  (await app.db.selectFrom('transfers').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status as string;
const storedKeys = async (key: string) => app.db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).execute();

/** The backends of this database waiting for a row lock: a request held inside its work. */
const waitingBackends = async (): Promise<number[]> =>
  (
    await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(
      app.db,
    )
  ).rows.map((r) => r.pid);

/** Holds the transfer's row lock until `release()`, so a dispatch of it stays in flight. */
async function holdTransfer(id: string): Promise<{ release: () => Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holder = app.db.transaction().execute(async (trx) => {
    await trx.selectFrom('transfers').select('id').where('id', '=', id).forUpdate().execute();
    locked();
    await released;
  });
  await isLocked;
  return {
    release: async () => {
      release();
      await holder;
    },
  };
}

describe('PLT-05 Idempotency-Key scope and replay', () => {
  it('PLT-05 when the same key is sent on another transfer then 422 naming PLT-05, the other transfer is not dispatched and A’s answer is never given', async () => {
    const [a, b] = [await orderedTransfer(), await orderedTransfer()];
    const key = `dispatch-${randomUUID()}`;
    const first = await dispatch(a, director113, key);
    expect(first.statusCode).toBe(200);
    expect(first.json().id).toBe(a);

    const other = await dispatch(b, director113, key);
    expect(other.statusCode).toBe(422);
    expect(other.json<Problem>()).toMatchObject({ rule: 'PLT-05', status: 422 });
    expect(other.body).not.toContain(a);
    expect(await statusOf(b)).toBe('ordered');

    const retry = await dispatch(a, director113, key);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
  });

  it('PLT-05 when the same caller replays a key while acting for another establishment then 403 and the stored answer is not given', async () => {
    const id = await orderedTransfer();
    const key = `dispatch-${randomUUID()}`;
    const first = await dispatch(id, director113, key);
    expect(first.statusCode).toBe(200);

    // Same subject, same key, same path and body: only the token's establishments differ.
    const replay = await dispatch(id, director114, key);
    expect(replay.statusCode).toBe(403);
    expect(replay.json<Problem>().rule).toBe('PLT-03');
    expect(replay.body).not.toContain(first.json().nui);
    expect(replay.headers['idempotent-replayed']).toBeUndefined();
    expect(await storedKeys(key)).toEqual([expect.objectContaining({ actor_scope: '113', status: 200 })]);
  });

  it('PLT-05 when the first request with a key is still running, however old it looks, then a duplicate is 409 and not run; the key then replays the one answer', async () => {
    const id = await orderedTransfer();
    const key = `dispatch-${randomUUID()}`;
    const hold = await holdTransfer(id);
    const first = dispatch(id, director113, key);
    await eventually(async () => (await waitingBackends()).length === 1, 10_000, 'the first dispatch waiting inside its work');

    // No row, no timestamp decides it: while the first request's transaction lives, the key is taken.
    for (let i = 0; i < 3; i++) {
      const duplicate = await dispatch(id, director113, key);
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json<Problem>()).toMatchObject({ rule: 'PLT-05', status: 409 });
    }
    expect(await storedKeys(key)).toEqual([]);

    await hold.release();
    const done = await first;
    expect(done.statusCode).toBe(200);
    const retry = await dispatch(id, director113, key);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(done.json());
    expect(await storedKeys(key)).toHaveLength(1);
  });

  it('PLT-05 when the first request’s database session dies mid-work then nothing was done and a retry with the key runs once', async () => {
    const id = await orderedTransfer();
    const key = `dispatch-${randomUUID()}`;
    const hold = await holdTransfer(id);
    const first = dispatch(id, director113, key);
    const [pid] = await eventually(async () => {
      const pids = await waitingBackends();
      return pids.length === 1 ? pids : undefined;
    });
    await sql`SELECT pg_terminate_backend(${pid}::int)`.execute(app.db);
    expect((await first).statusCode).toBeGreaterThanOrEqual(500);
    await hold.release();
    expect(await statusOf(id)).toBe('ordered');

    const retry = await dispatch(id, director113, key);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await statusOf(id)).toBe('in_transit');
    expect(await storedKeys(key)).toHaveLength(1);
  });
});

describe('PLT-05 retention', () => {
  it('PLT-05 when keys are past their retention then the scheduled prune-idempotency-keys job removes them and keeps the younger ones', async () => {
    const queue = new Queue(jobsQueueName('classification'), {
      connection: { url: app.config.REDIS_URL },
      prefix: app.config.QUEUE_PREFIX,
    });
    try {
      expect(await queue.getJobScheduler('prune-idempotency-keys')).toMatchObject({ every: 3_600_000 });
      const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
      const row = (key: string, h: number) => ({
        scope: 'test-pruner',
        key,
        request_hash: 'h',
        status: 201,
        response: '{}',
        actor_scope: '*',
        created_at: hoursAgo(h),
      });
      const keys = { old: `old-${randomUUID()}`, day: `day-${randomUUID()}`, fresh: `fresh-${randomUUID()}` };
      await app.db
        .insertInto('idempotency_keys')
        .values([row(keys.old, 49), row(keys.day, 25), row(keys.fresh, 0)])
        .execute();

      await app.runtime.jobs.trigger('prune-idempotency-keys');
      await eventually(async () => (await storedKeys(keys.old)).length === 0, 15_000, 'the old key pruned');
      expect(await storedKeys(keys.day)).toHaveLength(1);
      expect(await storedKeys(keys.fresh)).toHaveLength(1);
    } finally {
      await queue.close();
    }
  });
});
