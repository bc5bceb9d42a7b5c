import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { eventQueueName, type EventEnvelope } from '@eron/shared';
import { buildApp, type BaseEnv } from '@eron/shared/platform';
import { bearer, eventually, testConfig } from '@eron/shared/testing';
import folio from '../../src/app';
import { FakeBank } from './fake-bank';

export const BANK_KEY = { keyId: 'bank-test', secret: 'bank-shared-secret-for-tests' };

/** The folio service under test, listening on a real port, with a fake bank that signs its notices. */
export interface World {
  app: FastifyInstance;
  config: BaseEnv;
  bank: FakeBank;
  admit: (eron?: string) => Promise<string>;
  balance: (nui: string) => Promise<number>;
  eronBalance: (eron: string, kind: string) => Promise<number>;
  close: () => Promise<void>;
}

let nuiSeq = 8_000_000 + Math.floor(Math.random() * 1_000_000);

export async function startWorld(env: Record<string, string> = {}): Promise<World> {
  const t = await testConfig({ HMAC_KEYS: `${BANK_KEY.keyId}:bank:${BANK_KEY.secret}` });
  const app = await buildApp('folio', folio, { ...t.config, ...env });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address() as { port: number };
  const queue = new Queue(eventQueueName('folio'), { connection: { url: t.config.REDIS_URL }, prefix: t.config.QUEUE_PREFIX });
  const admit = async (eron = '113') => {
    nuiSeq += 1;
    const event: EventEnvelope<'ppl.admitted'> = {
      id: randomUUID(),
      type: 'ppl.admitted',
      source: 'classification',
      occurredAt: new Date().toISOString(),
      payload: { nui: String(nuiSeq), eron, legalStatus: 'sindicado', sex: 'M', admittedAt: new Date().toISOString(), cashAtIntake: null },
    };
    await queue.add(event.type, event, { jobId: event.id });
    const nui = event.payload.nui;
    await eventually(
      async () => (await app.db.selectFrom('folios').select('nui').where('nui', '=', nui).executeTakeFirst()) !== undefined,
      10_000,
      'folio',
    );
    return nui;
  };
  const balance = async (nui: string) =>
    (await app.inject({ method: 'GET', url: `/api/v1/folio/accounts/${nui}`, headers: bearer(['paymaster'], ['113', '114']) })).json()
      .available as number;
  const eronBalance = async (eron: string, kind: string) =>
    Number(
      (
        await app.db
          .selectFrom('account_balances')
          .select('balance')
          .where('eron', '=', eron)
          .where('kind', '=', kind)
          .where('nui', 'is', null)
          .executeTakeFirst()
      )?.balance ?? 0,
    );
  return {
    app,
    config: t.config,
    bank: new FakeBank(`http://127.0.0.1:${address.port}`, BANK_KEY),
    admit,
    balance,
    eronBalance,
    close: async () => {
      await queue.close();
      await app.close();
      await t.cleanup();
    },
  };
}

/** Registers a PPL's depositor list through the API, as the paymaster. */
export async function setDepositors(app: FastifyInstance, nui: string, people: { type: string; number: string }[], eron = '113') {
  return app.inject({
    method: 'POST',
    url: `/api/v1/folio/accounts/${nui}/depositors`,
    headers: bearer(['paymaster'], [eron]),
    payload: { depositors: people.map((d, i) => ({ document: d, givenNames: `Nombre${i}`, surnames: `Apellido${i}` })) },
  });
}

export const cc = (n: number): { type: 'CC'; number: string } => ({ type: 'CC', number: String(n) });
