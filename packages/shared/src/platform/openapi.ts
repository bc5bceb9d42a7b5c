import type { SwaggerOptions } from '@fastify/swagger';

type Doc = Record<string, any>;

const SECURITY_SCHEMES = {
  bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Token from `pnpm token --role <role> --eron <code>`' },
  hmacSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'x-signature',
    description:
      'Machine clients: hex HMAC-SHA256 (64 digits) over METHOD\\npath?query\\ntimestamp\\nnonce\\n followed by the raw body, with x-key-id, x-timestamp (Unix seconds; at most 5 min old, 30 s ahead) and x-nonce (16–64 of A-Z a-z 0-9 _ -); each signature is accepted once',
  },
} as const;

/** OpenAPI 3.1 generated from the route schemas (PLT-10); auth shows up as security and roles. */
export function openApiOptions(def: { name: string; title: string; description: string }): SwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: { title: def.title, description: def.description, version: '1.0.0' },
      servers: [{ url: '/' }],
      tags: [{ name: def.name }],
      components: { securitySchemes: SECURITY_SCHEMES },
    },
    transform: ({ schema, url, route }) => {
      const auth = route.config?.auth;
      const s: Doc = { ...(schema as Doc), tags: [def.name] };
      if (route.config && auth && auth !== 'public') {
        if ('roles' in auth) {
          s.security = [{ bearerAuth: [] }];
          s['x-roles'] = [...auth.roles];
          s.description = `${s.description ? `${s.description}\n\n` : ''}Roles: ${auth.roles.join(', ')}.`;
        } else {
          s.security = [{ hmacSignature: [] }];
          s['x-roles'] = [...auth.machine];
          s.description = `${s.description ? `${s.description}\n\n` : ''}Machine clients: ${auth.machine.join(', ')}.`;
        }
      }
      return { schema: s, url };
    },
  };
}

/**
 * Merges the services' specs into one (PLT-02): operationIds are namespaced per service and a
 * path claimed by two services is an error, never a silent overwrite.
 */
export const SUITE_INFO = {
  title: 'ERON suite',
  description: 'All services of the suite behind the gateway: `/api/v1/<service>/…`, bearer JWT or HMAC-signed requests.',
};

export function mergeOpenApi(specs: Record<string, Doc>, info: { title: string; description: string } = SUITE_INFO): Doc {
  const paths: Doc = {};
  const schemas: Doc = {};
  const owner = new Map<string, string>();
  for (const [service, spec] of Object.entries(specs)) {
    for (const [path, item] of Object.entries<Doc>(spec.paths ?? {})) {
      const claimed = owner.get(path);
      if (claimed) throw new Error(`Path ${path} is declared by both ${claimed} and ${service}`);
      owner.set(path, service);
      paths[path] = Object.fromEntries(
        Object.entries<Doc>(item).map(([method, op]) => [
          method,
          op.operationId ? { ...op, operationId: `${service}_${op.operationId}` } : op,
        ]),
      );
    }
    for (const [name, schema] of Object.entries<Doc>(spec.components?.schemas ?? {})) schemas[`${service}_${name}`] = schema;
  }
  return {
    openapi: '3.1.0',
    info: { ...info, version: '1.0.0' },
    servers: [{ url: '/' }],
    tags: Object.keys(specs).map((name) => ({ name })),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: { securitySchemes: SECURITY_SCHEMES, ...(Object.keys(schemas).length ? { schemas } : {}) },
  };
}
