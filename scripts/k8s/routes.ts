/**
 * The GET routes each process really serves, read from the app itself: each is built as its
 * server.ts builds it, with nothing in the background, no migrations and an unreachable
 * Postgres and Redis (neither is touched while routes are registered), and every route it
 * registers is collected.
 */
import Fastify from 'fastify';
import gateway from '../../services/gateway/src/app';
import { loadGatewayConfig } from '../../services/gateway/src/config';
import classification from '../../services/classification/src/app';
import { loadClassificationConfig } from '../../services/classification/src/config';
import folio from '../../services/folio/src/app';
import { loadFolioConfig } from '../../services/folio/src/config';
import discipline from '../../services/discipline/src/app';
import { loadDisciplineConfig } from '../../services/discipline/src/config';
import visits from '../../services/visits/src/app';
import { loadVisitsConfig } from '../../services/visits/src/config';

const APPS = {
  gateway: [gateway, loadGatewayConfig],
  classification: [classification, loadClassificationConfig],
  folio: [folio, loadFolioConfig],
  discipline: [discipline, loadDisciplineConfig],
  visits: [visits, loadVisitsConfig],
} as const;

/** Nowhere: port 1 refuses at once. */
const OFFLINE = {
  NODE_ENV: 'development',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  MIGRATE_ON_START: false,
  DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:1/none',
  REDIS_URL: 'redis://127.0.0.1:1',
  JWT_SECRET: undefined,
  JWT_JWKS_URL: undefined,
};

export async function routesOf<P extends keyof typeof APPS>(processes: readonly P[]): Promise<Record<P, string[]>> {
  const out = {} as Record<P, string[]>;
  for (const name of processes) {
    const [plugin, load] = APPS[name];
    const app = Fastify({ logger: false });
    const gets: string[] = [];
    app.addHook('onRoute', (r) => {
      if ([r.method].flat().includes('GET')) gets.push(r.url);
    });
    await app.register(plugin as never, { config: load(OFFLINE), background: false });
    await app.ready();
    await app.close();
    out[name] = gets;
  }
  return out;
}
