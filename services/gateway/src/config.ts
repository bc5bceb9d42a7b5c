import { Type } from '@sinclair/typebox';
import { loadConfig } from '@eron/shared/platform';
import type { ServiceName } from '@eron/shared';

/** The gateway's settings on top of BaseEnv (PLT-02); documented in `.env.example`. */
export const GatewayEnv = Type.Object({
  CLASSIFICATION_URL: Type.String({ default: 'http://127.0.0.1:3001', description: 'Base URL of the classification service' }),
  FOLIO_URL: Type.String({ default: 'http://127.0.0.1:3002', description: 'Base URL of the folio service' }),
  DISCIPLINE_URL: Type.String({ default: 'http://127.0.0.1:3003', description: 'Base URL of the discipline service' }),
  VISITS_URL: Type.String({ default: 'http://127.0.0.1:3004', description: 'Base URL of the visits service' }),
  CORS_ORIGINS: Type.String({
    default: 'http://localhost:3000,http://localhost:5173,http://127.0.0.1:3000,http://127.0.0.1:5173',
    description: "Front-ends' origins allowed by CORS, comma separated",
  }),
  RATE_LIMIT_MAX: Type.Integer({
    default: 1200,
    minimum: 0,
    description: 'Requests per client (token subject, HMAC key id, else IP) per minute; 0 turns the limit off (benchmarks)',
  }),
  BODY_LIMIT: Type.Integer({
    default: 32 * 1024 * 1024,
    minimum: 1024,
    description: 'Largest request body in bytes; an Asobancaria file of 100 000 records is about 16 MB',
  }),
  OPENAPI_CACHE_MS: Type.Integer({
    default: 30_000,
    minimum: 0,
    description: "How often each service's OpenAPI document is read again; the merged one is rebuilt only when one changed",
  }),
});

export const loadGatewayConfig = (env?: Record<string, unknown>) => loadConfig(GatewayEnv, env);
export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

/** Where each service listens; the gateway routes `/api/v1/<service>/…` there unchanged. */
export function upstreams(config: GatewayConfig): Record<ServiceName, string> {
  return {
    classification: config.CLASSIFICATION_URL,
    folio: config.FOLIO_URL,
    discipline: config.DISCIPLINE_URL,
    visits: config.VISITS_URL,
  };
}

export const corsOrigins = (config: GatewayConfig): string[] =>
  config.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
