import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { eventQueueName, type EventEnvelope, type EventPayload, type EventType, type ExitReason } from '@eron/shared';
import { buildApp } from '@eron/shared/platform';
import { eventually, testConfig } from '@eron/shared/testing';
import folio from '../../src/app';
import { loadFolioConfig, type FolioConfig } from '../../src/config';
import type { Db, EronAccountKind } from '../../src/db';
import { runtime } from '../../src/runtime';
import { FakeBank, type BankKey } from './fake-bank';

/** A machine client allowed in by HMAC (PLT-03): the bank, a telephony provider… */
export interface MachineKey extends BankKey {
  role: 'bank' | 'telephony_provider' | 'video_provider';
}

export interface FolioOptions {
  /** Folio settings of this world, typed, over the test defaults. */
  config?: Partial<FolioConfig>;
  /** Machine clients the service lets in by signature. */
  machines?: MachineKey[];
  /** The key of the fake bank (BANK_KEY unless given), let in as the bank. */
  bank?: BankKey;
}

/** The fake bank's key in every world. */
export const BANK_KEY: BankKey = { keyId: 'bank-test', secret: 'bank-shared-secret-for-tests' };

/** A folio service of a test file's own — its database and queues — and the ways into it. */
export interface FolioWorld {
  app: FastifyInstance;
  /** The service's database, typed. */
  db: Db;
  config: FolioConfig;
  /** folio's event queue: where classification's events arrive. */
  queue: Queue;
  /** A fake bank sending signed notices to the service over real HTTP (it listens on a loopback port). */
  bank: FakeBank;
  /** A NUI no other PPL of this run has. */
  nextNui(): string;
  /** An event as classification publishes it. */
  event<T extends EventType>(type: T, payload: EventPayload<T>): EventEnvelope<T>;
  /** Puts an event on folio's queue (not waiting for it). */
  send<T extends EventType>(type: T, payload: EventPayload<T>): Promise<EventEnvelope<T>>;
  /** Puts an event on folio's queue and resolves once folio applied it (its inbox row committed). */
  deliver<T extends EventType>(type: T, payload: EventPayload<T>): Promise<EventEnvelope<T>>;
  /** Resolves once folio applied the event. */
  applied(eventId: string): Promise<void>;
  /**
   * A PPL admitted through the real queue (with cash at intake if given); resolves once the Folio is
   * open and holds it. Cash is received by the paymaster at once (`intake-cash.received`, CLS-10)
   * unless `received: false`, when it stays pending.
   */
  admit(o?: { cash?: number | null; eron?: string; received?: boolean }): Promise<string>;
  /** ppl.transferred and ppl.exited as classification publishes them (not waiting). */
  transfer(nui: string, fromEron: string, toEron: string): Promise<EventEnvelope<'ppl.transferred'>>;
  exit(nui: string, eron: string, reason: ExitReason): Promise<EventEnvelope<'ppl.exited'>>;
  /** The PPL's available balance, read from the ledger. */
  available(nui: string): Promise<number | undefined>;
  balances(nui: string): Promise<{ available: number; savings: number; seized: number }>;
  eronBalance(eron: string, kind: EronAccountKind): Promise<number>;
  /** Every posting ever made sums to zero, and every PPL account's kept balance equals the sum of its postings. */
  ledgerAddsUp(): Promise<void>;
  /** Sets the instant folio's clock reads (src/clock.ts: FOL-17's due dates); null: the wall clock again. */
  setNow(at: Date | null): void;
  /** Another instance of the service on the same database and queues (PLT-17); closed with the world. */
  instance(): Promise<FastifyInstance>;
  close(): Promise<void>;
}

let nuiSeq = 7_000_000 + Math.floor(Math.random() * 2_000_000);

