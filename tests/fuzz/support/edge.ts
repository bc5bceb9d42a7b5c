import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { SERVICES, type ServiceName } from '@eron/shared';
import { buildApp, DEV_JWT_SECRET } from '@eron/shared/platform';
import { uniqueSuffix } from '@eron/shared/testing';
import gateway from '../../../services/gateway/src/app';
import { loadGatewayConfig } from '../../../services/gateway/src/config';

const listeningAt = (app: FastifyInstance): string => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

/** Nothing listens on the discard port: the services a fuzz run does not start are simply down. */
const NOWHERE = 'http://127.0.0.1:9';

/**
 * The gateway in front of one service's test world, as callers reach it (PLT-02): the service
 * listens on loopback, the other upstreams are down, the rate limit is off so the fuzz is never
 * answered 429, and the machine clients' keys are the service's.
 */
export async function gatewayFor(
  service: ServiceName,
  app: FastifyInstance,
  hmacKeys = '',
): Promise<{ url: string; close: () => Promise<void> }> {
  const upstream = app.server.listening ? listeningAt(app) : await app.listen({ host: '127.0.0.1', port: 0 });
  const urls = Object.fromEntries(SERVICES.map((s) => [`${s.toUpperCase()}_URL`, s === service ? upstream : NOWHERE]));
  const config = loadGatewayConfig({
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    REDIS_URL: process.env.REDIS_URL,
    QUEUE_PREFIX: `fuzz${uniqueSuffix()}`,
    JWT_SECRET: DEV_JWT_SECRET,
    HMAC_KEYS: hmacKeys,
    RATE_LIMIT_MAX: 0,
    ...urls,
  });
  const edge = await buildApp('gateway', gateway, config);
  const url = await edge.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => edge.close() };
}
