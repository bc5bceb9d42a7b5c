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
  type VisitSession,
} from '@eron/shared';
import { buildApp, publish as writeOutbox, servicePlatform, type PlatformTables, type ServiceOptions } from '@eron/shared/platform';
import { bearer, eventually, testConfig } from '@eron/shared/testing';
import visits from '../../src/app';
import { loadVisitsConfig, type VisitsConfig } from '../../src/config';
import type { Db } from '../../src/db';
import { runtime } from '../../src/runtime';

export interface VisitsOptions {
  /** Visits settings of this world, typed, over the test defaults. */
  config?: Partial<VisitsConfig>;
  /** Events published before visits starts (PLT-08 catch-up): visits learns them from the producers' outboxes. */
  history?: (p: Publisher) => Promise<void>;
}

/** Publishes an event as its producer does: into the producer's outbox, relayed to its subscribers. */
export interface Publisher {
  publish<T extends EventType>(type: T, payload: EventPayload<T>): Promise<EventEnvelope<T>>;
  nextNui(): string;
}

export interface AdmitOptions {
  /** A PPL already known, admitted again; a new NUI unless given. */
  nui?: string;
  eron?: string;
  sex?: 'M' | 'F';
  legalStatus?: LegalStatus;
}

/** A visits service of a test file's own — its database and queues — fed by stand-ins of the producers. */
export interface VisitsWorld extends Publisher {
  app: FastifyInstance;
  /** The service's database, typed. */
  db: Db;
  config: VisitsConfig;
  /** The service's base URL on a loopback port (for concurrent HTTP clients). */
  url: string;
  /** Publishes an event as its producer does and resolves once visits applied it (its inbox row committed). */
  deliver<T extends EventType>(type: T, payload: EventPayload<T>): Promise<EventEnvelope<T>>;
  /** Resolves once visits applied the event. */
  applied(eventId: string): Promise<void>;
  /** A PPL admitted as classification publishes it; resolves once visits knows them. */
  admit(o?: AdmitOptions): Promise<string>;
  /** Places the PPL in a unit (a new one unless given) as the board does; resolves once applied; returns the unit. */
  place(nui: string, o?: { eron?: string; unitId?: string }): Promise<string>;
  /** Assigns the unit's visiting session through the API, as the establishment's director does (VIS-03). */
  assignSession(unitId: string, session: VisitSession, eron?: string): Promise<void>;
  /** Admitted and placed in a unit that has a session (a new morning unit unless given). */
  admitAndPlace(o?: AdmitOptions & { unitId?: string; session?: VisitSession }): Promise<{ nui: string; unitId: string }>;
  /** ppl.transferred and ppl.exited as classification publishes them; resolve once applied. */
  transfer(nui: string, fromEron: string, toEron: string): Promise<EventEnvelope<'ppl.transferred'>>;
  exit(nui: string, eron: string, reason?: ExitReason): Promise<EventEnvelope<'ppl.exited'>>;
  /** Registers a visitor through the API (a fresh CC unless given) and returns the visitor's ID. */
  visitor(o?: { gender?: 'M' | 'F'; birthDate?: string; document?: { type: 'CC' | 'TI' | 'CE' | 'PA'; number: string } }): Promise<string>;
  /** Puts visitors on the PPL's authorised list through the API. */
  authorise(nui: string, visitorIds: string[], entry?: { relationship: string; accreditation?: string }, eron?: string): Promise<void>;
  close(): Promise<void>;
}

let documentSeq = 10_000_000 + Math.floor(Math.random() * 80_000_000);

let nuiSeq = 3_000_000 + Math.floor(Math.random() * 2_000_000);

/**
 * A producer as far as events go (classification, discipline): the shared platform under the
 * producer's name on this world's database, whose schema the template already migrated. Its
 * outbox, relay and subscription worker are the real ones, so visits is caught up as in production.
 */
