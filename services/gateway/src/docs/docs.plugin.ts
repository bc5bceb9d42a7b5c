import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Type } from '@sinclair/typebox';
import { notFound, SERVICES, type ServiceName } from '@eron/shared';
import { securityHeaders } from '../security-headers';
import type { Rendered, SpecSource } from './spec-source';

const isService = (name: string): name is ServiceName => (SERVICES as readonly string[]).includes(name);

/** A document built once and kept as text; a browser that has it gets a 304. */
function send(req: FastifyRequest, reply: FastifyReply, doc: Rendered): FastifyReply {
  reply.header('etag', doc.etag).header('cache-control', 'no-cache');
  if (req.headers['if-none-match'] === doc.etag) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(doc.json);
}

/**
 * `/openapi.json` (merged), `/openapi/<service>.json` and Swagger UI at `/docs` with a dropdown
 * of all of them (PLT-02). Every document says `servers: /`, so "Try it out" goes through here.
 */
export default async function docs(app: FastifyInstance, { source }: { source: SpecSource }): Promise<void> {
  await securityHeaders(app);

  app.get('/openapi.json', { schema: { hide: true } }, async (req, reply) => send(req, reply, await source.merged()));
  app.get<{ Params: { service: string } }>(
    '/openapi/:service.json',
    { schema: { hide: true, params: Type.Object({ service: Type.String() }) } },
    async (req, reply) => {
      const { service } = req.params;
      if (!isService(service)) throw notFound({ es: `No existe el servicio ${service}`, en: `No such service: ${service}` });
      return send(req, reply, await source.spec(service));
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
      // The badge would load an image from validator.swagger.io, outside the page's CSP.
      validatorUrl: null,
    },
    theme: { title: 'ERON — API' },
  });
}
