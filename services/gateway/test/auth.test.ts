import { mintToken, parseHmacKeys, signedHeaders, verifySignature } from '@eron/shared/platform';
import { BANK_1, bearerOf, deadUrl, startGateway, type TestGateway } from './helper';

describe('PLT-03 authentication at the edge', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(async () => gw.close());

  it('PLT-03 when a request has neither token nor signature then 401 problem and the service never sees it', async () => {
    const res = await gw.app.inject({ url: '/api/v1/classification/ppl/123' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 401, rule: 'PLT-03' });
    expect(gw.services.classification.received).toHaveLength(0);
  });

  it('PLT-03 DIS-17 DIS-24 when a read of a service’s public route comes with no credentials then it reaches the service, and nothing else does', async () => {
    for (const url of ['/api/v1/discipline/public/certificates/RC-0A1B2C3D4E', '/api/v1/visits/public/units/u-1/calendar?month=2026-12']) {
      const res = await gw.app.inject({ url });
      expect(res.statusCode).toBe(200);
    }
    expect(gw.services.discipline.received.at(-1)!.url).toBe('/api/v1/discipline/public/certificates/RC-0A1B2C3D4E');
    expect(gw.services.visits.received.at(-1)!.url).toBe('/api/v1/visits/public/units/u-1/calendar?month=2026-12');
    const before = gw.services.discipline.received.length;
    for (const [method, url] of [
      ['POST', '/api/v1/discipline/public/certificates/RC-0A1B2C3D4E'],
      ['GET', '/api/v1/discipline/public/../cases'],
      ['GET', '/api/v1/discipline/public/%2e%2e/cases'],
      ['GET', '/api/v1/discipline/publicity/x'],
      ['GET', '/api/v1/discipline/public'],
      ['GET', '/api/v1/discipline/cases/public/x'],
    ] as const) {
      const res = await gw.app.inject({ method, url, ...(method === 'POST' ? { payload: '{}' } : {}) });
      expect([method, url, res.statusCode]).toEqual([method, url, expect.any(Number)]);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    expect(gw.services.discipline.received).toHaveLength(before);
    // A bad token on a public route is still refused: credentials, when sent, must verify.
    expect(
      (await gw.app.inject({ url: '/api/v1/discipline/public/certificates/RC-0A1B2C3D4E', headers: { authorization: 'Bearer x' } }))
        .statusCode,
    ).toBe(401);
  });

  it('PLT-03 when the token is signed with another key or has expired then 401 problem', async () => {
    const forged = mintToken('another-key-of-sixteen-chars', gw.config.JWT_ISSUER, { sub: 'x', roles: ['dg'] });
    const expired = mintToken(gw.config.JWT_SECRET!, gw.config.JWT_ISSUER, { sub: 'x', roles: ['dg'] }, 1);
    await new Promise((r) => setTimeout(r, 1_100));
    for (const token of [forged, expired, 'not-a-jwt']) {
      const res = await gw.app.inject({
        url: '/api/v1/classification/ppl/123',
        headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().detail).toMatch(/invalid or expired/);
    }
    expect(gw.services.classification.received).toHaveLength(0);
  });

  it('PLT-03 when a valid token arrives then the service gets the same Authorization to check roles itself', async () => {
    const auth = bearerOf(gw.config, ['auditor']);
    const res = await gw.app.inject({ url: '/api/v1/discipline/cases', headers: auth });
    expect(res.statusCode).toBe(200);
    expect(gw.services.discipline.received.at(-1)!.headers.authorization).toBe(auth.authorization);
  });

  it('PLT-03 when the credentials are another scheme or an incomplete signature then 401 problem', async () => {
    for (const headers of [
      { authorization: 'Basic dXNlcjpwYXNz' },
      { 'x-key-id': 'bank-1' },
      { 'x-key-id': 'bank-1', 'x-signature': 'ab' },
    ]) {
      const res = await gw.app.inject({ method: 'POST', url: '/api/v1/folio/recaudo/deposits', headers, payload: '{}' });
      expect(res.statusCode).toBe(401);
    }
  });

  it('PLT-03 when a bank sends an HMAC-signed request then it passes with the raw body byte for byte', async () => {
    // Odd spacing, key order and non-ASCII: any re-serialisation would break the signature.
    const body = '{ "reference":"00042",\n  "amount" : 150000.0, "depositor":"Nuñez" }';
    const key = { keyId: 'bank-1', secret: 'bank-secret-of-some-length' };
    const url = '/api/v1/folio/recaudo/deposits';
    const res = await gw.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json; charset=utf-8', ...signedHeaders(key, { method: 'POST', path: url, body }) },
      payload: Buffer.from(body),
    });
    expect(res.statusCode).toBe(200);
    const got = gw.services.folio.received.at(-1)!;
    expect(got.body.equals(Buffer.from(body))).toBe(true);
    expect(got.headers['content-type']).toBe('application/json; charset=utf-8');
    const verdict = verifySignature(parseHmacKeys(`bank-1:bank:${key.secret}`), got);
    expect(verdict.ok).toBe(true);
  });
});

