import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Type } from '@sinclair/typebox';
import { notFound, SERVICES, type ServiceName } from '@eron/shared';
import { upstreams, type GatewayConfig } from '../config';
import { createSpecSource } from './spec-source';

const isService = (name: string): name is ServiceName => (SERVICES as readonly string[]).includes(name);

/**
 * `/openapi.json` (merged), `/openapi/<service>.json` and Swagger UI at `/docs` with a dropdown
 * of all of them (PLT-02). Every document says `servers: /`, so "Try it out" goes through here.
 */
export default async function docs(app: FastifyInstance, { config }: { config: GatewayConfig }): Promise<void> {
  const source = createSpecSource(upstreams(config), config.OPENAPI_CACHE_MS);

  app.get('/openapi.json', { schema: { hide: true } }, async () => source.merged());
  app.get<{ Params: { service: string } }>(
    '/openapi/:service.json',
    { schema: { hide: true, params: Type.Object({ service: Type.String() }) } },
    async (req) => {
      const { service } = req.params;
      if (!isService(service)) throw notFound({ es: `No existe el servicio ${service}`, en: `No such service: ${service}` });
      return source.spec(service);
    },
  );

  // swagger-ui needs @fastify/swagger; the gateway's own routes are not part of the API, so the
  // static document is an empty placeholder and the UI reads the services' documents instead.
  await app.register(swagger, {
    mode: 'static',
    specification: { document: { openapi: '3.1.0', info: { title: 'ERON gateway', version: '1.0.0' }, paths: {} } },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: {
      urls: [
        { url: '/openapi.json', name: 'ERON — all services' },
        ...SERVICES.map((s) => ({ url: `/openapi/${s}.json`, name: `ERON — ${s}` })),
      ],
      persistAuthorization: true,
      deepLinking: true,
      displayOperationId: false,
      tryItOutEnabled: true,
    },
    theme: { title: 'ERON — API' },
  });
}
