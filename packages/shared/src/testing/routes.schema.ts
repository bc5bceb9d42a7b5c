import type { FastifyInstance } from 'fastify';

type Schema = Record<string, any>;

/** One route as the service itself documents it in its OpenAPI (PLT-10): what the sweep drives. */
export interface DocumentedRoute {
  key: string;
  method: string;
  path: string;
  /** Staff roles, or the machine roles of an HMAC route. */
  roles: string[];
  /** The spec rules the route enforces (`x-rules`), its main one first. */
  rules: string[];
  machine: boolean;
  params: Schema;
  query: Schema;
  body?: Schema;
  bodyTypes: string[];
  /** Each documented status with its content types and, for JSON, its schema. */
  responses: Record<string, { types: string[]; schema?: Schema }>;
}

/** A JSON schema of the parameters of one place (path or query), as an object schema. */
function paramsSchema(parameters: Schema[] = [], where: 'path' | 'query'): Schema {
  const list = parameters.filter((p) => p.in === where);
  return {
    type: 'object',
    properties: Object.fromEntries(list.map((p) => [p.name, p.schema])),
    required: list.filter((p) => p.required).map((p) => p.name),
  };
}

const SCHEMAS_REF = '#/components/schemas/';

/** A schema with each `$ref` to the document's components replaced by the component itself. */
function resolveRefs(node: unknown, components: Schema, seen: string[] = []): any {
  if (Array.isArray(node)) return node.map((item) => resolveRefs(item, components, seen));
  if (typeof node !== 'object' || node === null) return node;
  const ref = (node as Schema).$ref;
  if (typeof ref === 'string' && ref.startsWith(SCHEMAS_REF)) {
    const name = ref.slice(SCHEMAS_REF.length);
    if (seen.includes(name)) throw new Error(`Recursive schema ${name}: the route sweep cannot expand it`);
    if (!(name in components)) throw new Error(`Unknown schema ${ref}`);
    return resolveRefs(components[name], components, [...seen, name]);
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolveRefs(value, components, seen)]));
}

/** Every route under /api/v1/<service> with its method, security and roles, read from `app.swagger()`. */
export function documentedRoutes(app: FastifyInstance, service: string): DocumentedRoute[] {
  return routesOfDocument(app.swagger(), service);
}

/** Every route under /api/v1/<service> of an OpenAPI document (a service's own, or the committed `openapi/<service>.json`). */
export function routesOfDocument(swagger: Schema, service: string): DocumentedRoute[] {
  // The sweep reads schemas whole: shared ones ($ref to components/schemas) are expanded.
  const doc = { ...swagger, paths: resolveRefs(swagger.paths, swagger.components?.schemas ?? {}) };
  const prefix = `/api/v1/${service}/`;
  const out: DocumentedRoute[] = [];
  for (const [path, item] of Object.entries<Schema>(doc.paths)) {
    if (!path.startsWith(prefix)) continue;
    for (const [method, op] of Object.entries<Schema>(item)) {
      const security = Object.keys(op.security?.[0] ?? {});
      const roles: string[] = op['x-roles'] ?? [];
      const content = op.requestBody?.content ?? {};
      out.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        roles,
        rules: op['x-rules'] ?? [],
        machine: security.includes('hmacSignature'),
        params: paramsSchema(op.parameters, 'path'),
        query: paramsSchema(op.parameters, 'query'),
        body: content['application/json']?.schema,
        bodyTypes: Object.keys(content),
        responses: Object.fromEntries(
          Object.entries<Schema>(op.responses ?? {}).map(([status, res]) => [
            status,
            { types: Object.keys(res.content ?? {}), schema: res.content?.['application/json']?.schema },
          ]),
        ),
      });
    }
  }
  return out;
}

const FORMATS: Record<string, RegExp> = {
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
};

function typeMatches(type: string, v: unknown): boolean {
  if (type === 'integer') return Number.isInteger(v);
  if (type === 'number') return typeof v === 'number' && Number.isFinite(v);
  if (type === 'null') return v === null;
  if (type === 'array') return Array.isArray(v);
  if (type === 'object') return typeof v === 'object' && v !== null && !Array.isArray(v);
  return typeof v === type;
}

function badString(s: Schema, v: string): boolean {
  const length = [...v].length;
  if (s.minLength !== undefined && length < s.minLength) return true;
  if (s.maxLength !== undefined && length > s.maxLength) return true;
  if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(v)) return true;
  return s.format in FORMATS && !FORMATS[s.format]!.test(v);
}

function badObject(s: Schema, v: Record<string, unknown>): boolean {
  const props: Schema = s.properties ?? {};
  if ((s.required ?? []).some((k: string) => !(k in v))) return true;
  if (s.additionalProperties === false && Object.keys(v).some((k) => !(k in props))) return true;
  return Object.entries(v).some(([k, x]) => props[k] !== undefined && definitelyInvalid(props[k], x));
}

/**
 * Whether a value surely breaks a JSON schema — conservative: only the keywords our contracts use,
 * and "don't know" counts as valid, so a fuzzed request the sweep calls bad really is bad.
 */
export function definitelyInvalid(s: Schema | undefined, v: unknown): boolean {
  if (!s) return false;
  if (s.anyOf) return (s.anyOf as Schema[]).every((b) => definitelyInvalid(b, v));
  if (s.enum && !(s.enum as unknown[]).includes(v)) return true;
  if (s.const !== undefined && s.const !== v) return true;
  if (s.type && ![s.type].flat().some((t: string) => typeMatches(t, v))) return true;
  if (typeof v === 'string') return badString(s, v);
  if (typeof v === 'number') {
    return (
      (s.minimum !== undefined && v < s.minimum) ||
      (s.maximum !== undefined && v > s.maximum) ||
      (s.type === 'integer' && !Number.isInteger(v))
    );
  }
  if (Array.isArray(v)) {
    if ((s.minItems !== undefined && v.length < s.minItems) || (s.maxItems !== undefined && v.length > s.maxItems)) return true;
    return s.items ? v.some((x) => definitelyInvalid(s.items, x)) : false;
  }
  if (typeof v === 'object' && v !== null) return badObject(s, v as Record<string, unknown>);
  return false;
}

const HUGE = 'Ñ'.repeat(70_000);

/** Values that break most fields: wrong types, negative and fractional money, huge and empty strings, bad dates. */
export const BAD_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  -50_000,
  0.5,
  1_500.75,
  1e21,
  Number.MAX_SAFE_INTEGER,
  '',
  ' ',
  '7',
  '-100',
  'abc',
  '2026-02-30',
  '2026-13',
  'not-a-uuid',
  "'; DROP TABLE postings; --",
  '\u0000\u202e',
  HUGE,
  {},
  { $gt: '' },
  [],
  [1, 2, 3],
];

/** The bad values a schema surely refuses (at least one: every contract field has a type). */
export const badValuesFor = (s: Schema | undefined): unknown[] => BAD_VALUES.filter((v) => definitelyInvalid(s, v));
