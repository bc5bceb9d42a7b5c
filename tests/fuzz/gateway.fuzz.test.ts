import type { FastifyInstance } from 'fastify';
import { SERVICES } from '@eron/shared';
import { buildApp, DEV_JWT_SECRET } from '@eron/shared/platform';
import { bearer, fc, uniqueSuffix } from '@eron/shared/testing';
import gateway from '../../services/gateway/src/app';
import { loadGatewayConfig } from '../../services/gateway/src/config';
import { fakeService, type FakeService } from '../../services/gateway/test/helper';

/**
 * The gateway's own routes (no OpenAPI document lists them: they are not the API), each with the
 * methods it answers and, where it has one, how a path segment of it may vary.
 */
const OWN_ROUTES: { path: string; methods: string[]; html?: boolean }[] = [
  { path: '/health', methods: ['GET'] },
  { path: '/ready', methods: ['GET'] },
  { path: '/metrics', methods: ['GET'] },
  { path: '/openapi.json', methods: ['GET'] },
  { path: '/openapi/{x}.json', methods: ['GET'] },
  { path: '/docs', methods: ['GET'] },
  { path: '/docs/{x}', methods: ['GET'] },
  { path: '/admin/login', methods: ['GET', 'POST'], html: true },
  { path: '/admin/logout', methods: ['POST'] },
  { path: '/admin/queues', methods: ['GET'] },
  { path: '/admin/queues/api/queues', methods: ['GET'] },
  { path: '/admin/queues/api/queues/{x}/{x}', methods: ['GET', 'PUT'] },
  { path: '/admin/queues/api/queues/{x}/retry/{x}', methods: ['PUT'] },
  { path: '/admin/queues/api/queues/{x}/{x}/retry', methods: ['PUT'] },
  { path: '/admin/queues/{x}', methods: ['GET', 'PUT', 'POST', 'DELETE'] },
];

const segment = fc.oneof(
  fc.constantFrom(...SERVICES, 'events-folio', 'failed', 'completed', '..', '%2e%2e', '%00', 'ñ', '%', '%zz', 'a'.repeat(300)),
  fc.stringMatching(/^[\w.~%-]{1,40}$/),
);
const headerValue = fc.stringMatching(/^[\x21-\x7e]{0,80}$/);
const request = fc.record({
  route: fc.constantFrom(...OWN_ROUTES),
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
      fc.string({ maxLength: 200 }).map((s) => ({ type: 'application/x-www-form-urlencoded', payload: `token=${encodeURIComponent(s)}` })),
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

it('PLT-18 the fuzz run covers every route the gateway serves itself', () => {
  const printed = edge.printRoutes({ commonPrefix: false });
  const own = [...printed.matchAll(/(\/[^\s(]*) \(/g)].map((m) => m[1]!).filter((p) => !p.startsWith('/api/v1/') && p !== '/api/v1');
  const covered = (p: string) =>
    OWN_ROUTES.some((r) => {
      const re = new RegExp(`^${r.path.replace(/\./g, '\\.').replace(/\{x\}/g, '[^/]+')}$`);
      return re.test(p.replace(/:[^/]+/g, 'x').replace(/\*/g, 'x')) || p.replace(/:[^/.]+/g, 'x') === r.path.replace(/\{x\}/g, 'x');
    });
  expect({ 'gateway routes the fuzz run does not call': own.filter((p) => p !== '/' && !covered(p)) }).toEqual({
    'gateway routes the fuzz run does not call': [],
  });
});

it('PLT-18 PLT-04 when the gateway’s own routes get fuzzed methods, paths, query strings, headers, cookies and forms then never a 5xx, and every refusal of an API route is a problem', async () => {
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
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
