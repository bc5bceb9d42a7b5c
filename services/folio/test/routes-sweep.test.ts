import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { NATIONAL_ROLES, ROLES, type Role } from '@eron/shared';
import { mintToken, signedHeaders } from '@eron/shared/platform';
import {
  assertTrimmed,
  bearer,
  documentedRoutes,
  expectProblem,
  fuzzedRequests,
  injectOf,
  localRole,
  type DocumentedRoute,
  type SignedTarget,
} from '@eron/shared/testing';
import { BANK, calls, PHONE, snapshot, startSweepWorld, type Call } from './support/routes.world';

/**
 * PLT-03, PLT-04, PLT-18: every route the folio service documents in its OpenAPI refuses callers
 * without credentials, without the role, or acting for another establishment, and answers fuzzed
 * bodies, parameters, headers and files with a 4xx problem — and none of it changes the database.
 */
const FUZZ_RUNS = Number(process.env.SWEEP_RUNS ?? 20);

let app: FastifyInstance;
let stop: () => Promise<void>;
let routes: Map<string, DocumentedRoute>;
let table: Record<string, Call>;
beforeAll(async () => {
  const w = await startSweepWorld();
  ({ app, stop } = w);
  routes = new Map(documentedRoutes(app, 'folio').map((r) => [r.key, r]));
  table = calls(w.fixtures);
}, 60_000);
afterAll(async () => stop());

const placeholder = { nui: '1000001', productId: '', useTx: '', depositorId: '', payoutId: '', settlementId: '' };
const KEYS = Object.keys(calls(placeholder));

/** The FOL rule each route serves, for the test titles. */
const RULES: [RegExp, string][] = [
  [/depositors/, 'FOL-05'],
  [/recaudo\/(deposits|files)/, 'FOL-06'],
  [/limits/, 'FOL-03'],
  [/caps$/, 'FOL-07'],
  [/shops|purchases/, 'FOL-09'],
  [/withdrawals/, 'FOL-08'],
  [/reversal/, 'FOL-02'],
  [/phone/, 'FOL-10'],
  [/savings|work-payments/, 'FOL-11'],
  [/seizures/, 'FOL-12'],
  [/exit-settlements|payouts/, 'FOL-14'],
  [/settlements\//, 'FOL-15'],
  [/statement/, 'FOL-16'],
  [/reconciliation|establishments/, 'FOL-17'],
  [/accounts\/\{nui\}$/, 'FOL-01'],
];
const ruleOf = (key: string) => RULES.find(([re]) => re.test(key))?.[1] ?? 'FOL-01';

async function refusalsOfStaffRoute(r: DocumentedRoute, c: Call): Promise<void> {
  const send = (headers: Record<string, string>) => app.inject(injectOf(r, { ...c, query: Object.entries(c.query ?? {}) }, headers));
  const foreign = mintToken('not-the-service-key-not-the-service-key', 'eron-dev', { sub: 'x', roles: [localRole(r)], erons: ['113'] });
  for (const [what, headers] of [
    ['no token', {}],
    ['not a JWT', { authorization: 'Bearer not.a.jwt' }],
    ['token signed by another key', { authorization: `Bearer ${foreign}` }],
    ['Basic auth', { authorization: 'Basic dXNlcjpwYXNz' }],
  ] as const) {
    expectProblem(await send(headers), 401, `${r.key} ${what}`);
  }
  for (const role of ROLES.filter((x) => !r.roles.includes(x))) {
    expectProblem(await send(bearer([role], ['113'])), 403, `${r.key} as ${role}`);
  }
  if (c.unscoped) return;
  for (const role of r.roles.filter((x) => !NATIONAL_ROLES.includes(x as Role))) {
    expectProblem(await send(bearer([role as Role], ['114'])), 403, `${r.key} as ${role} of 114`);
  }
}

async function refusalsOfMachineRoute(r: DocumentedRoute, c: Call): Promise<void> {
  const raw = JSON.stringify(c.body);
  const signed = { method: r.method, path: r.path, body: raw };
  const send = (headers: Record<string, string>, payload = raw) =>
    app.inject({ method: r.method as 'POST', url: r.path, headers: { 'content-type': 'application/json', ...headers }, payload });
  expectProblem(await send({}), 401, 'no signature');
  expectProblem(await send(signedHeaders({ ...BANK, secret: 'wrong' }, signed)), 401, 'bad signature');
  expectProblem(await send(signedHeaders(BANK, signed, Date.now() - 6 * 60_000)), 401, 'stale timestamp');
  expectProblem(await send(signedHeaders(BANK, signed), raw.replace('10000', '90000')), 401, 'tampered body');
  expectProblem(await send(signedHeaders({ ...BANK, keyId: 'unknown-key' }, signed)), 401, 'unknown key');
  expectProblem(await send(bearer(['paymaster', 'dg'], ['113'])), 401, 'staff token');
  expectProblem(await send(signedHeaders(PHONE, signed)), 403, 'signed by the telephony provider');
}

it('PLT-18 the sweep covers every route the folio OpenAPI documents, each with its security and roles', () => {
  expect([...routes.keys()].sort()).toEqual([...KEYS].sort());
  for (const r of routes.values()) {
    expect([r.key, r.roles.length > 0]).toEqual([r.key, true]);
    if (r.body) expect([r.key, r.body.additionalProperties]).toEqual([r.key, false]);
  }
});

describe.each(KEYS)('%s', (key) => {
  const rule = ruleOf(key);
  it(`PLT-03 ${rule} when the caller has no credentials, lacks the role, or acts for another establishment then 401/403 and nothing changes`, async () => {
    const r = routes.get(key)!;
    const c = table[key]!;
    const before = await snapshot(app);
    await (r.machine ? refusalsOfMachineRoute(r, c) : refusalsOfStaffRoute(r, c));
    expect(await snapshot(app)).toEqual(before);
  });

  it(`PLT-18 PLT-04 ${rule} when bodies, parameters, headers and files are fuzzed then 4xx problem naming the field, never 5xx, nothing changes`, async () => {
    const r = routes.get(key)!;
    const c = table[key]!;
    const auth = r.machine
      ? (body: string | Buffer, to: SignedTarget) => signedHeaders(BANK, { ...to, body })
      : bearer([localRole(r)], ['113']);
    const before = await snapshot(app);
    await assertTrimmed(
      fc.asyncProperty(fuzzedRequests(r, c), async (f) => {
        const res = await app.inject(injectOf(r, f, auth));
        const problem = expectProblem(res, 'client', `${key} ${f.what}`);
        if (res.statusCode === 400 && f.names && Array.isArray(problem.errors)) {
          const fields = (problem.errors as { field: string }[]).map((e) => e.field);
          expect([f.what, fields.some((x) => x.startsWith(f.names!))]).toEqual([f.what, true]);
        }
      }),
      FUZZ_RUNS,
    );
    expect(await snapshot(app)).toEqual(before);
  });
});
