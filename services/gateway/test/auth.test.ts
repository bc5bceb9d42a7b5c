import { mintToken, parseHmacKeys, signedHeaders, verifySignature } from '@eron/shared/platform';
import { bearerOf, startGateway, type TestGateway } from './helper';

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
    const res = await gw.app.inject({
      method: 'POST',
      url: '/api/v1/folio/recaudo/deposits',
      headers: { 'content-type': 'application/json; charset=utf-8', ...signedHeaders(key, body) },
      payload: Buffer.from(body),
    });
    expect(res.statusCode).toBe(200);
    const got = gw.services.folio.received.at(-1)!;
    expect(got.body.equals(Buffer.from(body))).toBe(true);
    expect(got.headers['content-type']).toBe('application/json; charset=utf-8');
    const verdict = verifySignature(parseHmacKeys(`bank-1:bank:${key.secret}`), got.headers, got.body);
    expect(verdict.ok).toBe(true);
  });
});
