import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { badValuesFor, definitelyInvalid, type DocumentedRoute } from './routes.schema';

/** What one route is called with: real data of the sweep's establishment, valid as far as the schema goes. */
export interface RouteCall {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** For a body that is not JSON (a bank file). */
  raw?: { contentType: string; payload: string };
  /** Why the route is not scoped to one establishment or PPL, when it is not. */
  unscoped?: string;
}
type Call = RouteCall;

/** The method and request target (path and query) a machine client signs with the payload (HMAC, PLT-03). */
export interface SignedTarget {
  method: string;
  path: string;
}
/** The headers that sign a machine client's request over what is sent (HMAC, PLT-03). */
export type Signer = (payload: string | Buffer, to: SignedTarget) => Record<string, string>;

/** One fuzzed request: what is sent, and the field a 400 must name (PLT-04). */
export interface Fuzzed {
  what: string;
  params?: Record<string, string>;
  query?: [string, string][];
  body?: unknown;
  raw?: { contentType: string; payload: string | Buffer };
  headers?: Record<string, string>;
  names?: string;
}

const fieldsOf = (s: any): string[] => Object.keys(s?.properties ?? {});
const without = (o: Record<string, unknown>, k: string) => Object.fromEntries(Object.entries(o).filter(([key]) => key !== k));
const queryOf = (c: Call): [string, string][] => Object.entries(c.query ?? {});

/** Bodies broken one field at a time, missing a required field, with an unknown field, or not an object at all. */
export function bodyCases(r: DocumentedRoute, c: Call): fc.Arbitrary<Fuzzed>[] {
  const s = r.body;
  const body = (c.body ?? {}) as Record<string, unknown>;
  if (!s) return [];
  const cases: fc.Arbitrary<Fuzzed>[] = [
    fc
      .constantFrom(...fieldsOf(s))
      .chain((k) =>
        fc.constantFrom(...badValuesFor(s.properties[k])).map((v) => ({ what: `body ${k}`, body: { ...body, [k]: v }, names: `/${k}` })),
      ),
    fc
      .stringMatching(/^[a-zA-Z_$][\w$]{0,20}$/)
      .filter((k) => !fieldsOf(s).includes(k) && !['__proto__', 'constructor', 'prototype'].includes(k))
      .chain((k) => fc.jsonValue().map((v) => ({ what: `unknown ${k}`, body: { ...body, [k]: v }, names: `/${k}` }))),
    fc
      .jsonValue({ maxDepth: 3 })
      .filter((v) => definitelyInvalid(s, v))
      .map((v) => ({ what: 'random body', body: v })),
    fc
      .oneof(
        fc.constantFrom('', '{', '{"nui":', 'nul', '[1,2', '{"a":1}}', '\u0000', "{'a':1}"),
        fc.string().map((x) => `{${x}`),
      )
      .map((payload) => ({ what: 'invalid JSON', raw: { contentType: 'application/json', payload } })),
    fc
      .constantFrom('application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', 'image/png')
      .map((contentType) => ({ what: `content-type ${contentType}`, raw: { contentType, payload: JSON.stringify(body) } })),
  ];
  const required: string[] = s.required ?? [];
  if (required.length > 0) {
    cases.push(fc.constantFrom(...required).map((k) => ({ what: `missing ${k}`, body: without(body, k), names: `/${k}` })));
  }
  return cases;
}

/** A path parameter replaced by something its schema refuses (wrong shape, huge, control characters). */
export function paramCases(r: DocumentedRoute, c: Call): fc.Arbitrary<Fuzzed>[] {
  return fieldsOf(r.params).map((k) => {
    const schema = r.params.properties[k];
    const bad = fc.oneof(
      fc.constantFrom(...badValuesFor(schema).filter((v) => typeof v === 'string' || typeof v === 'number')).map(String),
      fc.string({ maxLength: 40 }),
    );
    return bad
      .filter((v) => v !== '' && v !== '.' && v !== '..' && definitelyInvalid(schema, v))
      .map((v) => ({ what: `param ${k}`, params: { ...c.params, [k]: v }, query: queryOf(c), body: c.body, names: `params:/${k}` }));
  });
}

