import fc from 'fast-check';
import { bodyCases, fileCases, fuzzedHeaders, paramCases, queryCases, type Fuzzed, type RouteCall } from './routes.fuzz';
import { definitelyInvalid, type DocumentedRoute } from './routes.schema';
import { brokenOf, deeplyNested, getAt, pathsOf, schemaAt, setAt, validOf, type JsonPath } from './fuzz.values';

/** A fuzzed request and what it must get: a refusal (4xx, with this status when it is known) or any answer but a 5xx. */
export interface FuzzCase extends Fuzzed {
  /** The request is bad on purpose: it must be refused, and nothing may change. */
  refused: boolean;
  /** The exact status a refusal must have (401 for bad credentials). */
  status?: number;
  /** Send it without the caller's credentials (its own `authorization` header stands). */
  anonymous?: boolean;
}

const pointer = (path: JsonPath) => `/${path.join('/')}`;
const refuse = (f: Fuzzed, status?: number): FuzzCase => ({ ...f, refused: true, ...(status ? { status } : {}) });

/** The valid body broken deep inside: one nested value of the wrong kind, a nested required field missing, a nested unknown field. */
function deepBodyCases(r: DocumentedRoute, c: RouteCall): fc.Arbitrary<Fuzzed>[] {
  if (!r.body || c.body === undefined) return [];
  const body = c.body;
  const paths = pathsOf(r.body, body).filter((p) => p.length > 0);
  const breakable = paths.filter((p) => brokenOf(schemaAt(r.body, p)) !== undefined);
  const cases: fc.Arbitrary<Fuzzed>[] = [];
  if (breakable.length > 0) {
    cases.push(
      fc
        .constantFrom(...breakable)
        .chain((p) => brokenOf(schemaAt(r.body, p))!.map((v) => ({ what: `body ${pointer(p)} broken`, body: setAt(body, p, v) }))),
    );
  }
  const requiredPaths = paths.filter((p) => {
    const parent = schemaAt(r.body, p.slice(0, -1));
    return typeof p.at(-1) === 'string' && (parent?.required ?? []).includes(p.at(-1));
  });
  if (requiredPaths.length > 0) {
    cases.push(fc.constantFrom(...requiredPaths).map((p) => ({ what: `body ${pointer(p)} missing`, body: setAt(body, p, undefined) })));
  }
  const closed = [[], ...paths].filter((p) => {
    const s = schemaAt(r.body, p);
    const v = getAt(body, p);
    return s?.additionalProperties === false && typeof v === 'object' && v !== null && !Array.isArray(v);
  });
  if (closed.length > 0) {
    cases.push(
      fc
        .tuple(fc.constantFrom(...closed), fc.constantFrom('isAdmin', 'eron ', 'ñ', '$where', '__proto__', 'x'.repeat(300)))
        .filter(([p, k]) => !(k in (schemaAt(r.body, p)?.properties ?? {})))
        .map(([p, k]) => ({
          what: `body ${pointer(p)} unknown ${k.slice(0, 20)}`,
          body: setAt(body, p, JSON.parse(JSON.stringify({ ...(getAt(body, p) as object), [k]: 1 }))),
        })),
    );
  }
  cases.push(
    fc
      .constantFrom<[string, unknown]>(
        ['1 000 nested arrays', deeplyNested(1_000, 'array')],
        ['1 000 nested objects', deeplyNested(1_000, 'object')],
        ['2 000 items', Array.from({ length: 2_000 }, () => body)],
        ['a string of 1 MB', 'Ñ'.repeat(500_000)],
      )
      .filter(([, v]) => definitelyInvalid(r.body, v))
      .map(([what, v]) => ({ what: `body ${what}`, body: v })),
  );
  return cases;
}

const junkToken = fc.stringMatching(/^[\x21-\x7e]{1,200}$/);
/** Credentials no service may accept: junk, unsigned (`alg: none`) or oversized tokens, other schemes. */
const badAuthorization = fc.oneof(
  junkToken.map((t) => `Bearer ${t}`),
  junkToken,
  fc.constantFrom(
    'Bearer',
    'Bearer ',
    'bearer',
    'Basic YWRtaW46YWRtaW4=',
    'Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4Iiwicm9sZXMiOlsiZGciXX0.',
    `Bearer ${'A'.repeat(8_000)}`,
    'Bearer a.b.c',
    'Digest username="x"',
  ),
);

