import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { NATIONAL_ROLES, type Role } from '../roles';
import { refusedCases, validCases, type FuzzCase } from './fuzz.requests';
import { injectOf, type Fuzzed, type RouteCall, type Signer } from './routes.fuzz';
import { definitelyInvalid, routesOfDocument, type DocumentedRoute } from './routes.schema';
import { bearer } from './tokens';

/** What one fuzzed request got back over HTTP. */
export interface FuzzAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** The service behind the gateway, with the data its valid calls refer to. */
export interface FuzzWorld<F> {
  app: FastifyInstance;
  fixtures: F;
  stop: () => Promise<void>;
}

/** What a service's fuzz run needs: its world behind a gateway, a valid call of every route, and who may call them. */
export interface FuzzTarget<F, W extends FuzzWorld<F>> {
  service: string;
  start: () => Promise<W>;
  /** The gateway in front of the world's service (the fuzz goes where callers go). */
  edge: (world: W) => Promise<{ url: string; close: () => Promise<void> }>;
  calls: (fixtures: F) => Record<string, RouteCall>;
  /** Routes only the national DG decides. */
  nationalOnly?: string[];
  /** Routes anyone may read without a token. */
  publicRoutes?: string[];
  /** How a machine route's request is signed. */
  sign?: Signer;
  /** More schema-valid cases of a route (an Asobancaria file mutated field by field). */
  valid?: (key: string, fixtures: F) => fc.Arbitrary<Fuzzed>[];
  home?: string;
}

/** Cases per route: FUZZ_RUNS refused and a quarter as many schema-valid ones (default 4, the short run of the test command). */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 4);

const replay = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH } : {};

const fold = (s: string, max: number) => s.replace(/(.)\1{40,}/gsu, (run: string, ch: string) => `${ch}×${run.length}`).slice(0, max);

/** fc.check of one route, failing with what went wrong, the request, and the seed to replay it (FC_SEED, FC_PATH). */
async function checkRoute(key: string, property: fc.IAsyncProperty<[FuzzCase]>, numRuns: number): Promise<void> {
  const details = await fc.check(property, { numRuns, ...replay });
  if (!details.failed) return;
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  const request = fold(JSON.stringify(details.counterexample?.[0] ?? null), 1_500);
  throw new Error(
    `${key}: ${fold(error, 1_500)}\nRequest: ${request}\nReplay: FC_SEED=${details.seed} FC_PATH=${details.counterexamplePath ?? ''} FUZZ_RUNS=${numRuns} pnpm fuzz`,
  );
}

const fail = (what: string, f: FuzzCase, a: FuzzAnswer): never => {
  throw new Error(`${what}: ${f.what} → ${a.status} ${a.contentType} ${a.body.slice(0, 400)}`);
};

/** A 4xx must be an RFC 9457 problem naming its status (PLT-04). */
function expectProblem(f: FuzzCase, a: FuzzAnswer): void {
  if (!/^application\/problem\+json/.test(a.contentType)) fail('a 4xx that is not application/problem+json', f, a);
  const p = JSON.parse(a.body) as Record<string, unknown>;
  const ok = typeof p.type === 'string' && typeof p.title === 'string' && p.status === a.status && typeof p.detail === 'string';
  if (!ok) fail('a problem without type, title, status and detail', f, a);
}

/** A 2xx must be one the route documents, of a documented type, with a body its schema does not surely refuse. */
function expectSensible(r: DocumentedRoute, f: FuzzCase, a: FuzzAnswer): void {
  const documented = r.responses[String(a.status)];
  if (!documented) return fail(`an undocumented ${a.status}`, f, a);
  if (a.status === 204 || documented.types.length === 0) return;
  if (!documented.types.some((t) => a.contentType.startsWith(t))) fail(`a ${a.status} of an undocumented type`, f, a);
  if (documented.schema && a.contentType.startsWith('application/json') && definitelyInvalid(documented.schema, JSON.parse(a.body))) {
    fail(`a ${a.status} whose body breaks its documented schema`, f, a);
  }
}

function expectAnswer(r: DocumentedRoute, f: FuzzCase, a: FuzzAnswer): void {
  if (a.status >= 500) fail('a 5xx', f, a);
  if (f.refused && (a.status < 400 || (f.status !== undefined && a.status !== f.status)))
    fail(`not refused with ${f.status ?? '4xx'}`, f, a);
  if (a.status >= 400) expectProblem(f, a);
  else if (a.status >= 200 && a.status < 300) expectSensible(r, f, a);
}

const tablesOf = new WeakMap<object, string[]>();

