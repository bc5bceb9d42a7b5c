import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import {
  PRODUCERS,
  type EventEnvelope,
  type EventPayload,
  type EventType,
  type ExitReason,
  type LegalStatus,
  type ServiceName,
} from '@eron/shared';
import { buildApp, publish as writeOutbox, servicePlatform, type PlatformTables, type ServiceOptions } from '@eron/shared/platform';
import { eventually, testConfig } from '@eron/shared/testing';
import discipline from '../../src/app';
import { loadDisciplineConfig, type DisciplineConfig } from '../../src/config';
import type { Db } from '../../src/db';
import { runtime } from '../../src/runtime';

export interface DisciplineOptions {
  /** Discipline settings of this world, typed, over the test defaults. */
  config?: Partial<DisciplineConfig>;
  /** Events published before discipline starts (PLT-08 catch-up): discipline learns them from the producers' outboxes. */
  history?: (p: Publisher) => Promise<void>;
}

/** Publishes an event as its producer does: into the producer's outbox, relayed to its subscribers. */
export interface Publisher {
  publish<T extends EventType>(type: T, payload: EventPayload<T>): Promise<EventEnvelope<T>>;
  nextNui(): string;
}

export interface AdmitOptions {
  /** An existing NUI: admitted again (after an exit). */
  nui?: string;
  eron?: string;
  sex?: 'M' | 'F';
  legalStatus?: LegalStatus;
}

/** A discipline service of a test file's own — its database and queues — fed by stand-ins of the producers. */
export interface DisciplineWorld extends Publisher {
  app: FastifyInstance;
  /** The service's database, typed. */
  db: Db;
  config: DisciplineConfig;
  /** The service's base URL on a loopback port (for concurrent HTTP clients). */
  url: string;
  /** Publishes an event as its producer does and resolves once discipline applied it (its inbox row committed). */
  deliver<T extends EventType>(type: T, payload: EventPayload<T>): Promise<EventEnvelope<T>>;
  /** Resolves once discipline applied the event. */
  applied(eventId: string): Promise<void>;
  /** A PPL admitted as classification publishes it (held at 113, sentenced unless told); resolves once discipline knows them. */
  admit(o?: AdmitOptions): Promise<string>;
  /** The conviction became firm (`ppl.status-changed` to condenado); resolves once applied. */
  sentence(nui: string, eron?: string): Promise<EventEnvelope<'ppl.status-changed'>>;
  /** ppl.transferred and ppl.exited as classification publishes them; resolve once applied. */
  transfer(nui: string, fromEron: string, toEron: string): Promise<EventEnvelope<'ppl.transferred'>>;
  exit(nui: string, eron: string, reason?: ExitReason): Promise<EventEnvelope<'ppl.exited'>>;
  /** The outbox rows discipline published of a type (for `sanction.firm`, `notification.requested`…). */
  published<T extends EventType>(type: T): Promise<EventEnvelope<T>[]>;
  close(): Promise<void>;
}

let nuiSeq = 5_000_000 + Math.floor(Math.random() * 2_000_000);

/**
 * A producer as far as events go (classification): the shared platform under the producer's name
 * on this world's database, whose schema the template already migrated. Its outbox, relay and
 * subscription worker are the real ones, so discipline is caught up as in production.
 */
function standIn(name: ServiceName) {
  const def = { name, title: `${name} (stand-in)`, description: 'Publishes events for the discipline tests', migrations: {} };
  return fp<ServiceOptions>(async (app, opts) => app.register(servicePlatform<PlatformTables>(def), opts), { name: `${name}-stand-in` });
}

/** The one way the discipline tests start the service: its own database and queues, fed through the producers' outboxes. */
export async function startDiscipline(opts: DisciplineOptions = {}): Promise<DisciplineWorld> {
  const t = await testConfig<DisciplineConfig>({ ...opts.config }, loadDisciplineConfig);
  const producers = new Map<ServiceName, FastifyInstance>();
  const producer = async (name: ServiceName) => {
    let app = producers.get(name);
    if (!app) {
      app = await buildApp(name, standIn(name), { ...t.config, MIGRATE_ON_START: false });
      producers.set(name, app);
    }
    return app;
  };
  const publish = async <T extends EventType>(type: T, payload: EventPayload<T>) => {
    const source = PRODUCERS[type][0]!;
    const app = await producer(source);
    return app.db.transaction().execute((trx) => writeOutbox(trx, source, type, payload));
  };
  const nextNui = () => String((nuiSeq += 1));
  try {
    await opts.history?.({ publish, nextNui });
  } catch (err) {
    for (const p of producers.values()) await p.close();
    await t.cleanup();
    throw err;
  }
  // Classification is always up: discipline subscribes with it on start, and it catches discipline up.
  await producer('classification');

  let app: FastifyInstance;
  try {
    app = await buildApp('discipline', discipline, t.config);
    await app.listen({ host: '127.0.0.1', port: 0 });
  } catch (err) {
    for (const p of producers.values()) await p.close();
    await t.cleanup();
    throw err;
  }
  const db: Db = runtime(app).db;
  const applied = async (eventId: string) => {
    const inbox = () => db.selectFrom('inbox').select('event_id').where('event_id', '=', eventId).executeTakeFirst();
    await eventually(async () => (await inbox()) !== undefined, 15_000, `event ${eventId} applied by discipline`);
  };
  const deliver = async <T extends EventType>(type: T, payload: EventPayload<T>) => {
    const e = await publish(type, payload);
    await applied(e.id);
    return e;
  };

  const world: DisciplineWorld = {
    app,
    db,
    config: t.config,
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    publish,
    nextNui,
    deliver,
    applied,
    async admit({ nui = nextNui(), eron = '113', sex = 'M', legalStatus = 'condenado' } = {}) {
      const admittedAt = new Date().toISOString();
      const names = 'Juan Carlos';
      const surnames = 'Pérez Gómez';
      await deliver('ppl.admitted', { nui, eron, legalStatus, sex, admittedAt, cashAtIntake: null, names, surnames });
      return nui;
    },
    sentence: (nui, eron = '113') => deliver('ppl.status-changed', { nui, eron, legalStatus: 'condenado' }),
    transfer: (nui, fromEron, toEron) => deliver('ppl.transferred', { nui, transferId: randomUUID(), fromEron, toEron }),
    exit: (nui, eron, reason = 'release') => deliver('ppl.exited', { nui, eron, exitId: randomUUID(), reason }),
    async published<T extends EventType>(type: T) {
      const rows = await db.selectFrom('outbox').select('envelope').where('type', '=', type).orderBy('seq').execute();
      return rows.map((r) => r.envelope as EventEnvelope<T>);
    },
    async close() {
      await app.close();
      for (const p of producers.values()) await p.close();
      await t.cleanup();
    },
  };
  return world;
}
