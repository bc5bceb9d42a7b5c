import type { FastifyInstance } from 'fastify';
import { SERVICES } from '@eron/shared';
import { buildApp, DEV_JWT_SECRET } from '@eron/shared/platform';
import { bearer, fc, uniqueSuffix } from '@eron/shared/testing';
import gateway from '../../services/gateway/src/app';
import { loadGatewayConfig } from '../../services/gateway/src/config';
import { fakeService, type FakeService } from '../../services/gateway/test/helper';

/** A route the gateway serves itself (no OpenAPI document lists them: they are not the API), `{x}` where a segment varies. */
interface OwnRoute {
  path: string;
  methods: string[];
}

/**
 * Every route of the gateway's own router but the proxied API: read from `printRoutes`' tree, each
 * line a segment under its parent (four columns a level), so nothing it serves goes unfuzzed.
 */
function ownRoutes(app: FastifyInstance): OwnRoute[] {
  const prefixes: string[] = [];
  const routes: OwnRoute[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│├└─ ]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = Math.floor(m[1]!.length / 4);
    const path = `${prefixes[depth - 1] ?? ''}${m[2]}`.replace(/^(?!\/)/, '/');
    prefixes[depth] = path;
    const methods = (m[3] ?? '').split(', ').filter((x) => x && x !== 'HEAD');
    if (methods.length && !path.startsWith('/api/v1')) routes.push({ path: path.replace(/:[^/.]+|\*/g, '{x}'), methods });
  }
  return routes;
}

const segment = fc.oneof(
  fc.constantFrom(...SERVICES, 'events-folio', 'failed', 'completed', '..', '%2e%2e', '%00', 'ñ', '%', '%zz', 'a'.repeat(300)),
  fc.stringMatching(/^[\w.~%-]{1,40}$/),
);
const headerValue = fc.stringMatching(/^[\x21-\x7e]{0,80}$/);
const requestOver = (routes: OwnRoute[]) =>
  fc.record({
    route: fc.constantFrom(...routes),
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
    segments: fc.array(segment, { minLength: 3, maxLength: 3 }),
    query: fc.array(fc.tuple(fc.stringMatching(/^[\w[\].]{1,20}$/), fc.string({ maxLength: 40 })), { maxLength: 4 }),
    headers: fc.record(
      {
        authorization: fc.oneof(
          headerValue,
          fc.constant(bearer(['info_systems']).authorization),
          fc.constant(bearer(['gate_officer'], ['113']).authorization),
        ),
        cookie: fc.oneof(
          headerValue.map((v) => `eron_token=${v}`),
          headerValue,
        ),
        accept: fc.constantFrom('text/html', 'application/json', '*/*', 'x/y;q=abc'),
        'if-none-match': headerValue,
        'accept-language': headerValue,
        origin: fc.constantFrom('http://evil.example', 'null', 'http://localhost:5173'),
        'x-forwarded-for': headerValue,
      },
      { requiredKeys: [] },
    ),
    body: fc.option(
      fc.oneof(
        fc
          .string({ maxLength: 200 })
          .map((s) => ({ type: 'application/x-www-form-urlencoded', payload: `token=${encodeURIComponent(s)}` })),
        fc.jsonValue({ maxDepth: 3 }).map((v) => ({ type: 'application/json', payload: JSON.stringify(v) })),
        fc.string({ maxLength: 200 }).map((s) => ({ type: 'application/x-www-form-urlencoded', payload: s })),
        fc.constant({ type: 'application/x-www-form-urlencoded', payload: `token=${'t'.repeat(20_000)}` }),
      ),
      { nil: undefined },
    ),
  });

const RUNS = Number(process.env.FUZZ_RUNS ?? 4) * 25;

let services: FakeService[];
let edge: FastifyInstance;
let url: string;

beforeAll(async () => {
  services = await Promise.all(SERVICES.map((s) => fakeService(s)));
  const urls = Object.fromEntries(services.map((s) => [`${s.name.toUpperCase()}_URL`, s.url]));
  const config = loadGatewayConfig({
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    REDIS_URL: process.env.REDIS_URL,
    QUEUE_PREFIX: `fuzz${uniqueSuffix()}`,
    JWT_SECRET: DEV_JWT_SECRET,
    RATE_LIMIT_MAX: 0,
    ...urls,
  });
  edge = await buildApp('gateway', gateway, config);
  url = await edge.listen({ host: '127.0.0.1', port: 0 });
}, 60_000);
afterAll(async () => {
  await edge?.close();
  await Promise.all((services ?? []).map((s) => s.close()));
});

const pathOf = (path: string, segments: string[]) => {
  let i = 0;
  return path.replace(/\{x\}/g, () => segments[i++] ?? 'x');
};

it('PLT-18 the fuzz run covers every route the gateway serves itself, read from its router', () => {
  const paths = ownRoutes(edge).map((r) => r.path);
  expect(paths).toEqual(
    expect.arrayContaining([
      '/health',
      '/ready',
      '/openapi/{x}.json',
      '/docs/static/index.html',
      '/admin/login',
      '/admin/queues/api/queues/{x}/obliterate',
      '/{x}',
    ]),
  );
  expect(paths.filter((p) => p.startsWith('/api/v1'))).toEqual([]);
});

it('PLT-18 PLT-04 when the gateway’s own routes get fuzzed methods, paths, query strings, headers, cookies and forms then never a 5xx, and every refusal of an API route is a problem', async () => {
  await fc.assert(
    fc.asyncProperty(requestOver(ownRoutes(edge)), async (r) => {
      const qs = new URLSearchParams(r.query).toString();
      const target = `${pathOf(r.route.path, r.segments)}${qs ? `?${qs}` : ''}`;
      const withBody = r.body !== undefined && !['GET', 'HEAD'].includes(r.method);
      const res = await fetch(`${url}${target}`, {
        method: r.method,
        headers: { ...r.headers, ...(withBody ? { 'content-type': r.body!.type } : {}) },
        ...(withBody ? { body: r.body!.payload } : {}),
        redirect: 'manual',
      });
      const body = await res.text();
      const context = `${r.method} ${target} ${JSON.stringify(r.headers).slice(0, 300)} → ${res.status} ${body.slice(0, 200)}`;
      expect([context, res.status < 500]).toEqual([context, true]);
      const type = res.headers.get('content-type') ?? '';
      // The login page answers a browser's bad token with itself (HTML); bull-board's own API answers its 404s in JSON.
      if (res.status >= 400 && !type.startsWith('text/html') && r.method !== 'HEAD' && !target.startsWith('/admin/queues/api/')) {
        expect([context, type]).toEqual([context, expect.stringMatching(/^application\/problem\+json/)]);
      }
    }),
    { numRuns: RUNS, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH } : {}) },
  );
});

it('PLT-04 PLT-18 when a request’s headers are over 16 KB then the gateway answers 431 with a problem, not Fastify’s own JSON', async () => {
  for (const path of ['/health', '/api/v1/folio/limits', '/admin/login']) {
    const res = await fetch(`${url}${path}`, { headers: { 'x-fuzz': 'h'.repeat(20_000) } });
    expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 431, expect.stringMatching(/^application\/problem\+json/)]);
    expect(await res.json()).toMatchObject({
      status: 431,
      title: expect.any(String),
      detail: expect.any(String),
      type: expect.any(String),
    });
  }
});