/** A query parameter that is malformed, missing, repeated, or unknown. */
export function queryCases(r: DocumentedRoute, c: Call): fc.Arbitrary<Fuzzed>[] {
  const keys = fieldsOf(r.query);
  if (keys.length === 0) return [];
  const base = queryOf(c);
  const set = (k: string, v: string): [string, string][] => [...base.filter(([x]) => x !== k), [k, v]];
  const cases: fc.Arbitrary<Fuzzed>[] = [
    fc.constantFrom(...keys).chain((k) =>
      fc
        .oneof(fc.constantFrom(...badValuesFor(r.query.properties[k]).filter((v) => typeof v === 'string')), fc.string({ maxLength: 30 }))
        .filter((v) => definitelyInvalid(r.query.properties[k], v))
        .map((v) => ({ what: `query ${k}`, params: c.params, query: set(k, v), names: `querystring:/${k}` })),
    ),
    fc
      .stringMatching(/^[a-z][a-zA-Z0-9]{0,15}$/)
      .filter((k) => !keys.includes(k))
      .map((k) => ({ what: `unknown query ${k}`, params: c.params, query: [...base, [k, '1']], names: `querystring:/${k}` })),
  ];
  const required: string[] = r.query.required ?? [];
  if (required.length > 0) {
    cases.push(
      fc.constantFrom(...required).map((k) => ({ what: `missing query ${k}`, params: c.params, query: base.filter(([x]) => x !== k) })),
    );
  }
  return cases;
}

/** A file route (a call with a raw body): any text or bytes that are not a well-formed file. */
export function fileCases(): fc.Arbitrary<Fuzzed>[] {
  return [
    fc.string({ maxLength: 400 }).map((payload) => ({ what: 'random text file', raw: { contentType: 'text/plain', payload } })),
    fc
      .uint8Array({ maxLength: 400 })
      .map((b) => ({ what: 'random bytes file', raw: { contentType: 'application/octet-stream', payload: Buffer.from(b) } })),
    fc.jsonValue().map((v) => ({ what: 'JSON instead of a file', raw: { contentType: 'application/json', payload: JSON.stringify(v) } })),
  ];
}

const headerValue = fc.stringMatching(/^[\x21-\x7e]{0,60}$/);
/** Fuzzed platform headers (Idempotency-Key, Accept-Language, X-Request-Id), sent on top of every fuzzed request. */
export const fuzzedHeaders = fc.record(
  { 'idempotency-key': fc.oneof(headerValue, fc.constant('k'.repeat(5_000))), 'accept-language': headerValue, 'x-request-id': headerValue },
  { requiredKeys: [] },
);

/** Whether a route takes any input the sweep can break: a body, a file, path or query parameters. */
export const takesInput = (r: DocumentedRoute, c: Call): boolean =>
  Boolean(c.raw ?? r.body) || fieldsOf(r.params).length > 0 || fieldsOf(r.query).length > 0;

/** Every way the sweep breaks one route's input; each case is bad on purpose, with fuzzed headers on top. */
export function fuzzedRequests(r: DocumentedRoute, c: Call): fc.Arbitrary<Fuzzed> {
  const cases = [...(c.raw ? fileCases() : bodyCases(r, c)), ...paramCases(r, c), ...queryCases(r, c)];
  if (cases.length === 0) throw new Error(`${r.key} takes no input to fuzz: send it fuzzedHeaders only (see takesInput)`);
  return fc.tuple(fc.oneof(...cases), fuzzedHeaders).map(([f, headers]) => ({ params: c.params, query: queryOf(c), ...f, headers }));
}

/** The URL of a route with these path and query parameters. */
export function urlOf(path: string, params: Record<string, string> = {}, query: [string, string][] = []): string {
  const url = path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k] ?? ''));
  const qs = new URLSearchParams(query).toString();
  return qs ? `${url}?${qs}` : url;
}

/** The inject options of a request: JSON (or raw) body, auth headers (a machine route signs what is sent). */
export function injectOf(r: DocumentedRoute, f: Omit<Fuzzed, 'what'>, auth: Record<string, string> | Signer): InjectOptions {
  const json = f.raw === undefined && f.body !== undefined && r.method !== 'GET';
  const payload = f.raw?.payload ?? (json ? JSON.stringify(f.body) : undefined);
  const contentType = f.raw?.contentType ?? (json ? 'application/json' : undefined);
  const url = urlOf(r.path, f.params, f.query);
  const authHeaders = typeof auth === 'function' ? auth(payload ?? '', { method: r.method, path: url }) : auth;
  return {
    method: r.method,
    url,
    headers: { ...f.headers, ...(contentType ? { 'content-type': contentType } : {}), ...authHeaders },
    ...(payload !== undefined ? { payload } : {}),
  };
}
