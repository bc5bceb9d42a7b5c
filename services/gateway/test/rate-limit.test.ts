import { signedHeaders } from '@eron/shared/platform';
import { BANK_7, bearerOf, deadUrl, startGateway, type TestGateway } from './helper';

describe('PLT-02 per-client rate limit', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway({ RATE_LIMIT_MAX: 3 });
  });
  afterAll(async () => gw.close());

  it('PLT-02 when a client passes RATE_LIMIT_MAX in a minute then 429 problem, while another client is still served', async () => {
    const alice = bearerOf(gw.config, ['paymaster'], 'alice');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await gw.app.inject({ url: '/api/v1/folio/accounts/1', headers: alice })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);

    // A fresh token of the same subject is the same client.
    const again = await gw.app.inject({
      url: '/api/v1/visits/bookings',
      headers: { ...bearerOf(gw.config, ['paymaster'], 'alice'), 'accept-language': 'en' },
    });
    expect(again.statusCode).toBe(429);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.headers['retry-after']).toBeDefined();
    expect(again.json()).toMatchObject({ status: 429, rule: 'PLT-02' });

    const bob = await gw.app.inject({ url: '/api/v1/folio/accounts/1', headers: bearerOf(gw.config, ['paymaster'], 'bob') });
    expect(bob.statusCode).toBe(200);
  });

  it('PLT-02 when a machine client signs its requests then it is counted by its key id', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const url = '/api/v1/folio/recaudo/deposits';
      const headers = { 'content-type': 'application/json', ...signedHeaders(BANK_7, { method: 'POST', path: url, body: '{}' }) };
      statuses.push((await gw.app.inject({ method: 'POST', url, headers, payload: '{}' })).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('PLT-02 rate limit with Redis down', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway({ RATE_LIMIT_MAX: 1, REDIS_URL: (await deadUrl()).replace('http', 'redis') });
  });
  afterAll(async () => gw.close());

  it('PLT-02 when Redis is unreachable then requests still flow, unlimited', async () => {
    const headers = bearerOf(gw.config, ['paymaster'], 'carol');
    for (let i = 0; i < 3; i++) {
      expect((await gw.app.inject({ url: '/api/v1/folio/accounts/1', headers })).statusCode).toBe(200);
    }
  });
});

describe('PLT-03 machine clients are counted by their verified key id', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway({ RATE_LIMIT_MAX: 3 });
  });
  afterAll(async () => gw.close());

  it('PLT-03 when requests forged in a bank key id flood the gateway then they are refused and the bank keeps its whole quota', async () => {
    const url = '/api/v1/folio/recaudo/deposits';
    const send = (secret: string) =>
      gw.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json', ...signedHeaders({ ...BANK_7, secret }, { method: 'POST', path: url, body: '{}' }) },
        payload: '{}',
      });
    for (let i = 0; i < 5; i++) expect((await send('forged-secret')).statusCode).toBe(401);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await send(BANK_7.secret)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
