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

  it('PLT-10 when every service and Redis answer then /ready is 200 and lists them', async () => {
    const res = await gw.app.inject({ url: '/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ready',
      redis: true,
      services: { classification: true, folio: true, discipline: true, visits: true },
    });
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

describe('PLT-10 readiness with a service down', () => {
  it('PLT-10 when one service is down then /ready is 503 naming it', async () => {
    const gw = await startGateway({ FOLIO_URL: await deadUrl() });
    try {
      const res = await gw.app.inject({ url: '/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'not-ready', services: { folio: false, visits: true } });
    } finally {
      await gw.close();
    }
  });
});
