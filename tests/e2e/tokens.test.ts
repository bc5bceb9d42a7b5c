import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { resolve } from 'node:path';
import { createTokenVerifier, DEV_JWT_SECRET, loadConfig, NoExtra } from '@eron/shared/platform';
import { bearer, uniqueSuffix } from '@eron/shared/testing';
import { admissionRequest } from '../../services/classification/test/admission.factory';
import { loadClassificationConfig } from '../../services/classification/src/config';
import { loadGatewayConfig } from '../../services/gateway/src/config';
import { DEV_TELEPHONY_SECRET, loadFolioConfig } from '../../services/folio/src/config';
import { api } from '../support/client';
import { startSuite, type RunningSuite } from '../support/suite';

const root = resolve(__dirname, '../..');

/** Every loader a process boots with: a service's and the gateway's. `JWT_SECRET: ''` = not set. */
const loaders = {
  service: (env: Record<string, unknown>) => loadConfig(NoExtra, { JWT_SECRET: '', JWT_JWKS_URL: '', ...env }),
  classification: (env: Record<string, unknown>) => loadClassificationConfig({ JWT_SECRET: '', JWT_JWKS_URL: '', ...env }),
  gateway: (env: Record<string, unknown>) => loadGatewayConfig({ JWT_SECRET: '', JWT_JWKS_URL: '', ...env }),
};

