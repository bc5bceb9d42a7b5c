import { bearerOf, deadUrl, startGateway, type TestGateway } from './helper';

describe('PLT-02 proxy: /api/v1/<service>/… reaches the service unchanged', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(async () => gw.close());

  it('PLT-02 when a client posts to a folio route then folio gets the same method, path, query, headers and body', async () => {
    const auth = bearerOf(gw.config, ['paymaster']);
    const body = '{"amount":  15000, "nui":"123"}';
    const res = await gw.app.inject({
      method: 'POST',
      url: '/api/v1/folio/purchases?dry=1&x=%20y',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': 'k-1', 'accept-language': 'en' },
      payload: body,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ service: 'folio', url: '/api/v1/folio/purchases?dry=1&x=%20y' });
    expect(res.headers['x-served-by']).toBe('folio');
    const got = gw.services.folio.received.at(-1)!;
    expect(got.method).toBe('POST');
    expect(got.body.toString()).toBe(body);
    expect(got.headers.authorization).toBe(auth.authorization);
    expect(got.headers['idempotency-key']).toBe('k-1');
    expect(got.headers['accept-language']).toBe('en');
    expect(gw.services.visits.received).toHaveLength(0);
  });

  it('PLT-02 when a request has no x-request-id then one is made, sent to the service and returned', async () => {
    const res = await gw.app.inject({ url: '/api/v1/visits/bookings', headers: bearerOf(gw.config, ['visits_officer']) });
    expect(res.statusCode).toBe(200);
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(gw.services.visits.received.at(-1)!.headers['x-request-id']).toBe(id);
  });

  it('PLT-02 when a request carries an x-request-id then the service and the caller see that same ID', async () => {
    const headers = { ...bearerOf(gw.config, ['director']), 'x-request-id': 'req-from-front-end-42' };
    const res = await gw.app.inject({ url: '/api/v1/discipline/cases/7', headers });
    expect(res.headers['x-request-id']).toBe('req-from-front-end-42');
    expect(gw.services.discipline.received.at(-1)!.headers['x-request-id']).toBe('req-from-front-end-42');
  });

  it('PLT-02 when the service is unknown then 404 problem', async () => {
    const res = await gw.app.inject({ url: '/api/v1/kitchen/menus', headers: bearerOf(gw.config, ['dg']) });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('PLT-04 when the path climbs out with encoded dots then 400 problem, never forwarded', async () => {
    const before = gw.services.classification.received.length;
    const res = await gw.app.inject({ url: '/api/v1/classification/%2e%2e/%2e%2e/admin', headers: bearerOf(gw.config, ['dg']) });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(gw.services.classification.received).toHaveLength(before);
  });

  it('PLT-02 when the body is larger than BODY_LIMIT then 413 problem', async () => {
    const big = Buffer.alloc(gw.config.BODY_LIMIT + 1, 'a');
    const res = await gw.app.inject({
      method: 'POST',
      url: '/api/v1/folio/recaudo/files',
      headers: { ...bearerOf(gw.config, ['paymaster']), 'content-type': 'text/plain' },
      payload: big,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ status: 413, rule: 'PLT-02' });
  });

  it('PLT-02 when a front-end origin sends a CORS preflight then it is allowed without a token', async () => {
    const res = await gw.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/visits/bookings',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const other = await gw.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/visits/bookings',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('PLT-02 a service that is down', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway({ VISITS_URL: await deadUrl() });
  });
  afterAll(async () => gw.close());

  it('PLT-02 when the service is down then 502 problem+json, not a 500, and the others still answer', async () => {
    const headers = { ...bearerOf(gw.config, ['visits_officer']), 'accept-language': 'en' };
    const res = await gw.app.inject({
      method: 'POST',
      url: '/api/v1/visits/bookings',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: '{"a":1}',
    });
    expect(res.statusCode).toBe(502);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 502, rule: 'PLT-02', detail: expect.stringContaining('visits') });
    const ok = await gw.app.inject({ url: '/api/v1/folio/accounts/1', headers });
    expect(ok.statusCode).toBe(200);
  });
});
