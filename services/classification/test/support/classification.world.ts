import type { Writable } from 'node:stream';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { buildApp, serverOptions } from '@eron/shared/platform';
import { testConfig } from '@eron/shared/testing';
import classification from '../../src/app';
import { loadClassificationConfig, type ClassificationConfig } from '../../src/config';
import { registerEstablishments } from './establishments';

export interface ClassificationWorld {
  app: FastifyInstance;
  /** A call under /api/v1/classification. */
  call: (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    headers: object,
    payload?: object,
  ) => Promise<LightMyRequestResponse>;
  close: () => Promise<void>;
}

export interface WorldOptions {
  /** Settings over the test defaults (its own database and queue prefix), typed as the service's. */
  config?: Partial<ClassificationConfig>;
  /** Where the service's JSON log lines go, for tests that read the log (PLT-06 redaction). */
  log?: Writable;
  /**
   * The establishments the test admits into, registered by the DG before it starts (CLS-05 refuses
   * an admission into one never registered). None by default: tests about registering make their own.
   */
  establishments?: readonly string[];
}

/** The classification service on its own database, as every classification test drives it. */
export async function startClassification(opts: WorldOptions = {}): Promise<ClassificationWorld> {
  const t = await testConfig(opts.config, loadClassificationConfig);
  let app: FastifyInstance;
  try {
    app = opts.log ? await withLog(t.config, opts.log) : await buildApp('classification', classification, t.config);
  } catch (err) {
    await t.cleanup();
    throw err;
  }
  try {
    await registerEstablishments(async (url, headers, payload) => {
      const res = await app.inject({ method: 'POST', url, headers, payload });
      return { status: res.statusCode, body: res.body };
    }, opts.establishments ?? []);
  } catch (err) {
    await app.close();
    await t.cleanup();
    throw err;
  }
  return {
    app,
    call: (method, url, headers, payload) =>
      app.inject({ method, url: `/api/v1/classification${url}`, headers: { ...headers }, ...(payload ? { payload } : {}) }),
    close: async () => {
      await app.close();
      await t.cleanup();
    },
  };
}

/** The service as `buildApp` makes it, its logger writing to `stream`. */
async function withLog(config: ClassificationConfig, stream: Writable): Promise<FastifyInstance> {
  const opts = serverOptions({ logLevel: config.LOG_LEVEL, service: 'classification' });
  const app = Fastify({ ...opts, logger: { ...(opts.logger as object), stream } });
  await app.register(classification, { config });
  await app.ready();
  return app;
}

/** Every seat of the patio/cell board attended (CLS-11). */
export const FULL_BOARD = [
  { seat: 'presiding', name: 'Ana Director', position: 'Directora' },
  { seat: 'legal', name: 'Luis Jurídica', position: 'Responsable jurídica' },
  { seat: 'health', name: 'Marta Sanidad', position: 'Médica' },
  { seat: 'guard_commander', name: 'Pedro Comando', position: 'Comandante de vigilancia' },
  { seat: 'social_work', name: 'Sofía Psicología', position: 'Psicóloga' },
];
