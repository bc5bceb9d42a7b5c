import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '@eron/shared/platform';
import { testConfig } from '@eron/shared/testing';
import classification from '../../src/app';
import { loadClassificationConfig, type ClassificationConfig } from '../../src/config';

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

/** The classification service on its own database, as the tests drive it. */
export async function startClassification(overrides: Partial<ClassificationConfig> = {}): Promise<ClassificationWorld> {
  const t = await testConfig(overrides, loadClassificationConfig);
  const app = await buildApp('classification', classification, t.config);
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

/** Every seat of the patio/cell board attended (CLS-11). */
export const FULL_BOARD = [
  { seat: 'presiding', name: 'Ana Director', position: 'Directora' },
  { seat: 'legal', name: 'Luis Jurídica', position: 'Responsable jurídica' },
  { seat: 'health', name: 'Marta Sanidad', position: 'Médica' },
  { seat: 'guard_commander', name: 'Pedro Comando', position: 'Comandante de vigilancia' },
  { seat: 'social_work', name: 'Sofía Psicología', position: 'Psicóloga' },
];
