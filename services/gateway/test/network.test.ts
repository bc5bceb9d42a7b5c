import { request } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
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

/** Sends a request line and headers exactly as written (no client normalises the path), and reads the status line. */
function rawRequest(base: string, target: string, headers: Record<string, string>): Promise<number> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      const lines = Object.entries({ host: 'localhost', connection: 'close', ...headers }).map(([k, v]) => `${k}: ${v}`);
      socket.write(`GET ${target} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
    });
    let answer = '';
    socket.setEncoding('latin1').on('data', (d: string) => (answer += d));
    socket.on('end', () => resolve(Number(answer.split(' ')[1])));
    socket.on('error', reject);
  });
}

describe('PLT-02 PLT-03 paths that would leave /api/v1/<service>/', () => {
  let gw: TestGateway;
  let base: string;
  beforeAll(async () => {
    gw = await startGateway();
    await gw.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(gw.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => gw.close());

  it('PLT-02 PLT-03 when a raw path uses backslashes or dot segments to climb out then 400 problem and nothing is forwarded', async () => {
    const auth = bearerOf(gw.config, ['dg']);
    for (const target of [
      '/api/v1/folio/x\\..\\..\\metrics',
      '/api/v1/folio/x\\..\\..\\..\\..\\metrics',
      '/api/v1/folio/..\\..\\..\\health',
      '/api/v1/folio/x/../../../metrics',
      '/api/v1/folio/x/%2e%2e/%2e%2e/%2e%2e/metrics',
      '/api/v1/folio/./accounts/1',
    ]) {
      expect([target, await rawRequest(base, target, auth)]).toEqual([target, 400]);
    }
    const all = Object.values(gw.services).flatMap((s) => s.received);
    expect(all).toEqual([]);
    // The proxy still forwards what is already canonical, backslashes in the query included.
    expect(await rawRequest(base, '/api/v1/folio/accounts/1?q=a\\b', auth)).toBe(200);
    expect(gw.services.folio.received.map((r) => r.url)).toEqual(['/api/v1/folio/accounts/1?q=a\\b']);
  });

  it("PLT-02 when the gateway's public paths are tried then no service's /metrics, /health or port is reachable", async () => {
    const auth = bearerOf(gw.config, ['dg']);
    for (const target of [
      '/api/v1/folio/metrics',
      '/api/v1/folio//127.0.0.1/metrics',
      `http://127.0.0.1:${new URL(gw.services.folio.url).port}/metrics`,
    ]) {
      await rawRequest(base, target, auth);
    }
    const reached = Object.values(gw.services).flatMap((s) => s.received.map((r) => r.url));
    expect(reached.filter((u) => !u.startsWith('/api/v1/folio/'))).toEqual([]);
  });
});

/** Like curl --data-binary @file: `Expect: 100-continue`, and the body only once the server says so. */
function uploadWithContinue(
  base: string,
  path: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; continued: boolean }> {
  return new Promise((resolve, reject) => {
    let continued = false;
    const req = request(new URL(path, base), {
      method: 'POST',
      headers: { ...headers, expect: '100-continue', 'content-length': String(body.length) },
    });
    req.on('continue', () => {
      continued = true;
      req.end(body);
    });
    req.on('response', (res) => {
      res.resume().on('end', () => resolve({ status: res.statusCode ?? 0, continued }));
      if (!continued) req.destroy();
    });
    req.on('error', (err) => (continued ? reject(err) : undefined));
    req.flushHeaders();
  });
}

describe('PLT-02 Expect: 100-continue through the gateway', () => {
  let gw: TestGateway;
  let base: string;
  beforeAll(async () => {
    gw = await startGateway({ BODY_LIMIT: 4 * 1024 * 1024 });
    await gw.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(gw.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => gw.close());

  it('PLT-02 when a 2 MB file is uploaded with Expect: 100-continue then the service gets every byte', async () => {
    const file = Buffer.alloc(2 * 1024 * 1024, '0123456789\r\n');
    const headers = { ...bearerOf(gw.config, ['paymaster']), 'content-type': 'text/plain' };
    const res = await uploadWithContinue(base, '/api/v1/folio/recaudo/files', headers, file);
    expect(res).toEqual({ status: 200, continued: true });
    const got = gw.services.folio.received.at(-1)!;
    expect(got.body.equals(file)).toBe(true);
    expect(got.headers.expect).toBeUndefined();
  });

  it('PLT-02 when the announced body is over BODY_LIMIT then 413 before the client sends it', async () => {
    const headers = { ...bearerOf(gw.config, ['paymaster']), 'content-type': 'text/plain' };
    const before = gw.services.folio.received.length;
    const res = await uploadWithContinue(base, '/api/v1/folio/recaudo/files', headers, Buffer.alloc(5 * 1024 * 1024, 'x'));
    expect(res).toEqual({ status: 413, continued: false });
    expect(gw.services.folio.received).toHaveLength(before);
  });
});
