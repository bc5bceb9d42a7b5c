import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { mintToken, signedHeaders } from '../platform';
import { NATIONAL_ROLES, ROLES, type Role } from '../roles';
import { fuzzedHeaders, fuzzedRequests, injectOf, takesInput, type RouteCall, type Signer } from './routes.fuzz';
import { documentedRoutes, type DocumentedRoute } from './routes.schema';
import { databaseSnapshot } from './snapshot';
import { bearer, tokenFor } from './tokens';

/** Asserts a problem+json answer of the status (or any 4xx), naming the call in the failure. */
export function expectProblem(res: LightMyRequestResponse, status: number | 'client', what: string): Record<string, unknown> {
  const context = `${what} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  if (status === 'client') expect([context, res.statusCode >= 400 && res.statusCode < 500]).toEqual([context, true]);
  else expect([context, res.statusCode]).toEqual([context, status]);
  expect([context, res.headers['content-type']]).toEqual([context, expect.stringMatching(/^application\/problem\+json/)]);
  const problem = res.json();
  expect(problem).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status: res.statusCode,
    detail: expect.any(String),
  });
  return problem;
}

/** Each route's `x-rules` as the committed `openapi/<service>.json` documents them, by "METHOD /path". */
export function committedRules(service: string): Map<string, string[]> {
  const file = resolve(__dirname, '../../../../openapi', `${service}.json`);
  const doc = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { paths?: Record<string, Record<string, any>> }) : {};
  const out = new Map<string, string[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item))
      if (Array.isArray(op['x-rules'])) out.set(`${method.toUpperCase()} ${path}`, op['x-rules']);
  }
  return out;
}

/** fc.assert, with the huge fuzzed strings folded in its report ("Ñ×70000"). */
export async function assertTrimmed(property: fc.IAsyncProperty<[unknown]>, numRuns: number): Promise<void> {
  try {
    await fc.assert(property, { numRuns });
  } catch (err) {
    const e = err as Error & { cause?: Error };
    throw new Error(`${e.message}\n${e.cause?.message ?? ''}`.replace(/(.)\1{40,}/gsu, (run: string, ch: string) => `${ch}×${run.length}`));
  }
}

/** A route's own role that is scoped to establishments (not national), else its first role. */
export const localRole = (r: DocumentedRoute): Role => (r.roles.find((x) => !NATIONAL_ROLES.includes(x as Role)) ?? r.roles[0]) as Role;

/** What a service's route sweep needs: its world, a valid call of every route, and what is special about its routes. */
export interface RouteSweep<F, W extends { app: FastifyInstance; fixtures: F; stop: () => Promise<void> }> {
  /** The service as documented under /api/v1/<service>/. */
  service: string;
  /** The service with the data every call refers to (the "home" establishment and another one). */
  start: () => Promise<W>;
  /** A valid call of every documented route; called once with `placeholder` to name the tests, then with the real fixtures. */
  calls: (fixtures: F) => Record<string, RouteCall>;
  placeholder: F;
  /** Routes anyone may call without a token (a public calendar), each with why: no roles, nothing personal in the answer. */
  publicRoutes?: Record<string, string>;
  /** Routes only the national DG decides, with the rule any other caller's 403 must name (one of the route's `x-rules`). */
  nationalOnly?: Record<string, string>;
  /**
   * Who is refused as "acting for another establishment": every role of the route with a token
   * narrowed to the other establishment, national roles too (`'every-role-narrowed'`), or only
   * the roles scoped to establishments (`'local-roles'`, national roles keep national tokens).
   */
  crossEstablishment: 'every-role-narrowed' | 'local-roles';
  /** HMAC routes (machine clients): how a valid request is signed and what each must refuse. Without it, no route may be a machine route. */
  machine?: { sign: Signer; refusals: (app: FastifyInstance, r: DocumentedRoute, c: RouteCall) => Promise<void> };
  /** The establishment the calls act in, and another one (default 113 and 114). */
  home?: string;
  other?: string;
  /** How the sweep says what it fuzzes in the titles (default "bodies, parameters and headers"). */
  fuzzes?: string;
  /** The state that must not change (default: every table of the service's schema). */
  snapshot?: (world: W) => Promise<unknown>;
  /** fast-check runs per route (default SWEEP_RUNS or 20). */
  runs?: number;
}

/**
 * PLT-03, PLT-04, PLT-18 for one service: every route its OpenAPI documents is called, refuses
 * callers without credentials, without the role, or acting for another establishment (and,
 * where only the DG decides, every caller without national scope), and answers fuzzed bodies,
 * parameters and headers with a 4xx problem — and none of it changes the database. Call it at
 * the top level of a test file.
 */
export function describeRouteSweep<F, W extends { app: FastifyInstance; fixtures: F; stop: () => Promise<void> }>(
  o: RouteSweep<F, W>,
): void {
  const home = o.home ?? '113';
  const other = o.other ?? '114';
  const runs = o.runs ?? Number(process.env.SWEEP_RUNS ?? 20);
  const nationalOnly = o.nationalOnly ?? {};
  const open = o.publicRoutes ?? {};
  const keys = Object.keys(o.calls(o.placeholder));
  // The titles name each route's rules as its committed OpenAPI document does (`x-rules`): jest
  // names the tests before the service starts; the first test checks the document against the code.
  const committed = committedRules(o.service);
  const ruleOf = (key: string) => committed.get(key)?.join(' ') ?? `(no x-rules in openapi/${o.service}.json)`;

  let world: W;
  let routes: Map<string, DocumentedRoute>;
  let table: Record<string, RouteCall>;
  const snapshot = () => (o.snapshot ? o.snapshot(world) : databaseSnapshot(world.app.db));
  beforeAll(async () => {
    world = await o.start();
    routes = new Map(documentedRoutes(world.app, o.service).map((r) => [r.key, r]));
    table = o.calls(world.fixtures);
  }, 60_000);
  afterAll(async () => world?.stop());

  /** A token of one role scoped to these establishments only, never national (a DG or auditor narrowed too). */
  const narrowed = (role: string, erons: string[]) => ({
    authorization: `Bearer ${tokenFor([role as Role], erons, `sweep-${role}-${erons.join('+')}`, false)}`,
  });

  async function staffRefusals(r: DocumentedRoute, c: RouteCall): Promise<void> {
    const send = (headers: Record<string, string>) =>
      world.app.inject(injectOf(r, { ...c, query: Object.entries(c.query ?? {}) }, headers));
    const foreign = mintToken('not-the-service-key-not-the-service-key', 'eron-dev', { sub: 'x', roles: [localRole(r)], erons: [home] });
    for (const [what, headers] of [
      ['no token', {}],
      ['not a JWT', { authorization: 'Bearer not.a.jwt' }],
      ['token signed by another key', { authorization: `Bearer ${foreign}` }],
      ['Basic auth', { authorization: 'Basic dXNlcjpwYXNz' }],
    ] as const) {
      expectProblem(await send(headers), 401, `${r.key} ${what}`);
    }
    for (const role of ROLES.filter((x) => !r.roles.includes(x))) {
      expectProblem(await send(bearer([role], [home])), 403, `${r.key} as ${role}`);
    }
    const rule = nationalOnly[r.key];
    if (rule) {
      for (const role of r.roles) {
        const problem = expectProblem(await send(narrowed(role, [home])), 403, `${r.key} as ${role} of ${home} without national scope`);
        expect([r.key, role, problem.rule]).toEqual([r.key, role, rule]);
      }
    }
    if (c.unscoped) return;
    if (o.crossEstablishment === 'every-role-narrowed') {
      for (const role of r.roles) expectProblem(await send(narrowed(role, [other])), 403, `${r.key} as ${role} of ${other}`);
    } else {
      for (const role of r.roles.filter((x) => !NATIONAL_ROLES.includes(x as Role))) {
        expectProblem(await send(bearer([role as Role], [other])), 403, `${r.key} as ${role} of ${other}`);
      }
    }
  }

  it(`PLT-18 PLT-02 the sweep covers every route the ${o.service} OpenAPI documents, each with its roles, its rules and a closed body`, () => {
    const documented = [...routes.keys()];
    expect({ 'documented routes without a sweep call': documented.filter((k) => !keys.includes(k)).sort() }).toEqual({
      'documented routes without a sweep call': [],
    });
    expect({ 'sweep calls of no documented route': keys.filter((k) => !routes.has(k)).sort() }).toEqual({
      'sweep calls of no documented route': [],
    });
    for (const r of routes.values()) {
      expect([r.key, r.roles.length > 0 || r.key in open]).toEqual([r.key, true]);
      // x-rules: declared, as committed in openapi/ (the titles read them there), naming the DG-only refusal's rule.
      expect([r.key, r.rules.length > 0]).toEqual([r.key, true]);
      expect([r.key, r.rules]).toEqual([r.key, committed.get(r.key) ?? 'not in the committed document: pnpm openapi:generate']);
      if (nationalOnly[r.key]) expect([r.key, r.rules]).toEqual([r.key, expect.arrayContaining([nationalOnly[r.key]])]);
      if (!o.machine) expect([r.key, r.machine]).toEqual([r.key, false]);
      if (r.body) expect([r.key, r.body.additionalProperties]).toEqual([r.key, false]);
    }
  });

  describe.each(keys)('%s', (key) => {
    const rule = ruleOf(key);
    const scope = nationalOnly[key] ? ', acts for another establishment or is not the national DG' : ' or acts for another establishment';
    const refusal =
      key in open
        ? `when called without a token then answered (public: ${open[key]}) and nothing changes`
        : `when the caller has no credentials, lacks the role${scope} then 401/403 and nothing changes`;
    it(`PLT-03 ${rule} ${refusal}`, async () => {
      const r = routes.get(key);
      const c = table[key]!;
      expect([key, r !== undefined]).toEqual([key, true]);
      const before = await snapshot();
      if (key in open) {
        // A public route: no token needed, and a token is neither required nor trusted.
        expect([
          key,
          r!.roles,
          (await world.app.inject(injectOf(r!, { ...c, query: Object.entries(c.query ?? {}) }, {}))).statusCode,
        ]).toEqual([key, [], 200]);
      } else await (r!.machine ? o.machine!.refusals(world.app, r!, c) : staffRefusals(r!, c));
      expect(await snapshot()).toEqual(before);
    });

    it(`PLT-18 PLT-04 ${rule} when ${o.fuzzes ?? 'bodies, parameters and headers'} are fuzzed then 4xx problem naming the field, never 5xx, nothing changes`, async () => {
      const r = routes.get(key);
      const c = table[key]!;
      expect([key, r !== undefined]).toEqual([key, true]);
      // The caller who may act here: a machine client's signature, the national DG where only the DG decides, else a staff role of home.
      const auth = r!.machine ? o.machine!.sign : key in open ? {} : nationalOnly[key] ? bearer(['dg']) : bearer([localRole(r!)], [home]);
      const before = await snapshot();
      if (!takesInput(r!, c)) {
        // Nothing to break but the headers: a valid request, so any answer but a 5xx (a problem if it is an error).
        await assertTrimmed(
          fc.asyncProperty(fuzzedHeaders, async (headers) => {
            const res = await world.app.inject(injectOf(r!, { ...c, query: [], headers }, auth));
            if (res.statusCode >= 400) expectProblem(res, 'client', `${key} headers ${JSON.stringify(headers)}`);
          }),
          runs,
        );
        expect(await snapshot()).toEqual(before);
        return;
      }
      await assertTrimmed(
        fc.asyncProperty(fuzzedRequests(r!, c), async (f) => {
          const res = await world.app.inject(injectOf(r!, f, auth));
          const problem = expectProblem(res, 'client', `${key} ${f.what}`);
          if (res.statusCode === 400 && f.names && Array.isArray(problem.errors)) {
            const fields = (problem.errors as { field: string }[]).map((e) => e.field);
            expect([f.what, fields.some((x) => x.startsWith(f.names!))]).toEqual([f.what, true]);
          }
        }),
        runs,
      );
      expect(await snapshot()).toEqual(before);
    });
  });
}

/**
 * What every HMAC route refuses (PLT-03): no signature, a wrong secret, a stale timestamp, a body
 * changed after signing, an unknown key, a staff token (401), and a correctly signed request of a
 * machine client the route is not for (403).
 */
export async function expectMachineRefusals(
  app: FastifyInstance,
  r: DocumentedRoute,
  c: RouteCall,
  o: {
    client: { keyId: string; secret: string };
    otherClient: { keyId: string; secret: string };
    staff: { authorization: string };
    tamper: (raw: string) => string;
  },
): Promise<void> {
  // A machine route that takes a raw body (a bank file) is sent it as it is, signed over those bytes.
  const raw = c.raw ? String(c.raw.payload) : JSON.stringify(c.body);
  const contentType = c.raw?.contentType ?? 'application/json';
  const target = { method: r.method, path: r.path, body: raw };
  const send = (headers: Record<string, string>, payload = raw) =>
    app.inject({ method: r.method as 'POST', url: r.path, headers: { 'content-type': contentType, ...headers }, payload });
  expectProblem(await send({}), 401, 'no signature');
  expectProblem(await send(signedHeaders({ ...o.client, secret: 'wrong' }, target)), 401, 'bad signature');
  expectProblem(await send(signedHeaders(o.client, target, Date.now() - 6 * 60_000)), 401, 'stale timestamp');
  expectProblem(await send(signedHeaders(o.client, target), o.tamper(raw)), 401, 'tampered body');
  expectProblem(await send(signedHeaders({ ...o.client, keyId: 'unknown-key' }, target)), 401, 'unknown key');
  expectProblem(await send(o.staff), 401, 'staff token');
  expectProblem(await send(signedHeaders(o.otherClient, target)), 403, `signed by ${o.otherClient.keyId}`);
}
