import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { ROLES, type Role } from '@eron/shared';
import { mintToken } from '@eron/shared/platform';
import {
  assertTrimmed,
  bearer,
  documentedRoutes,
  expectProblem,
  localRole,
  fuzzedHeaders,
  fuzzedRequests,
  injectOf,
  takesInput,
  tokenFor,
  type DocumentedRoute,
} from '@eron/shared/testing';
import { calls, DG_ONLY, snapshot, startSweepWorld, type Call, type Fixtures } from './support/routes.world';

/**
 * PLT-03, PLT-04, PLT-18: every route the classification service documents in its OpenAPI refuses
 * callers without credentials, without the role, or acting for another establishment (and, where
 * the DG alone decides, every caller without national scope), and answers fuzzed bodies,
 * parameters and headers with a 4xx problem — and none of it changes the database.
 */
const FUZZ_RUNS = Number(process.env.SWEEP_RUNS ?? 20);

let app: FastifyInstance;
let stop: () => Promise<void>;
let routes: Map<string, DocumentedRoute>;
let table: Record<string, Call>;
beforeAll(async () => {
  const w = await startSweepWorld();
  ({ app, stop } = w);
  routes = new Map(documentedRoutes(app, 'classification').map((r) => [r.key, r]));
  table = calls(w.fixtures);
}, 60_000);
afterAll(async () => stop?.());

const placeholder: Fixtures = {
  nui: '',
  unitId: '',
  cellId: '',
  sessionId: '',
  cellChangeId: '',
  outgoingId: '',
  incomingId: '',
  motherNui: '',
  childRequestId: '',
  recipientId: '',
  notificationId: '',
};
const KEYS = Object.keys(calls(placeholder));

/** The CLS rule each route serves, for the test titles. */
const RULES: [RegExp, string][] = [
  [/roll-calls/, 'CLS-19'],
  [/establishments(\/\{code\}(\/categor(y|ies))?)?$/, 'CLS-01'],
  [/units|cells\//, 'CLS-02'],
  [/admissions/, 'CLS-03'],
  [/record\/confidential/, 'CLS-07'],
  [/record/, 'CLS-06'],
  [/board-sessions/, 'CLS-11'],
  [/induction/, 'CLS-12'],
  [/placements/, 'CLS-13'],
  [/occupancy/, 'CLS-16'],
  [/cell-change/, 'CLS-18'],
  [/transfers/, 'CLS-20'],
  [/exits|recaptures|escape-register/, 'CLS-21'],
  [/treatment/, 'CLS-22'],
  [/child-requests|children-turning-three/, 'CLS-17'],
  [/ppl\/\{nui\}$/, 'CLS-05'],
];
const ruleOf = (key: string) => DG_ONLY[key] ?? RULES.find(([re]) => re.test(key))?.[1] ?? 'CLS-05';

/** A token of one role scoped to these establishments only, never national (a DG or auditor narrowed too). */
const scoped = (role: string, erons: string[]) => ({
  authorization: `Bearer ${tokenFor([role as Role], erons, `sweep-${role}-${erons.join('+')}`, false)}`,
});

async function refusals(r: DocumentedRoute, c: Call): Promise<void> {
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
  const dgRule = DG_ONLY[r.key];
  if (dgRule) {
    for (const role of r.roles) {
      const problem = expectProblem(await send(scoped(role, ['113'])), 403, `${r.key} as ${role} of 113 without national scope`);
      expect([r.key, role, problem.rule]).toEqual([r.key, role, dgRule]);
    }
  }
  if (c.unscoped) return;
  for (const role of r.roles) {
    expectProblem(await send(scoped(role, ['114'])), 403, `${r.key} as ${role} of 114`);
  }
}

it('PLT-18 the sweep covers every route the classification OpenAPI documents, each with its roles and a closed body', () => {
  const documented = [...routes.keys()];
  expect({ 'documented routes without a sweep call': documented.filter((k) => !KEYS.includes(k)).sort() }).toEqual({
    'documented routes without a sweep call': [],
  });
  expect({ 'sweep calls of no documented route': KEYS.filter((k) => !routes.has(k)).sort() }).toEqual({
    'sweep calls of no documented route': [],
  });
  for (const r of routes.values()) {
    expect([r.key, r.machine, r.roles.length > 0]).toEqual([r.key, false, true]);
    if (r.body) expect([r.key, r.body.additionalProperties]).toEqual([r.key, false]);
  }
});

describe.each(KEYS)('%s', (key) => {
  const rule = ruleOf(key);
  it(`PLT-03 ${rule} when the caller has no credentials, lacks the role, acts for another establishment${DG_ONLY[key] ? ' or is not the national DG' : ''} then 401/403 and nothing changes`, async () => {
    const r = routes.get(key);
    const c = table[key]!;
    expect([key, r !== undefined]).toEqual([key, true]);
    const before = await snapshot(app);
    await refusals(r!, c);
    expect(await snapshot(app)).toEqual(before);
  });

  it(`PLT-18 PLT-04 ${rule} when bodies, parameters and headers are fuzzed then 4xx problem naming the field, never 5xx, nothing changes`, async () => {
    const r = routes.get(key);
    const c = table[key]!;
    expect([key, r !== undefined]).toEqual([key, true]);
    // The caller who may act here: the national DG where only the DG decides, else a staff role of 113.
    const auth = DG_ONLY[key] ? bearer(['dg']) : bearer([localRole(r!)], ['113']);
    const before = await snapshot(app);
    if (!takesInput(r!, c)) {
      // Nothing to break but the headers: a valid request, so any answer but a 5xx (a problem if it is an error).
      await assertTrimmed(
        fc.asyncProperty(fuzzedHeaders, async (headers) => {
          const res = await app.inject(injectOf(r!, { ...c, query: [], headers }, auth));
          if (res.statusCode >= 400) expectProblem(res, 'client', `${key} headers ${JSON.stringify(headers)}`);
        }),
        FUZZ_RUNS,
      );
      expect(await snapshot(app)).toEqual(before);
      return;
    }
    await assertTrimmed(
      fc.asyncProperty(fuzzedRequests(r!, c), async (f) => {
        const res = await app.inject(injectOf(r!, f, auth));
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