/** Boots a real server process with `env` on top of this one's; resolves with its exit code and output. */
function boot(server: string, env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', server, ...args], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'silent', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('error', fail);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

describe('PLT-03 the built-in development key', () => {
  it('PLT-03 when NODE_ENV=production then services and the gateway refuse the dev key, given or by default, with a message saying what to set', () => {
    for (const load of Object.values(loaders)) {
      for (const JWT_SECRET of [DEV_JWT_SECRET, '']) {
        expect(() => load({ NODE_ENV: 'production', HOST: '127.0.0.1', JWT_SECRET })).toThrow(
          /PLT-03: .*development key.*NODE_ENV=production.*JWT_JWKS_URL.*JWT_SECRET/,
        );
      }
      const own = load({ NODE_ENV: 'production', HOST: '0.0.0.0', JWT_SECRET: `deployment-secret-${uniqueSuffix()}` });
      expect(own.JWT_SECRET).not.toBe(DEV_JWT_SECRET);
      expect(
        load({ NODE_ENV: 'production', HOST: '0.0.0.0', JWT_JWKS_URL: 'https://idp.example.gov.co/jwks.json' }).JWT_SECRET,
      ).toBeUndefined();
    }
  });

  it('PLT-03 when a service or the gateway listens on a non-loopback address then the dev key is refused whatever JWT_SECRET says; on loopback it is the local default', () => {
    for (const load of Object.values(loaders)) {
      for (const HOST of ['0.0.0.0', '::', '10.20.30.40', 'eron.example.gov.co']) {
        for (const JWT_SECRET of [DEV_JWT_SECRET, '']) {
          expect(() => load({ NODE_ENV: 'development', HOST, JWT_SECRET })).toThrow(
            new RegExp(`PLT-03: .*HOST=${HOST} is not a loopback address`),
          );
        }
      }
      for (const HOST of ['127.0.0.1', '::1', 'localhost']) {
        expect(load({ NODE_ENV: 'development', HOST }).JWT_SECRET).toBe(DEV_JWT_SECRET);
      }
    }
    // Settings that never went through loadConfig (a hand-built config) are refused as well.
    const settings = { NODE_ENV: 'test', HOST: '0.0.0.0', JWT_SECRET: DEV_JWT_SECRET, JWT_ISSUER: 'eron-dev', JWT_AUDIENCE: 'eron' };
    expect(() => createTokenVerifier(settings)).toThrow(/PLT-03/);
    expect(() => createTokenVerifier({ ...settings, HOST: '127.0.0.1', NODE_ENV: 'production' })).toThrow(/PLT-03/);
  });

  it('PLT-03 when folio runs in production or off loopback then the development telephony secret is refused, given or by default', () => {
    const own = { JWT_SECRET: `deployment-secret-${uniqueSuffix()}` };
    for (const env of [
      { NODE_ENV: 'production', HOST: '127.0.0.1' },
      { NODE_ENV: 'development', HOST: '0.0.0.0' },
    ]) {
      for (const TELEPHONY_SECRET of [DEV_TELEPHONY_SECRET, '']) {
        expect(() => loadFolioConfig({ ...own, ...env, TELEPHONY_SECRET })).toThrow(
          /PLT-03: TELEPHONY_SECRET is the built-in development secret/,
        );
      }
      expect(loadFolioConfig({ ...own, ...env, TELEPHONY_SECRET: 'agreed-with-the-provider' }).TELEPHONY_SECRET).toBe(
        'agreed-with-the-provider',
      );
    }
    expect(loadFolioConfig({ NODE_ENV: 'development', HOST: '127.0.0.1' }).TELEPHONY_SECRET).toBe(DEV_TELEPHONY_SECRET);
  });

  it('PLT-03 when the gateway or a service process boots with the dev key on 0.0.0.0 or in production then it exits with the PLT-03 message', async () => {
    const gateway = await boot('services/gateway/src/server.ts', { HOST: '0.0.0.0', NODE_ENV: 'development', JWT_SECRET: DEV_JWT_SECRET });
    expect(gateway.code).not.toBe(0);
    expect(gateway.output).toMatch(/PLT-03: JWT_SECRET is the built-in development key.*HOST=0\.0\.0\.0/);
    const service = await boot('services/classification/src/server.ts', { HOST: '127.0.0.1', NODE_ENV: 'production', JWT_SECRET: '' });
    expect(service.code).not.toBe(0);
    expect(service.output).toMatch(/PLT-03: Neither JWT_JWKS_URL nor JWT_SECRET is set.*NODE_ENV=production/);
  }, 120_000);
});

describe('PLT-03 local tokens', () => {
  const claimsOf = (token: string) =>
    JSON.parse(Buffer.from(token.trim().split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
  const mint = async (...args: string[]) => {
    const run = await boot('scripts/token.ts', { HOST: '127.0.0.1', NODE_ENV: 'development', JWT_SECRET: '' }, args);
    expect(run.code).toBe(0);
    return claimsOf(run.output);
  };

  it('PLT-03 when `pnpm token` runs twice without --sub then each token has its own subject, and every token carries exp, iss and aud', async () => {
    const [a, b, named] = await Promise.all([
      mint('--role', 'dg'),
      mint('--role', 'dg'),
      mint('--role', 'director', '--eron', '113', '--sub', 'ana'),
    ]);
    expect(a.sub).not.toBe(b.sub);
    expect(named.sub).toBe('ana');
    for (const claims of [a, b, named]) {
      expect(claims).toMatchObject({ iss: 'eron-dev', aud: 'eron', exp: expect.any(Number) });
    }
    await expect(createTokenVerifier(loaders.service({ HOST: '127.0.0.1', NODE_ENV: 'development' }))(jwt(named))).resolves.toMatchObject({
      sub: 'ana',
    });
  }, 120_000);
});

/** An HS256 JWT over exactly these claims, signed with `key`. */
function jwt(claims: Record<string, unknown>, key = DEV_JWT_SECRET): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
}

describe('PLT-03 and PLT-02 through the suite', () => {
  let suite: RunningSuite;
  beforeAll(async () => {
    suite = await startSuite();
  });
  afterAll(async () => suite.close());

  const now = () => Math.floor(Date.now() / 1000);
  const valid = () => ({
    sub: `dg-${uniqueSuffix()}`,
    roles: ['dg'],
    erons: [],
    national: true,
    iss: 'eron-dev',
    aud: 'eron',
    exp: now() + 600,
  });
  const without = (claim: string) => Object.fromEntries(Object.entries(valid()).filter(([k]) => k !== claim));
  const get = (base: string, token: string) =>
    api(base, { authorization: `Bearer ${token}`, 'accept-language': 'en' }).GET('/api/v1/classification/establishments');

  it('PLT-03 when a token lacks exp, iss or aud, or names another audience or issuer, then the gateway and the service answer 401', async () => {
    const bad = {
      'no exp': without('exp'),
      'no iss': without('iss'),
      'no aud': without('aud'),
      'another audience': { ...valid(), aud: 'another-deployment' },
      'another issuer': { ...valid(), iss: 'someone-else' },
    };
    for (const [what, claims] of Object.entries(bad)) {
      for (const base of [suite.url, suite.services.classification.url]) {
        const { response, error } = await get(base, jwt(claims));
        expect({ what, base, status: response.status }).toEqual({ what, base, status: 401 });
        expect(error?.rule).toBe('PLT-03');
      }
    }
    for (const base of [suite.url, suite.services.classification.url]) {
      expect((await get(base, jwt(valid()))).response.status).toBe(200);
      expect((await get(base, jwt({ ...valid(), aud: ['another-deployment', 'eron'] }))).response.status).toBe(200);
    }
  });

  it('PLT-02 when a caller sends an over-long or malformed request ID then the gateway and the service make their own, and the audit log stores that one', async () => {
    const admit = (requestId: string) =>
      api(suite.url, { ...bearer(['gate_officer'], ['113']), 'x-request-id': requestId }).POST('/api/v1/classification/admissions', {
        body: admissionRequest(),
      });
    for (const given of ['r'.repeat(4_000), 'r'.repeat(65), 'has spaces in it', '<script>x</script>', 'a/b', 'semi;colon']) {
      const { response: res, data } = await admit(given);
      expect(res.status).toBe(201);
      const id = res.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const { nui } = data!;
      const audit = await suite.services.classification.app.db
        .selectFrom('audit_log')
        .select('request_id')
        .where('action', '=', 'admit')
        .where('entity_id', '=', nui)
        .executeTakeFirstOrThrow();
      expect(audit.request_id).toBe(id);

      const direct = await api(suite.services.classification.url, { ...bearer(['dg']), 'x-request-id': given }).GET(
        '/api/v1/classification/ppl/{nui}',
        { params: { path: { nui: '0000000' } } },
      );
      const problem = direct.error as { requestId: string };
      expect(problem.requestId).not.toBe(given);
      expect(problem.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
    for (const given of ['r'.repeat(64), 'ops:trace.1_2-3', 'req-from-front-end-42']) {
      const { response: res } = await admit(given);
      expect(res.headers.get('x-request-id')).toBe(given);
    }
  });
});