/** Every table of the service's schema as one fingerprint per table, in one round trip (PLT-18 "changes nothing"). */
async function fingerprint(db: Kysely<any>): Promise<Record<string, string>> {
  let tables = tablesOf.get(db);
  if (!tables) {
    const { rows } = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`.execute(db);
    tables = rows.map((r) => r.name);
    tablesOf.set(db, tables);
  }
  const parts = tables.map(
    (name) => sql`SELECT ${name}::text AS name, count(*)::text AS n, md5(COALESCE(string_agg(t::text, '|' ORDER BY t::text), '')) AS h
      FROM ${sql.table(name)} t`,
  );
  const { rows } = await sql<{ name: string; n: string; h: string }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, `${r.n} rows ${r.h}`]));
}

/** Waits until the database stops changing (jobs and the outbox relay after an accepted request). */
async function settle(db: Kysely<any>): Promise<void> {
  let last = JSON.stringify(await fingerprint(db));
  for (let i = 0; i < 40; i += 1) {
    await new Promise((r) => setTimeout(r, 200));
    const next = JSON.stringify(await fingerprint(db));
    if (next === last) return;
    last = next;
  }
}

/** The committed OpenAPI document of a service, as its fuzz run reads it. */
export function committedRoutes(service: string): DocumentedRoute[] {
  const file = resolve(__dirname, '../../../../openapi', `${service}.json`);
  return routesOfDocument(JSON.parse(readFileSync(file, 'utf8')), service);
}

/**
 * PLT-18 for one service, through the gateway, driven by its committed `openapi/<service>.json`:
 * every operation gets requests broken on purpose (bodies, parameters, query strings, headers,
 * files) that must be refused with a 4xx problem and change nothing, then schema-valid generated
 * requests that may pass or be refused but never get a 5xx. Call it at the top level of a test file.
 */
export function describeFuzz<F, W extends FuzzWorld<F>>(o: FuzzTarget<F, W>): void {
  const routes = committedRoutes(o.service);
  const home = o.home ?? '113';
  let world: W;
  let edge: { url: string; close: () => Promise<void> };
  let table: Record<string, RouteCall>;
  beforeAll(async () => {
    world = await o.start();
    edge = await o.edge(world);
    table = o.calls(world.fixtures);
  }, 120_000);
  afterAll(async () => {
    await edge?.close();
    await world?.stop();
  });

  const authOf = (r: DocumentedRoute): Record<string, string> | Signer => {
    if (r.machine) return o.sign!;
    if (o.publicRoutes?.includes(r.key)) return {};
    if (o.nationalOnly?.includes(r.key)) return bearer(['dg']);
    return bearer([(r.roles.find((x) => !NATIONAL_ROLES.includes(x as Role)) ?? r.roles[0]) as Role], [home]);
  };

  async function send(r: DocumentedRoute, f: FuzzCase): Promise<FuzzAnswer> {
    const req = injectOf(r, f, f.anonymous ? {} : authOf(r));
    const res = await fetch(`${edge.url}${req.url as string}`, {
      method: req.method as string,
      headers: req.headers as Record<string, string>,
      ...(req.payload !== undefined ? { body: req.payload as string } : {}),
      redirect: 'manual',
    });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.text() };
  }

  it(`PLT-18 the fuzz run has a valid call of every operation openapi/${o.service}.json documents`, () => {
    const missing = routes.filter((r) => !(r.key in table)).map((r) => r.key);
    expect({ 'operations without a valid call': missing }).toEqual({ 'operations without a valid call': [] });
    if (routes.some((r) => r.machine)) expect(o.sign).toBeDefined();
  });

  describe.each(routes.map((r) => [r.key, r] as const))('%s', (key, r) => {
    it(`PLT-18 ${r.rules.join(' ')} when its body, parameters, query, headers or file are broken then a 4xx problem, never a 5xx, and nothing is stored`, async () => {
      const c = table[key]!;
      const before = await fingerprint(world.app.db);
      await checkRoute(
        key,
        fc.asyncProperty(refusedCases(r, c), async (f) => expectAnswer(r, f, await send(r, f))),
        FUZZ_RUNS,
      );
      expect(await fingerprint(world.app.db)).toEqual(before);
    });
  });

  describe.each(routes.map((r) => [r.key, r] as const))('%s', (key, r) => {
    it(`PLT-18 ${r.rules.join(' ')} when given schema-valid generated input then never a 5xx: a 4xx problem (nothing stored) or a documented 2xx`, async () => {
      const c = table[key]!;
      const before = await fingerprint(world.app.db);
      let accepted = 0;
      await checkRoute(
        key,
        fc.asyncProperty(validCases(r, c, o.valid?.(key, world.fixtures)), async (f) => {
          const a = await send(r, f);
          if (a.status < 400) accepted += 1;
          expectAnswer(r, f, a);
        }),
        Math.max(2, Math.ceil(FUZZ_RUNS / 4)),
      );
      if (accepted === 0) expect(await fingerprint(world.app.db)).toEqual(before);
      else await settle(world.app.db);
    });
  });
}

/** fast-check itself, for fuzz runs outside the packages that depend on it (tests/fuzz). */
export { fc };
