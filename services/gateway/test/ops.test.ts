import { deadUrl, startGateway, type TestGateway } from './helper';

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
