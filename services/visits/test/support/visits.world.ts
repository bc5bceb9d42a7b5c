import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { eventQueueName, type EventEnvelope, type EventPayload, type EventType, type LegalStatus } from '@eron/shared';
import { buildApp } from '@eron/shared/platform';
import { eventually, testConfig } from '@eron/shared/testing';
import visits from '../../src/app';
import { loadVisitsConfig, type VisitsConfig } from '../../src/config';
import type { Db } from '../../src/db';
import { runtime } from '../../src/runtime';

export interface VisitsWorld {
  app: FastifyInstance;
  db: Db;
  /** A call under /api/v1/visits. */
  call: (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    headers: object,
    payload?: object,
  ) => Promise<LightMyRequestResponse>;
  /** Puts an event on visits' queue as its producer publishes it and resolves once applied. */
  deliver<T extends EventType>(type: T, payload: EventPayload<T>): Promise<EventEnvelope<T>>;
  /** A PPL admitted by classification (ppl.admitted), known to visits once this resolves. */
  admit(o?: { eron?: string; legalStatus?: LegalStatus; sex?: 'M' | 'F' }): Promise<string>;
  /** A firm sanction from discipline suppressing `visits` visits. */
  sanction(nui: string, eron: string, visits: number): Promise<void>;
  close(): Promise<void>;
}

let nuiSeq = 5_000_000 + Math.floor(Math.random() * 2_000_000);

export async function startVisits(opts: { config?: Partial<VisitsConfig> } = {}): Promise<VisitsWorld> {
  const t = await testConfig<VisitsConfig>(opts.config, loadVisitsConfig);
  const app = await buildApp('visits', visits, t.config);
  const db = runtime(app).db;
  const queue = new Queue(eventQueueName('visits'), { connection: { url: t.config.REDIS_URL }, prefix: t.config.QUEUE_PREFIX });
  const deliver = async <T extends EventType>(type: T, payload: EventPayload<T>) => {
    const e: EventEnvelope<T> = {
      id: randomUUID(),
      type,
      source: type.startsWith('sanction.') ? 'discipline' : 'classification',
      occurredAt: new Date().toISOString(),
      payload,
    };
    await queue.add(type, e, { jobId: e.id });
    await eventually(
      async () => (await db.selectFrom('inbox').select('event_id').where('event_id', '=', e.id).executeTakeFirst()) !== undefined,
      10_000,
      `event ${e.id} applied`,
    );
    return e;
  };
  return {
    app,
    db,
    call: (method, url, headers, payload) =>
      app.inject({ method, url: `/api/v1/visits${url}`, headers: { ...headers }, ...(payload ? { payload } : {}) }),
    deliver,
    async admit({ eron = '113', legalStatus = 'condenado', sex = 'M' } = {}) {
      const nui = String((nuiSeq += 1));
      await deliver('ppl.admitted', { nui, eron, legalStatus, sex, admittedAt: new Date().toISOString(), cashAtIntake: null });
      return nui;
    },
    async sanction(nui, eron, n) {
      if (!('sanction.firm' in (runtime(app) as unknown as { handlers?: object }))) return;
      await deliver('sanction.firm', { sanctionId: randomUUID(), nui, eron, kind: 'suspension', visitsSuppressed: n });
    },
    async close() {
      await queue.close();
      await app.close();
      await t.cleanup();
    },
  };
}
