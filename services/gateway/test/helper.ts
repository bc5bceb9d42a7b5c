import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { SERVICES, type Role, type ServiceName } from '@eron/shared';
import { buildApp, DEV_JWT_SECRET, mintToken } from '@eron/shared/platform';
import gateway from '../src/app';
import { loadGatewayConfig, type GatewayConfig } from '../src/config';

export const uniqueSuffix = (): string => randomBytes(4).toString('hex');

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface FakeService {
  name: string;
  url: string;
  /** Every request but the gateway's reads of `/openapi.json`, which are counted apart. */
  received: Received[];
  docsReads: number;
  /** Replaces the paths its OpenAPI document lists (a new version of the service). */
  setPaths(paths: string[]): void;
  /** Makes its `/ready` answer 503, as a service whose Postgres or Redis is down (it still answers). */
  setReady(ready: boolean): void;
  close(): Promise<void>;
}

const listen = (server: Server): Promise<string> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

const specOf = (name: string, paths: string[]) => ({
  openapi: '3.1.0',
  info: { title: `ERON — ${name}`, version: '1.0.0' },
  servers: [{ url: '/' }],
  paths: Object.fromEntries(
    [...paths, '/health'].map((p, i) => [p, { get: { operationId: `op${i}`, responses: { 200: { description: 'ok' } } } }]),
  ),
  components: { schemas: { Thing: { type: 'object' } } },
});

/**
 * A stand-in for one service: a real HTTP server that records what reached it and answers like a
 * service does (`/health`, `/openapi.json`, JSON elsewhere naming itself and the path it got).
 */
export async function fakeService(name: string, initialPaths = [`/api/v1/${name}/things`]): Promise<FakeService> {
  const received: Received[] = [];
  let paths = initialPaths;
  let ready = true;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const json = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url === '/openapi.json') {
        fake.docsReads += 1;
        return json(200, specOf(name, paths));
      }
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      if (req.url === '/health') return json(200, { status: 'ok' });
      if (req.url === '/ready') return json(ready ? 200 : 503, { status: ready ? 'ready' : 'not-ready' });
      res.setHeader('x-served-by', name);
      return json(200, { service: name, url: req.url });
    });
  });
  const url = await listen(server);
  const fake: FakeService = {
    name,
    url,
    received,
    docsReads: 0,
    setPaths: (next) => (paths = next),
    setReady: (next) => (ready = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}

/** A URL on which nothing listens: a service that is down. */
export async function deadUrl(): Promise<string> {
  const server = createServer();
  const url = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return url;
}

/** The machine clients the test gateway knows (HMAC_KEYS). */
export const BANK_1 = { keyId: 'bank-1', secret: 'bank-secret-of-some-length' };
export const BANK_7 = { keyId: 'bank-7', secret: 's' };

const URL_SETTING: Record<ServiceName, keyof GatewayConfig> = {
  classification: 'CLASSIFICATION_URL',
  folio: 'FOLIO_URL',
  discipline: 'DISCIPLINE_URL',
  visits: 'VISITS_URL',
};

export interface TestGateway {
  app: FastifyInstance;
  config: GatewayConfig;
  services: Record<ServiceName, FakeService>;
  close(): Promise<void>;
}

/** The gateway in front of four fake services, with its own queue and rate-limit prefix. */
export async function startGateway(
  env: Record<string, unknown> = {},
  paths: Partial<Record<ServiceName, string[]>> = {},
): Promise<TestGateway> {
  const list = await Promise.all(SERVICES.map((s) => fakeService(s, paths[s])));
  const services = Object.fromEntries(list.map((f) => [f.name, f])) as Record<ServiceName, FakeService>;
  const config = loadGatewayConfig({
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `t${uniqueSuffix()}`,
    JWT_SECRET: DEV_JWT_SECRET,
    HMAC_KEYS: `${BANK_1.keyId}:bank:${BANK_1.secret},${BANK_7.keyId}:bank:${BANK_7.secret}`,
    ...Object.fromEntries(SERVICES.map((s) => [URL_SETTING[s], services[s].url])),
    ...env,
  });
  const app = await buildApp('gateway', gateway, config);
  return {
    app,
    config,
    services,
    close: async () => {
      await app.close();
      await Promise.all(list.map((f) => f.close()));
    },
  };
}

export const tokenOf = (config: GatewayConfig, roles: Role[], sub = `test-${uniqueSuffix()}`): string =>
  mintToken(config.JWT_SECRET!, config.JWT_ISSUER, { sub, roles, erons: ['EC-001'] });

export const bearerOf = (config: GatewayConfig, roles: Role[], sub?: string) => ({
  authorization: `Bearer ${tokenOf(config, roles, sub)}`,
});