describe('PLT-03 machine clients: the gateway verifies HMAC signatures itself', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(async () => gw.close());

  const url = '/api/v1/folio/recaudo/deposits';
  const body = '{"operationNumber":"000123","amount":150000}';
  const post = (headers: Record<string, string>, payload: string | Buffer = body, path = url) =>
    gw.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/json', 'accept-language': 'en', ...headers },
      payload,
    });
  const signed = (over: Partial<{ method: string; path: string; body: string }> = {}, now?: number) =>
    signedHeaders(BANK_1, { method: 'POST', path: url, body, ...over }, now);
  const reached = () => gw.services.folio.received.filter((r) => r.url.startsWith(url)).length;

  it('PLT-03 when HMAC headers are forged then 401 at the gateway and the service never sees the request', async () => {
    const before = reached();
    const forged: [string, Record<string, string>, string?][] = [
      ['another secret', signedHeaders({ ...BANK_1, secret: 'not-the-bank-secret' }, { method: 'POST', path: url, body })],
      ['tampered body', signed(), body.replace('150000', '950000')],
      ['signed for another path', signed({ path: '/api/v1/folio/recaudo/deposits?x=1' })],
      ['signed for another method', signed({ method: 'PUT' })],
      ['unknown key', signedHeaders({ keyId: 'bank-99', secret: BANK_1.secret }, { method: 'POST', path: url, body })],
      ['stale timestamp', signed({}, Date.now() - 6 * 60_000)],
      ['no nonce', Object.fromEntries(Object.entries(signed()).filter(([k]) => k !== 'x-nonce'))],
    ];
    for (const [what, headers, payload] of forged) {
      const res = await post(headers, payload);
      expect([what, res.statusCode, res.json().rule]).toEqual([what, 401, 'PLT-03']);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(reached()).toBe(before);
    // The real one passes, so the refusals above were about the forgery.
    expect((await post(signed())).statusCode).toBe(200);
    expect(reached()).toBe(before + 1);
  });

  it('PLT-03 when a signed request is replayed then the copy is refused, also with its signature in upper case', async () => {
    const headers = signed();
    const before = reached();
    expect((await post(headers)).statusCode).toBe(200);
    const again = await post(headers);
    expect(again.statusCode).toBe(401);
    expect(again.json().detail).toMatch(/already used/);
    const upper = await post({ ...headers, 'x-signature': headers['x-signature']!.toUpperCase() });
    expect(upper.statusCode).toBe(401);
    expect(reached()).toBe(before + 1);
    // Sending the same body again with a new nonce is a new request, not a replay.
    expect((await post(signed())).statusCode).toBe(200);
  });

  it('PLT-03 when the timestamp is more than 30 s in the future then 401; within 30 s it passes', async () => {
    const ahead = await post(signed({}, Date.now() + 45_000));
    expect(ahead.statusCode).toBe(401);
    expect(ahead.json().detail).toMatch(/future/);
    expect((await post(signed({}, Date.now() + 20_000))).statusCode).toBe(200);
  });

  it('PLT-03 when a valid signature has trailing garbage or is not 64 hex digits then 401', async () => {
    const before = reached();
    const headers = signed();
    for (const signature of [
      `${headers['x-signature']}zz`,
      `${headers['x-signature']}00`,
      headers['x-signature']!.slice(0, 62),
      ` ${headers['x-signature']}`,
    ]) {
      const res = await post({ ...headers, 'x-signature': signature });
      expect([signature, res.statusCode]).toEqual([signature, 401]);
      expect(res.json().detail).toMatch(/malformed/);
    }
    expect(reached()).toBe(before);
  });

  it('PLT-03 when the body is not JSON then the signature still covers its raw bytes', async () => {
    const file = Buffer.from('01 header\r\n06 detail ñ\r\n09 end\r\n', 'latin1');
    const headers = { 'content-type': 'text/plain', ...signedHeaders(BANK_1, { method: 'POST', path: url, body: file }) };
    expect((await post(headers, file)).statusCode).toBe(200);
    expect(gw.services.folio.received.at(-1)!.body.equals(file)).toBe(true);
    const tampered = Buffer.from(file);
    tampered[3] = 0x48;
    const fresh = { 'content-type': 'text/plain', ...signedHeaders(BANK_1, { method: 'POST', path: url, body: file }) };
    const res = await post(fresh, tampered);
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toMatch(/bad signature/);
  });
});

describe('PLT-03 machine clients with Redis down', () => {
  it('PLT-03 when the nonce store cannot be asked then a signed request is a 503 problem and never forwarded', async () => {
    const gw = await startGateway({ REDIS_URL: (await deadUrl()).replace('http', 'redis') });
    try {
      const url = '/api/v1/folio/recaudo/deposits';
      const headers = { 'content-type': 'application/json', ...signedHeaders(BANK_1, { method: 'POST', path: url, body: '{}' }) };
      const res = await gw.app.inject({ method: 'POST', url, headers, payload: '{}' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 503, rule: 'PLT-03' });
      expect(gw.services.folio.received).toHaveLength(0);
    } finally {
      await gw.close();
    }
  });
});