/** Header-level breakage every route must refuse: bad credentials (401) and oversized headers. */
function headerCases(r: DocumentedRoute, c: RouteCall): fc.Arbitrary<FuzzCase>[] {
  const base = { params: c.params, query: Object.entries(c.query ?? {}), body: c.body, ...(c.raw ? { raw: c.raw } : {}) };
  const cases: fc.Arbitrary<FuzzCase>[] = [
    badAuthorization.map((authorization) => ({
      ...base,
      what: `authorization ${authorization.slice(0, 40)}`,
      headers: { authorization },
      refused: true,
      status: 401,
      anonymous: true,
    })),
    fc.constantFrom(20_000, 70_000).map((n) => refuse({ ...base, what: `a header of ${n} bytes`, headers: { 'x-fuzz': 'h'.repeat(n) } })),
    fc.constant(
      refuse({
        ...base,
        what: '300 headers',
        headers: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`x-fuzz-${i}`, 'v'.repeat(100)])),
      }),
    ),
  ];
  if (r.body) {
    cases.push(
      fc
        .constantFrom('application/jsonx', 'json', ';;;', 'application/xml', 'multipart/form-data')
        .map((contentType) =>
          refuse({ ...base, what: `content-type ${contentType}`, raw: { contentType, payload: JSON.stringify(c.body ?? {}) } }),
        ),
    );
  }
  return cases;
}

/** Every way to break one route's request; each must be refused with a 4xx problem, and change nothing. */
export function refusedCases(r: DocumentedRoute, c: RouteCall): fc.Arbitrary<FuzzCase> {
  const input = [...(c.raw ? fileCases() : [...bodyCases(r, c), ...deepBodyCases(r, c)]), ...paramCases(r, c), ...queryCases(r, c)];
  const withHeaders = input.map((a) =>
    fc
      .tuple(a, fuzzedHeaders)
      .map(([f, headers]): FuzzCase => refuse({ params: c.params, query: Object.entries(c.query ?? {}), ...f, headers })),
  );
  return fc.oneof(...withHeaders, ...headerCases(r, c));
}

/**
 * Requests valid as far as the schema goes (schema-aware): a whole generated body, the valid call
 * with one value regenerated, generated parameters and query strings. The rules may still refuse them.
 */
export function validCases(r: DocumentedRoute, c: RouteCall, extra: fc.Arbitrary<Fuzzed>[] = []): fc.Arbitrary<FuzzCase> {
  const query = Object.entries(c.query ?? {});
  const base = { params: c.params, query, body: c.body, ...(c.raw ? { raw: c.raw } : {}) };
  const cases: fc.Arbitrary<Fuzzed>[] = [...extra];
  if (r.body && !c.raw) {
    cases.push(validOf(r.body).map((body) => ({ ...base, what: 'generated body', body })));
    const paths = pathsOf(r.body, c.body).filter((p) => p.length > 0);
    if (paths.length > 0) {
      cases.push(
        fc
          .constantFrom(...paths)
          .chain((p) =>
            validOf(schemaAt(r.body, p)).map((v) => ({ ...base, what: `body ${pointer(p)} regenerated`, body: setAt(c.body, p, v) })),
          ),
      );
    }
  }
  const params = Object.keys(r.params.properties ?? {});
  if (params.length > 0) {
    cases.push(
      fc
        .constantFrom(...params)
        .chain((k) =>
          validOf(r.params.properties[k]).map((v) => ({ ...base, what: `param ${k} generated`, params: { ...c.params, [k]: String(v) } })),
        ),
    );
  }
  const queries = Object.keys(r.query.properties ?? {});
  if (queries.length > 0) {
    cases.push(
      fc
        .record(Object.fromEntries(queries.map((k) => [k, validOf(r.query.properties[k])])), { requiredKeys: r.query.required ?? [] })
        .map((q) => ({
          ...base,
          what: 'generated query',
          query: Object.entries(q).map(([k, v]): [string, string] => [k, String(v)]),
        })),
    );
  }
  if (cases.length === 0) cases.push(fc.constant({ ...base, what: 'the valid call' }));
  return fc
    .tuple(fc.oneof(...cases), fuzzedHeaders)
    .map(([f, headers]) => ({ ...f, headers: { ...headers, ...f.headers }, refused: false }));
}
