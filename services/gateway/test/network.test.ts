import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bearerOf, deadUrl, startGateway, type TestGateway } from './helper';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Over a real socket, chunked when no length is given, so the streaming paths are exercised. */
function send(
  base: string,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; chunks?: Buffer[] } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    for (const c of opts.chunks ?? []) req.write(c);
    req.end();
  });
}

describe('PLT-02 proxy over real connections', () => {
  let gw: TestGateway;
  let base: string;
  beforeAll(async () => {
    gw = await startGateway({ BODY_LIMIT: 64 * 1024, VISITS_URL: await deadUrl() });
    await gw.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(gw.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => gw.close());

  it('PLT-02 when a body is streamed in chunks then the service gets every byte in order', async () => {
    const chunks = [Buffer.from('06'), Buffer.alloc(1000, '7'), Buffer.from('\r\n09\r\n')];
    const res = await send(base, '/api/v1/folio/recaudo/files', {
      method: 'POST',
      headers: { ...bearerOf(gw.config, ['paymaster']), 'content-type': 'text/plain' },
      chunks,
    });
    expect(res.status).toBe(200);
    expect(gw.services.folio.received.at(-1)!.body.equals(Buffer.concat(chunks))).toBe(true);
  });

  it('PLT-02 when a streamed body passes BODY_LIMIT then 413 problem, not a reset connection', async () => {
    const res = await send(base, '/api/v1/folio/recaudo/files', {
      method: 'POST',
      headers: { ...bearerOf(gw.config, ['paymaster']), 'content-type': 'text/plain' },
      chunks: Array.from({ length: 8 }, () => Buffer.alloc(16 * 1024, 'x')),
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ status: 413, rule: 'PLT-02' });
  });

  it('PLT-02 when a service is down then the caller gets a 502 problem with its request ID', async () => {
    const res = await send(base, '/api/v1/visits/bookings', {
      method: 'POST',
      headers: { ...bearerOf(gw.config, ['visits_officer']), 'content-type': 'application/json', 'x-request-id': 'rid-502' },
      chunks: [Buffer.from('{"day":"2025-01-01"}')],
    });
    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.body)).toMatchObject({ status: 502, requestId: 'rid-502' });
  });

  it('PLT-04 when the path has a broken percent escape then a 4xx problem, never a 500', async () => {
    const res = await send(base, '/api/v1/folio/accounts/%E0%A4%A', { headers: bearerOf(gw.config, ['paymaster']) });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
