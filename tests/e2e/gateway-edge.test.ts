import { request } from 'node:http';
import { connect } from 'node:net';
import { bogotaToday } from '@eron/shared';
import { signedHeaders } from '@eron/shared/platform';
import { bearer } from '@eron/shared/testing';
import { asobancariaFile, type Payment } from '../../services/folio/test/support/asobancaria';
import { api } from '../support/client';
import { startSuite, type RunningSuite } from '../support/suite';

/**
 * The gateway's front door against the real services (PLT-02, PLT-03): signed bank notices,
 * bodies over a service's limit, `Expect: 100-continue` uploads and paths that try to climb out.
 */
const BANK = { keyId: 'e2e-bank', secret: 'e2e-bank-shared-secret' };
const HMAC_KEYS = `${BANK.keyId}:bank:${BANK.secret}`;
const NOTICES = '/api/v1/folio/recaudo/deposits';

let suite: RunningSuite;
beforeAll(async () => {
  suite = await startSuite({ folio: { HMAC_KEYS } }, { HMAC_KEYS });
});
afterAll(async () => suite.close());

let operation = 800_000 + Math.floor(Math.random() * 100_000);
const notice = () =>
  JSON.stringify({
    operationNumber: String((operation += 1)),
    nui: '9999999991',
    depositor: { type: 'CC', number: '52123456' },
    amount: 10_000,
    paidAt: new Date().toISOString(),
    bankCode: '007',
  });

const post = (url: string, headers: Record<string, string>, body: string | Buffer) =>
  fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(30_000) });

/** How many requests folio's own /metrics saw on the notice route (not through the gateway). */
async function noticesSeenByFolio(): Promise<number> {
  const text = await (await fetch(`${suite.services.folio.url}/metrics`)).text();
  return [...text.matchAll(/^http_request_duration_seconds_count\{([^}]*)\} (\d+)$/gm)]
    .filter(([, labels]) => labels!.includes(`route="${NOTICES}"`))
    .reduce((n, [, , count]) => n + Number(count), 0);
}

describe('PLT-03 bank notices through the gateway', () => {
  it('PLT-03 when a signed notice passes the gateway then folio verifies it again and books it; a replay is refused at the gateway and never reaches folio', async () => {
    const raw = notice();
    const headers = { 'content-type': 'application/json', ...signedHeaders(BANK, { method: 'POST', path: NOTICES, body: raw }) };
    const first = await post(`${suite.url}${NOTICES}`, headers, raw);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ result: 'rejected', reason: 'unknown_reference' });

    const seen = await noticesSeenByFolio();
    const replay = await post(`${suite.url}${NOTICES}`, { ...headers, 'accept-language': 'en' }, raw);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ rule: 'PLT-03', detail: expect.stringMatching(/already used/) });
    expect(await noticesSeenByFolio()).toBe(seen);

    // Defence in depth: sent straight to folio, the same signature is refused by folio's own store.
    const direct = await post(`${suite.services.folio.url}${NOTICES}`, { ...headers, 'accept-language': 'en' }, raw);
    expect(direct.status).toBe(401);
    expect(await direct.json()).toMatchObject({ detail: expect.stringMatching(/already used/) });
  });

  it('PLT-03 when a forged, future-dated or garbage-tailed signature is sent then the gateway answers 401 and folio sees nothing', async () => {
    const seen = await noticesSeenByFolio();
    const raw = notice();
    const at = (now: number) => signedHeaders(BANK, { method: 'POST', path: NOTICES, body: raw }, now);
    const good = at(Date.now());
    for (const headers of [
      signedHeaders({ ...BANK, secret: 'guessed' }, { method: 'POST', path: NOTICES, body: raw }),
      at(Date.now() + 60_000),
      { ...good, 'x-signature': `${good['x-signature']}zz` },
    ]) {
      const res = await post(`${suite.url}${NOTICES}`, { 'content-type': 'application/json', ...headers }, raw);
      expect(res.status).toBe(401);
    }
    expect(await noticesSeenByFolio()).toBe(seen);
  });

  it('PLT-03 PLT-04 when a signed notice is sent as text/plain then a short 415 problem, not a list of a Buffer’s properties', async () => {
    const raw = notice();
    const headers = {
      'content-type': 'text/plain',
      'accept-language': 'en',
      ...signedHeaders(BANK, { method: 'POST', path: NOTICES, body: raw }),
    };
    const res = await post(`${suite.url}${NOTICES}`, headers, raw);
    const text = await res.text();
    expect(res.status).toBe(415);
    expect(text.length).toBeLessThan(1_000);
    expect(JSON.parse(text)).toMatchObject({ status: 415, detail: expect.stringContaining('application/json') });
    expect(JSON.parse(text).errors).toBeUndefined();
  });
});

