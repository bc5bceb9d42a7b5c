import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger, { type SwaggerOptions } from '@fastify/swagger';
import type { TSchema } from '@sinclair/typebox';
import { Problem } from '../problem';
import { RULE_IDS, type RuleId } from '../rule-ids';

type Doc = Record<string, any>;

declare module 'fastify' {
  interface FastifySchema {
    /** The spec rules the route enforces, its main one first (e.g. `['FOL-09', 'FOL-07']`): emitted as the operation's `x-rules`. */
    'x-rules'?: readonly RuleId[];
  }
}

const KNOWN_RULES = new Set<string>(RULE_IDS);

/**
 * Why a route's `x-rules` cannot be documented, or undefined when they can: a non-empty list of
 * distinct IDs shaped `ABC-01` that the spec defines (packages/shared/src/rule-ids.ts).
 */
export function badRules(rules: unknown): string | undefined {
  if (!Array.isArray(rules) || rules.length === 0) return 'x-rules must be a non-empty list of rule IDs';
  const bad = rules.filter((r) => typeof r !== 'string' || !/^[A-Z]{3}-\d{2}$/.test(r) || !KNOWN_RULES.has(r));
  if (bad.length > 0) return `x-rules names rules the spec does not define: ${bad.map(String).join(', ')}`;
  if (new Set(rules).size !== rules.length) return 'x-rules names a rule twice';
  return undefined;
}

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

/**
 * The schemas every document defines once, under `components/schemas/<$id>`, and `$ref`s
 * wherever a route uses them. Each has an `$id` and is registered with `app.addSchema`. Only
 * schemas that appear in responses belong here: a body that held an `$id` twice (two fields of
 * one shared type) would not compile for validation.
 */
export const SHARED_SCHEMAS: TSchema[] = [Problem];
const SHARED_IDS = new Set(SHARED_SCHEMAS.map((s) => s.$id));

/** A copy of a route's schema where each shared schema (found by its `$id`) is a `$ref` to it. */
function referenceShared(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(referenceShared);
  if (typeof node !== 'object' || node === null) return node;
  const id = (node as Doc).$id;
  if (typeof id === 'string' && SHARED_IDS.has(id)) return { $ref: id };
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, referenceShared(value)]));
}

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
    // A shared schema's component is named after its `$id` (the default would be `def-<n>`).
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    transform: ({ schema, url, route }) => {
      const auth = route.config?.auth;
      const s: Doc = { ...(schema as Doc), tags: [def.name] };
      if (s.body) s.body = referenceShared(s.body);
      if (s.response) s.response = referenceShared(s.response);
      if (s['x-rules']) s.description = `${s.description ? `${s.description}\n\n` : ''}Rules: ${s['x-rules'].join(', ')}.`;
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
 * A service's OpenAPI: the shared schemas registered (`app.addSchema`) and @fastify/swagger set
 * up to `$ref` them. Used by the platform and by `pnpm openapi:generate`, so both emit one document.
 */
export const openApi = fp<{ name: string; title: string; description: string }>(
  async function openApi(app: FastifyInstance, def) {
    for (const schema of SHARED_SCHEMAS) app.addSchema(schema);
    // A route naming a rule the spec does not define refuses to start, like one without auth.
    app.addHook('onRoute', (route) => {
      const rules = route.schema?.['x-rules'];
      const bad = rules === undefined ? undefined : badRules(rules);
      if (bad) throw new Error(`${String(route.method)} ${route.url}: ${bad}`);
    });
    await app.register(swagger, openApiOptions(def));
  },
  { name: 'openapi' },
);

/**
 * Merges the services' specs into one (PLT-02): operationIds are namespaced per service and a
 * path claimed by two services is an error, never a silent overwrite.
 */
export const SUITE_INFO = {
  title: 'ERON suite',
  description: 'All services of the suite behind the gateway: `/api/v1/<service>/…`, bearer JWT or HMAC-signed requests.',
};

const SCHEMAS_REF = '#/components/schemas/';

/** A copy of a service's document part with its component `$ref`s renamed `<service>_<name>`. */
function namespaceRefs(node: unknown, service: string): unknown {
  if (Array.isArray(node)) return node.map((item) => namespaceRefs(item, service));
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith(SCHEMAS_REF)
        ? `${SCHEMAS_REF}${service}_${value.slice(SCHEMAS_REF.length)}`
        : namespaceRefs(value, service),
    ]),
  );
}

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
          namespaceRefs(op.operationId ? { ...op, operationId: `${service}_${op.operationId}` } : op, service),
        ]),
      );
    }
    // Each service's components keep their own names under its prefix, and so do the $refs to them.
    for (const [name, schema] of Object.entries<Doc>(spec.components?.schemas ?? {})) {
      schemas[`${service}_${name}`] = namespaceRefs(schema, service);
    }
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