function standIn(name: ServiceName) {
  const def = { name, title: `${name} (stand-in)`, description: 'Publishes events for the visits tests', migrations: {} };
  return fp<ServiceOptions>(async (app, opts) => app.register(servicePlatform<PlatformTables>(def), opts), { name: `${name}-stand-in` });
}

/** The one way the visits tests start the service: its own database and queues, fed through the producers' outboxes. */
export async function startVisits(opts: VisitsOptions = {}): Promise<VisitsWorld> {
  const t = await testConfig<VisitsConfig>({ ...opts.config }, loadVisitsConfig);
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
  // Classification is always up: visits subscribes with it on start, and it catches visits up.
  await producer('classification');

  const app = await buildApp('visits', visits, t.config);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const db: Db = runtime(app).db;
  const applied = async (eventId: string) => {
    const inbox = () => db.selectFrom('inbox').select('event_id').where('event_id', '=', eventId).executeTakeFirst();
    await eventually(async () => (await inbox()) !== undefined, 15_000, `event ${eventId} applied by visits`);
  };
  const deliver = async <T extends EventType>(type: T, payload: EventPayload<T>) => {
    const e = await publish(type, payload);
    await applied(e.id);
    return e;
  };
  const director = (eron: string) => bearer(['director'], [eron]);

  const world: VisitsWorld = {
    app,
    db,
    config: t.config,
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    publish,
    nextNui,
    deliver,
    applied,
    async admit({ nui = nextNui(), eron = '113', sex = 'M', legalStatus = 'condenado' } = {}) {
      await deliver('ppl.admitted', { nui, eron, legalStatus, sex, admittedAt: new Date().toISOString(), cashAtIntake: null });
      return nui;
    },
    async place(nui, { eron = '113', unitId = randomUUID() } = {}) {
      await deliver('ppl.placed', { nui, eron, unitId, cellId: randomUUID() });
      return unitId;
    },
    async assignSession(unitId, session, eron = '113') {
      const url = `/api/v1/visits/establishments/${eron}/units/${unitId}/session`;
      const res = await app.inject({ method: 'PUT', url, headers: director(eron), payload: { session } });
      if (res.statusCode !== 200) throw new Error(`session not assigned: ${res.statusCode} ${res.body}`);
    },
    async admitAndPlace({ unitId, session = 'morning', ...admission } = {}) {
      const nui = await world.admit(admission);
      const unit = await world.place(nui, { eron: admission.eron, unitId });
      await world.assignSession(unit, session, admission.eron);
      return { nui, unitId: unit };
    },
    async visitor({ gender = 'F', birthDate = '1980-05-17', document } = {}) {
      const doc = document ?? { type: 'CC' as const, number: String((documentSeq += 1)) };
      const payload = { document: doc, givenNames: 'Ana María', surnames: 'Pérez Gómez', gender, birthDate };
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/visits/visitors',
        headers: bearer(['visits_officer'], ['113']),
        payload,
      });
      if (res.statusCode !== 201) throw new Error(`visitor not registered: ${res.statusCode} ${res.body}`);
      return res.json<{ id: string }>().id;
    },
    async authorise(nui, visitorIds, entry = { relationship: 'first_degree', accreditation: 'civil_registry' }, eron = '113') {
      for (const id of visitorIds) {
        const url = `/api/v1/visits/ppl/${nui}/visitors/${id}`;
        const res = await app.inject({ method: 'PUT', url, headers: bearer(['visits_officer'], [eron]), payload: entry });
        if (res.statusCode !== 200) throw new Error(`visitor not authorised: ${res.statusCode} ${res.body}`);
      }
    },
    transfer: (nui, fromEron, toEron) => deliver('ppl.transferred', { nui, transferId: randomUUID(), fromEron, toEron }),
    exit: (nui, eron, reason = 'release') => deliver('ppl.exited', { nui, eron, exitId: randomUUID(), reason }),
    async close() {
      await app.close();
      for (const p of producers.values()) await p.close();
      await t.cleanup();
    },
  };
  return world;
}
