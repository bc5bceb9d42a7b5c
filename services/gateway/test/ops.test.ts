import { bearerOf, deadUrl, startGateway, type TestGateway } from './helper';

describe('PLT-10 health, readiness and metrics of the gateway', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(async () => gw.close());

  it('PLT-10 when /health is asked then 200 without touching anything', async () => {
    const res = await gw.app.inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    expect(gw.services.folio.received.filter((r) => r.url === '/health')).toHaveLength(0);
  });

  it('PLT-10 when Redis answers then /ready is 200 without asking any service', async () => {
    const asked = () => Object.values(gw.services).flatMap((s) => s.received.filter((r) => r.url === '/ready'));
    const before = asked().length;
    const res = await gw.app.inject({ url: '/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', redis: true, service: 'gateway', version: expect.any(String) });
    expect(asked()).toHaveLength(before);
  });

  it('PLT-10 when every service is ready then /upstreams says so for each', async () => {
    const res = await gw.app.inject({ url: '/upstreams' });
    expect(res.statusCode).toBe(200);
    const up = { reachable: true, ready: true, ms: expect.any(Number) };
    expect(res.json()).toEqual({ status: 'ok', degraded: [], services: { classification: up, folio: up, discipline: up, visits: up } });
  });

  it('PLT-10 when /metrics is scraped then Prometheus text with request durations per route', async () => {
    await gw.app.inject({ url: '/health' });
    const res = await gw.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('http_request_duration_seconds_bucket');
    expect(res.body).toContain('process_cpu_user_seconds_total');
  });
});

describe('PLT-10 the gateway counts the API calls it proxies', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway({}, { folio: ['/api/v1/folio/accounts/{nui}', '/api/v1/folio/things'] });
    await gw.app.inject({ url: '/openapi.json' }); // the route templates come from the services' documents
  });
  afterAll(async () => gw.close());

  it('PLT-10 when calls are proxied then /metrics counts them per service, route template, method and status', async () => {
    const auth = bearerOf(gw.config, ['paymaster']);
    for (const nui of ['1000001', '1000002', '1000003']) await gw.app.inject({ url: `/api/v1/folio/accounts/${nui}?x=1`, headers: auth });
    await gw.app.inject({ url: '/api/v1/folio/accounts/1000004' });
    await gw.app.inject({ url: '/api/v1/visits/no-such-route', headers: auth });
    const body = (await gw.app.inject({ url: '/metrics' })).body;
    const count = (labels: string) => Number(new RegExp(`^gateway_api_requests_total\\{${labels}\\} (\\d+)$`, 'm').exec(body)?.[1]);
    expect(count('service="folio",route="/api/v1/folio/accounts/\\{nui\\}",method="GET",status="200"')).toBe(3);
    expect(count('service="folio",route="/api/v1/folio/accounts/\\{nui\\}",method="GET",status="401"')).toBe(1);
    expect(count('service="visits",route="unmatched",method="GET",status="200"')).toBe(1);
    // One series per route, not per URL.
    expect(body).not.toContain('1000001');
  });
});

describe('PLT-10 readiness is the gateway’s own; each service’s state is reported apart', () => {
  it('PLT-10 when one service is down and another not ready then /ready is still 200, the others are served, and /upstreams names both', async () => {
    const gw = await startGateway({ FOLIO_URL: await deadUrl() });
    try {
      gw.services.visits.setReady(false);
      const ready = await gw.app.inject({ url: '/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({ status: 'ready', redis: true });
      // The load balancer keeps the gateway: the other services' routes are served, folio's refused.
      const auth = bearerOf(gw.config, ['paymaster']);
      expect((await gw.app.inject({ url: '/api/v1/classification/things', headers: auth })).statusCode).toBe(200);
      expect((await gw.app.inject({ url: '/api/v1/folio/accounts/1', headers: auth })).statusCode).toBe(502);

      const res = await gw.app.inject({ url: '/upstreams' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'degraded',
        degraded: ['folio', 'visits'],
        services: {
          classification: { reachable: true, ready: true },
          folio: { reachable: false, ready: false },
          discipline: { reachable: true, ready: true },
          visits: { reachable: true, ready: false },
        },
      });
      // Callers at once share one look: a public route does not multiply calls to the services.
      const asked = () => gw.services.visits.received.filter((r) => r.url === '/ready').length;
      const before = asked();
      await Promise.all([1, 2, 3, 4, 5].map(() => gw.app.inject({ url: '/upstreams' })));
      expect(asked() - before).toBeLessThanOrEqual(1);
    } finally {
      await gw.close();
    }
  });

  it('PLT-10 when the gateway’s own Redis is unreachable then /ready is 503 naming it, while /health stays 200', async () => {
    const gw = await startGateway({ REDIS_URL: (await deadUrl()).replace('http', 'redis') });
    try {
      const res = await gw.app.inject({ url: '/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'not-ready', redis: false, service: 'gateway' });
      expect((await gw.app.inject({ url: '/health' })).statusCode).toBe(200);
    } finally {
      await gw.close();
    }
  });
});