describe('PLT-02 bodies over a service’s limit through the gateway', () => {
  it('PLT-02 when 2 MB go to purchases or 26 MB to recaudo/files then 413 problem every time, never 502, and the connection serves the next call', async () => {
    const auth = bearer(['paymaster', 'shop_clerk'], ['113']);
    const purchase = Buffer.alloc(2 * 1024 * 1024, ' ');
    purchase.write('{"nui":"1000001","shop":"113","items":[]}');
    const file = Buffer.alloc(26 * 1024 * 1024, '0');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await post(
        `${suite.url}/api/v1/folio/purchases`,
        { ...auth, 'content-type': 'application/json', 'idempotency-key': `big-${i}-0123456789` },
        purchase,
      );
      statuses.push(res.status);
      expect((await res.json()) as object).toMatchObject({ status: 413 });
    }
    for (let i = 0; i < 2; i++) {
      const res = await post(`${suite.url}/api/v1/folio/recaudo/files`, { ...auth, 'content-type': 'text/plain' }, file);
      statuses.push(res.status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      await res.body?.cancel();
    }
    expect(statuses).toEqual([413, 413, 413, 413, 413, 413, 413]);
    const after = await api(suite.url, auth).GET('/api/v1/folio/accounts/{nui}', { params: { path: { nui: '1000001' } } });
    expect(after.response.status).toBe(404);
  });
});

/** As curl --data-binary @file does for bodies over 1 MB: `Expect: 100-continue`, the body after the 100. */
function curlLikeUpload(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; continued: boolean; json: any }> {
  return new Promise((resolve, reject) => {
    let continued = false;
    const req = request(url, { method: 'POST', headers: { ...headers, expect: '100-continue', 'content-length': String(body.length) } });
    req.on('continue', () => {
      continued = true;
      req.end(body);
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, continued, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.flushHeaders();
  });
}

describe('PLT-02 a paymaster uploads a bank file the way curl does', () => {
  it('PLT-02 FOL-06 when a 2 MB Asobancaria file is sent with Expect: 100-continue through the gateway then folio takes it whole', async () => {
    const payments: Payment[] = Array.from({ length: 13_000 }, (_, i) => ({
      nui: String(9_000_000 + i),
      pesos: 10_000,
      operation: String(i + 1),
    }));
    const text = asobancariaFile({ collectionDate: bogotaToday(), lots: [payments.slice(0, 6_500), payments.slice(6_500)] });
    const file = Buffer.from(text, 'latin1');
    expect(file.length).toBeGreaterThan(2 * 1024 * 1024);
    const res = await curlLikeUpload(
      `${suite.url}/api/v1/folio/recaudo/files`,
      { ...bearer(['paymaster'], ['113']), 'content-type': 'text/plain' },
      file,
    );
    expect(res).toMatchObject({ status: 202, continued: true, json: { totalRecords: 13_000 } });
  });
});

/** The request line exactly as written: no client tidies the path. */
function rawGet(base: string, target: string, headers: Record<string, string>): Promise<string> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      const lines = Object.entries({ host: 'localhost', connection: 'close', ...headers }).map(([k, v]) => `${k}: ${v}`);
      socket.write(`GET ${target} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
    });
    let answer = '';
    socket.setEncoding('latin1').on('data', (d: string) => (answer += d));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('PLT-02 PLT-03 nothing outside /api/v1/<service>/ through the gateway', () => {
  it("PLT-02 PLT-03 when a raw path climbs out with backslashes then 400 and folio's /metrics is not served", async () => {
    const auth = bearer(['dg']);
    for (const target of [
      '/api/v1/folio/x\\..\\..\\metrics',
      '/api/v1/folio/x\\..\\..\\..\\..\\metrics',
      '/api/v1/folio/%2e%2e/%2e%2e/%2e%2e/metrics',
    ]) {
      const answer = await rawGet(suite.url, target, auth);
      expect([target, answer.split(' ')[1]]).toEqual([target, '400']);
      expect(answer).not.toContain('process_cpu_user_seconds_total');
    }
  });
});
