import type { FastifyInstance } from 'fastify';
import type { ServiceName } from '@eron/shared';
import { buildApp, servicePlatform, type BaseEnv, type PlatformTables } from '@eron/shared/platform';
import { bogotaToday } from '@eron/shared';
import { bearer, testConfig } from '@eron/shared/testing';
import gateway from '../../services/gateway/src/app';
import { loadGatewayConfig } from '../../services/gateway/src/config';
import { SERVICE_APPS, SERVICE_CONFIGS, SERVICES } from '../../scripts/suite';
import { registerEstablishments } from '../../services/classification/test/support/establishments';

/** The establishments the end-to-end tests act in, registered by the DG at start (CLS-05 admits into registered ones only). */
export const SUITE_ESTABLISHMENTS = ['113', '114'] as const;

export interface RunningSuite {
  /** The gateway's base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  services: Record<ServiceName, { app: FastifyInstance; url: string }>;
  config: BaseEnv;
  close(): Promise<void>;
}

type Overrides = Partial<Record<ServiceName, Partial<BaseEnv> & Record<string, unknown>>>;

/** A service as it was before any capability handled an event: its platform only, so no producer sends it anything. */
const handlerless = (def: (typeof SERVICES)[number]) => servicePlatform<PlatformTables>({ ...def, handlers: {}, jobs: {} });

const listen = async (app: FastifyInstance): Promise<string> => app.listen({ host: '127.0.0.1', port: 0 });

/**
 * The whole suite on loopback — four services on one database (each in its own schema) and the
 * gateway in front — as it runs in production, in this process. Per-service overrides let a test
 * put a TCP proxy between one service and Postgres or Redis. `establishments` are registered at
 * start (none for a test that registers its own, as the README's walk-through does). `on` runs it
 * on a database and Redis already there (a seeded country), which closing leaves as they are.
 */
export async function startSuite(
  overrides: Overrides = {},
  gatewayEnv: Record<string, string> = {},
  establishments: readonly string[] = SUITE_ESTABLISHMENTS,
  opts: { handlerless?: ServiceName[]; on?: BaseEnv } = {},
): Promise<RunningSuite> {
  const { config, cleanup } = opts.on ? { config: opts.on, cleanup: async () => {} } : await testConfig();
  const services = {} as RunningSuite['services'];
  for (const def of SERVICES) {
    const plugin = opts.handlerless?.includes(def.name) ? handlerless(def) : SERVICE_APPS[def.name];
    const app = await buildApp(def.name, plugin, SERVICE_CONFIGS[def.name]({ ...config, ...overrides[def.name] }));
    services[def.name] = { app, url: await listen(app) };
  }
  const gatewayConfig = loadGatewayConfig({
    LOG_LEVEL: config.LOG_LEVEL,
    REDIS_URL: config.REDIS_URL,
    QUEUE_PREFIX: config.QUEUE_PREFIX,
    JWT_SECRET: config.JWT_SECRET,
    CLASSIFICATION_URL: services.classification.url,
    FOLIO_URL: services.folio.url,
    DISCIPLINE_URL: services.discipline.url,
    VISITS_URL: services.visits.url,
    ...gatewayEnv,
  });
  const edge = await buildApp('gateway', gateway, gatewayConfig);
  const url = await listen(edge);
  await registerEstablishments(async (path, headers, payload) => {
    const res = await services.classification.app.inject({ method: 'POST', url: path, headers, payload });
    return { status: res.statusCode, body: res.body };
  }, establishments);
  return {
    url,
    services,
    config,
    async close() {
      await edge.close();
      for (const { app } of Object.values(services)) await app.close();
      await cleanup();
    },
  };
}

/**
 * CLS-10 (Art. 28): the paymaster of `eron` receives the person's intake cash through the
 * gateway, with the act's three signatures; folio makes it available when the event arrives.
 */
export async function receiveIntakeCash(suite: RunningSuite, nui: string, eron = '113'): Promise<void> {
  const res = await fetch(`${suite.url}/api/v1/classification/ppl/${nui}/intake-cash/receipt`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(['paymaster'], [eron]) },
    body: JSON.stringify({
      receivedOn: bogotaToday(),
      signatures: { guardCommander: 'Pedro Sosa', custodyOfficer: 'Dragoneante Ruiz', paymaster: 'Luz Pérez' },
      copyGivenToPpl: true,
    }),
  });
  if (res.status !== 201) throw new Error(`intake-cash receipt: ${res.status} ${await res.text()}`);
}
