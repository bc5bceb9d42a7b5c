import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { eventQueueName, type EventEnvelope } from '@eron/shared';
import { buildApp } from '@eron/shared/platform';
import { eventually, testConfig } from '@eron/shared/testing';
import folio from '../../src/app';

/** A folio service of a test file's own — its database and queues — and the ways into it. */
export interface FolioWorld {
  app: FastifyInstance;
  queue: Queue;
  /** A PPL admitted through the real queue with cash at intake; resolves once the Folio holds it. */
  admit(cash: number, eron?: string): Promise<string>;
  /** The PPL's available balance, read from the ledger. */
  available(nui: string): Promise<number | undefined>;
  close(): Promise<void>;
}

export async function startFolio(opts: { firstNui: number; config?: Record<string, unknown> }): Promise<FolioWorld> {
  const t = await testConfig();
  const app = await buildApp('folio', folio, { ...t.config, ...opts.config });
  const queue = new Queue(eventQueueName('folio'), { connection: { url: t.config.REDIS_URL }, prefix: t.config.QUEUE_PREFIX });
  let seq = opts.firstNui;

  const available = async (nui: string) =>
    (
      await app.db
        .selectFrom('ledger_accounts')
        .select('balance')
        .where('nui', '=', nui)
        .where('kind', '=', 'ppl_available')
        .executeTakeFirst()
    )?.balance as number | undefined;

  async function admit(cash: number, eron = '113'): Promise<string> {
    seq += 1;
    const nui = String(seq);
    const now = new Date().toISOString();
    const event: EventEnvelope<'ppl.admitted'> = {
      id: randomUUID(),
      type: 'ppl.admitted',
      source: 'classification',
      occurredAt: now,
      payload: {
        nui,
        eron,
        legalStatus: 'condenado',
        sex: 'M',
        admittedAt: now,
        cashAtIntake: { amount: cash, actaNumber: `A-${nui}`, searchDate: '2026-11-24' },
      },
    };
    await queue.add(event.type, event, { jobId: event.id });
    await eventually(async () => (await available(nui)) === cash, 10_000, `folio of ${nui}`);
    return nui;
  }

  return {
    app,
    queue,
    admit,
    available,
    async close() {
      await queue.close();
      await app.close();
      await t.cleanup();
    },
  };
}