/** The one way the folio tests start the service: its own database and queues, admitted through ppl.admitted. */
export async function startFolio(opts: FolioOptions = {}): Promise<FolioWorld> {
  const bank = opts.bank ?? BANK_KEY;
  const machines: MachineKey[] = [...(opts.machines ?? []), { ...bank, role: 'bank' }];
  const t = await testConfig<FolioConfig>(
    { HMAC_KEYS: machines.map((m) => `${m.keyId}:${m.role}:${m.secret}`).join(','), ...opts.config },
    loadFolioConfig,
  );
  const app = await buildApp('folio', folio, t.config);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const db = runtime(app).db;
  const instances: FastifyInstance[] = [];
  const queue = new Queue(eventQueueName('folio'), { connection: { url: t.config.REDIS_URL }, prefix: t.config.QUEUE_PREFIX });

  const event = <T extends EventType>(type: T, payload: EventPayload<T>): EventEnvelope<T> => ({
    id: randomUUID(),
    type,
    source: 'classification',
    occurredAt: new Date().toISOString(),
    payload,
  });
  const send = async <T extends EventType>(type: T, payload: EventPayload<T>) => {
    const e = event(type, payload);
    await queue.add(type, e, { jobId: e.id });
    return e;
  };
  const applied = async (eventId: string) => {
    const inbox = () => db.selectFrom('inbox').select('event_id').where('event_id', '=', eventId).executeTakeFirst();
    await eventually(async () => (await inbox()) !== undefined, 10_000, `event ${eventId} applied`);
  };
  const deliver = async <T extends EventType>(type: T, payload: EventPayload<T>) => {
    const e = await send(type, payload);
    await applied(e.id);
    return e;
  };
  const nextNui = () => String((nuiSeq += 1));
  const balances = async (nui: string) => {
    const rows = await db.selectFrom('ledger_accounts').select(['kind', 'balance']).where('nui', '=', nui).execute();
    const of = (kind: string) => Number(rows.find((r) => r.kind === kind)?.balance ?? 0);
    return { available: of('ppl_available'), savings: of('ppl_savings'), seized: of('ppl_seized') };
  };

  return {
    app,
    db,
    config: t.config,
    queue,
    bank: new FakeBank(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, bank),
    nextNui,
    event,
    send,
    deliver,
    applied,
    async admit({ cash = null, eron = '113', received = true } = {}) {
      const nui = nextNui();
      const cashAtIntake = cash === null ? null : { amount: cash, actaNumber: `A-${nui}`, searchDate: '2026-11-24' };
      const admittedAt = new Date().toISOString();
      await deliver('ppl.admitted', { nui, eron, legalStatus: 'condenado', sex: 'M', admittedAt, cashAtIntake });
      if (cashAtIntake && received) {
        await deliver('intake-cash.received', {
          nui,
          eron,
          amount: cashAtIntake.amount,
          actaNumber: cashAtIntake.actaNumber,
          receivedOn: '2026-11-25',
        });
      }
      return nui;
    },
    transfer: (nui, fromEron, toEron) => send('ppl.transferred', { nui, transferId: randomUUID(), fromEron, toEron }),
    exit: (nui, eron, reason) => send('ppl.exited', { nui, eron, exitId: randomUUID(), reason }),
    async available(nui) {
      const row = await db
        .selectFrom('ledger_accounts')
        .select('balance')
        .where('nui', '=', nui)
        .where('kind', '=', 'ppl_available')
        .executeTakeFirst();
      return row === undefined ? undefined : Number(row.balance);
    },
    balances,
    async eronBalance(eron, kind) {
      const row = await db
        .selectFrom('account_balances')
        .select('balance')
        .where('eron', '=', eron)
        .where('kind', '=', kind)
        .where('nui', 'is', null)
        .executeTakeFirst();
      return Number(row?.balance ?? 0);
    },
    async ledgerAddsUp() {
      const total = await sql<{ t: string }>`SELECT COALESCE(sum(amount), 0) AS t FROM postings`.execute(db);
      if (Number(total.rows[0]?.t) !== 0) throw new Error(`ledger does not sum to zero: ${total.rows[0]?.t}`);
      const bad = await sql<{ id: string }>`
        SELECT a.id FROM ledger_accounts a LEFT JOIN postings p ON p.account_id = a.id WHERE a.nui IS NOT NULL
         GROUP BY a.id, a.balance HAVING a.balance <> COALESCE(sum(p.amount), 0)`.execute(db);
      if (bad.rows.length) throw new Error(`accounts off their postings: ${JSON.stringify(bad.rows)}`);
    },
    setNow(at) {
      app.folioClock.now = at ? () => new Date(at) : () => new Date();
    },
    async instance() {
      const other = await buildApp('folio', folio, t.config);
      instances.push(other);
      return other;
    },
    async close() {
      await queue.close();
      for (const other of instances) await other.close();
      await app.close();
      await t.cleanup();
    },
  };
}
