/**
 * PLT-15: 10 000 concurrent booking attempts at one visit day of one establishment, for each of 30
 * seeds, over HTTP against the visits service as it runs for real (scripts/start.ts), through a
 * bounded keep-alive pool. Checks, per seed: every attempt answered (201, or a 4xx problem naming a
 * rule — no 5xx, no socket error, no timeout) and zero overbooking (places claimed ≤ capacity, the
 * booked persons equal the places claimed, bookings rows ≤ capacity, one row per 201). Baseline:
 * pgbench running the claim-places statement as the service issues it (bench/booking.pgbench.sql)
 * for as many attempts at an area of the same capacity, alternated with the candidate seed by seed
 * (odd rounds pgbench first), with the same client concurrency: as many HTTP sockets as pgbench
 * connections (default the service's pool, DB_POOL_MAX or 10). Prints throughput of both, medians
 * with min–max and the ratio taken seed by seed (target ≥ 50 %).
 * With `--instances N` the visits service runs as N processes on the one database (as N pods
 * would), the sockets spread over them; the default is one.
 * `--capacity N` gives every seed's area that capacity: 1 times the refusals alone, one above the
 * demand (say 50000) the bookings alone.
 * `pnpm bench:bookings [--seeds 30] [--attempts 10000] [--connections N] [--instances 1] [--capacity N]`.
 *
 * The directory (PPL placed in a unit, their listed visitors) is written straight into visits'
 * tables, in bulk, as bookings-load.test.ts does: feeding 300 000 PPL through admission events
 * would measure the event relay, not bookings. No regime is written: the legal terms apply.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { createDb } from '@eron/shared/platform';
import { bearer, databaseUrl as dbUrl, nextSaturday, seededRandom } from '@eron/shared/testing';
import { startServiceProcesses } from '../scripts/seed/processes';
import { fireWithWrk, hasWrk, type Answer } from './wrk';
import {
  BENCH_DB,
  BENCH_QUEUES,
  cpuMs,
  fmt,
  median,
  orderOf,
  ownCpuMs,
  pgbench,
  port,
  ratios,
  report,
  spread,
  startSuiteProcesses,
} from './support';

const { values: flags } = parseArgs({
  options: {
    seeds: { type: 'string', default: '30' },
    attempts: { type: 'string', default: '10000' },
    connections: { type: 'string', default: process.env.DB_POOL_MAX ?? '10' },
    instances: { type: 'string', default: '1' },
    capacity: { type: 'string' },
  },
});
const INSTANCES = Number(flags.instances);
/** One area capacity for every seed instead of 5–30 % of the attempts: 1 times the refusals alone, a capacity above the demand the bookings alone. */
const CAPACITY = flags.capacity === undefined ? undefined : Number(flags.capacity);
const SEEDS = Number(flags.seeds);
const ATTEMPTS = Number(flags.attempts);
/** HTTP sockets to the service and pgbench connections alike. */
const CONNECTIONS = Number(flags.connections);
const PORT_BASE = port(4300);
const VISITS_PORT = PORT_BASE + 4;
const TIMEOUT_MS = 120_000;
const ERON = '113';
const HEADERS = { 'content-type': 'application/json', ...bearer(['visits_officer'], [ERON]) };

type Db = ReturnType<typeof createDb<any>>;
interface Attempt {
  nui: string;
  date: string;
  areaId: string;
  visitorIds: string[];
}

/** One visit day: a unit, an area whose capacity is well below the demand, one PPL per attempt with 1–3 listed visitors. */
async function prepare(
  db: Db,
  round: number,
  random: () => number,
  date: string,
): Promise<{ areaId: string; capacity: number; attempts: Attempt[] }> {
  const capacity = CAPACITY ?? Math.max(1, Math.floor(ATTEMPTS * (0.05 + random() * 0.25)));
  const unitId = randomUUID();
  const areaId = randomUUID();
  await db.insertInto('units').values({ id: unitId, eron: ERON, session: 'morning' }).execute();
  await db
    .insertInto('areas')
    .values({ id: areaId, eron: ERON, name: `Bench ${round}`, capacity, for_children: false })
    .execute();
  const attempts: Attempt[] = Array.from({ length: ATTEMPTS }, (_, i) => ({
    nui: String(70_000_000 + round * (ATTEMPTS + 1) + i),
    date,
    areaId,
    visitorIds: Array.from({ length: 1 + Math.floor(random() * 3) }, () => randomUUID()),
  }));
  const nuis = attempts.map((a) => a.nui);
  const pairs = attempts.flatMap((a) => a.visitorIds.map((v) => [a.nui, v] as const));
  await sql`INSERT INTO ppl (nui, eron, unit_id, legal_status, sex)
    SELECT n, ${ERON}, ${unitId}::uuid, 'condenado', 'M' FROM unnest(${nuis}::text[]) n`.execute(db);
  await sql`INSERT INTO visitors (id, gender, birth_date, registered_by)
    SELECT v, 'M', '1980-01-01', 'bench' FROM unnest(${pairs.map((p) => p[1])}::uuid[]) v`.execute(db);
  await sql`INSERT INTO authorised_visitors (nui, visitor_id, relationship, added_by)
    SELECT n, v, 'first_degree', 'bench' FROM unnest(${pairs.map((p) => p[0])}::text[], ${pairs.map((p) => p[1])}::uuid[]) AS t(n, v)`.execute(
    db,
  );
  return { areaId, capacity, attempts };
}

/** The load generator: Debian's wrk (C, as pgbench) when installed, else (or with BENCH_CLIENT=autocannon) autocannon. */
const WRK = process.env.BENCH_CLIENT !== 'autocannon' && hasWrk();

/**
 * Fires every attempt at once over CONNECTIONS keep-alive sockets, dealt in turn to the instances:
 * each socket sends its next attempt as soon as the last is answered (a closed loop, as pgbench's
 * clients). On two cores the load generator shares the machine with the service, and what it
 * spends is not the service's to spend: the load comes from wrk, a C client as pgbench's is, when
 * it is installed (bench/wrk.ts), else from autocannon, whose HTTP client costs a fraction of
 * node:http's but more than wrk's.
 */
async function fire(urls: string[], attempts: Attempt[]): Promise<{ answers: Answer[]; seconds: number }> {
  if (!WRK) return fireWithAutocannon(urls, attempts);
  const answers: Answer[] = attempts.map(() => ({ status: 0, error: 'no answer' }));
  const runs = await Promise.all(
    urls.map(async (url, k) => {
      const mine = attempts.map((_, i) => i).filter((i) => i % urls.length === k);
      const r = await fireWithWrk({
        url: `${url}/api/v1/visits/bookings`,
        headers: HEADERS,
        bodies: mine.map((i) => JSON.stringify(attempts[i])),
        connections: Math.ceil((CONNECTIONS - k) / urls.length),
        timeoutMs: TIMEOUT_MS,
      });
      mine.forEach((i, j) => (answers[i] = r.answers[j]!));
      return r.seconds;
    }),
  );
  return { answers, seconds: Math.max(...runs) };
}

async function fireWithAutocannon(urls: string[], attempts: Attempt[]): Promise<{ answers: Answer[]; seconds: number }> {
  const answers: Answer[] = attempts.map(() => ({ status: 0, error: 'no answer' }));
  let next = 0;
  const started = performance.now();
  // Until the last answer: autocannon itself resolves only on its next one-second tick.
  let last = started;
  await Promise.all(
    urls.map((url, k) => {
      const connections = Math.ceil((CONNECTIONS - k) / urls.length);
      const amount = Math.ceil((attempts.length - k) / urls.length);
      return autocannon({
        url: `${url}/api/v1/visits/bookings`,
        method: 'POST',
        headers: HEADERS,
        connections,
        amount,
        timeout: TIMEOUT_MS / 1000,
        requests: [
          {
            setupRequest: (req, context: { k?: number }) => {
              context.k = next;
              next += 1;
              return { ...req, body: JSON.stringify(attempts[context.k % attempts.length]) };
            },
            onResponse: (status, body, context: { k?: number }) => {
              let rule: string | undefined;
              try {
                rule = (JSON.parse(body) as { rule?: string }).rule;
              } catch {
                rule = undefined;
              }
              answers[context.k!] = { status, rule };
              last = performance.now();
            },
          },
        ],
      });
    }),
  );
  const seconds = (last - started) / 1000;
  if (next < attempts.length) throw new Error(`autocannon sent ${next} of ${attempts.length} attempts`);
  return { answers, seconds };
}

/** Zero overbooking and every request answered; returns what is wrong (empty when all holds). */
async function check(db: Db, areaId: string, capacity: number, demand: number, answers: Answer[]): Promise<string[]> {
  const wrong: string[] = [];
  const lost = answers.filter((a) => !(a.status === 201 || (a.status >= 400 && a.status < 500 && a.rule)));
  if (lost.length) {
    const kinds = new Map<string, number>();
    for (const a of lost) kinds.set(a.error ?? `HTTP ${a.status}`, (kinds.get(a.error ?? `HTTP ${a.status}`) ?? 0) + 1);
    wrong.push(`${lost.length} attempts not answered with 201 or a rule: ${[...kinds].map(([k, n]) => `${k} × ${n}`).join(', ')}`);
  }
  const places = await db.selectFrom('session_places').select(['booked', 'capacity']).where('area_id', '=', areaId).executeTakeFirst();
  const rows = await db
    .selectFrom('bookings')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.coalesce(eb.fn.sum<string>('persons'), sql<string>`0`).as('persons')])
    .where('area_id', '=', areaId)
    .where('status', '=', 'booked')
    .executeTakeFirstOrThrow();
  const booked = Number(places?.booked ?? 0);
  const n = Number(rows.n);
  const persons = Number(rows.persons);
  const created = answers.filter((a) => a.status === 201).length;
  if (booked > capacity) wrong.push(`overbooked: ${booked} places claimed of ${capacity}`);
  if (persons !== booked) wrong.push(`${persons} persons booked but ${booked} places claimed`);
  if (n > capacity) wrong.push(`${n} bookings rows for ${capacity} places`);
  if (n !== created) wrong.push(`${n} bookings rows but ${created} answers 201`);
  if (demand > capacity && booked < capacity - 2)
    wrong.push(`the area was left with ${capacity - booked} places although demand exceeded it`);
  return wrong;
}

/**
 * The CPU a run cost, per attempt (µs): the visits processes, this database's Postgres backends
 * (the service's pool; pgbench's backends exit with their CPU before it can be read), and the load
 * generator (wrk or pgbench, waited for; or autocannon in this process).
 */
interface Cost {
  service: number;
  postgres: number;
  client: number;
}
const SERVICE_PROCESS = /visits\/src\/server\.ts/;
const BACKENDS = new RegExp(`^postgres: .* ${BENCH_DB} `);
async function costOf<T>(run: () => T | Promise<T>): Promise<{ result: T; cost: Cost }> {
  const before = { service: cpuMs(SERVICE_PROCESS), postgres: cpuMs(BACKENDS), own: ownCpuMs() };
  const result = await run();
  const own = ownCpuMs();
  const perAttempt = (ms: number) => Math.round((1000 * ms) / ATTEMPTS);
  return {
    result,
    cost: {
      service: perAttempt(cpuMs(SERVICE_PROCESS) - before.service),
      postgres: perAttempt(cpuMs(BACKENDS) - before.postgres),
      client: perAttempt(own.children - before.own.children + (WRK ? 0 : own.self - before.own.self)),
    },
  };
}
const showCost = (c: Cost, client: string) =>
  `CPU per attempt: service ${c.service} µs, Postgres ${c.postgres} µs, ${client} ${c.client} µs`;

const raw = (databaseUrl: string, area: string, date: string, capacity: number): number =>
  pgbench({
    databaseUrl,
    script: 'booking.pgbench.sql',
    clients: CONNECTIONS,
    transactions: Math.ceil(ATTEMPTS / CONNECTIONS),
    vars: { area, date, capacity },
    searchPath: 'visits',
  }).tps;

async function main(): Promise<void> {
  const suite = await startSuiteProcesses(PORT_BASE);
  const databaseUrl = dbUrl(process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/eron', BENCH_DB);
  const db = createDb<any>(databaseUrl, 'visits', 4);
  const more =
    INSTANCES > 1
      ? await startServiceProcesses(
          Array.from({ length: INSTANCES - 1 }, () => 'visits').map((name, k) => `${name}#${k + 2}`),
          { DATABASE_URL: databaseUrl, QUEUE_PREFIX: BENCH_QUEUES, LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '0' },
        )
      : undefined;
  const urls = [suite.url(VISITS_PORT), ...Array.from({ length: INSTANCES - 1 }, (_, k) => more!.url(`visits#${k + 2}`))];
  const date = nextSaturday();
  const candidate: number[] = [];
  const baseline: number[] = [];
  const failures: string[] = [];
  const costs: { candidate: Cost[]; baseline: Cost[] } = { candidate: [], baseline: [] };
  try {
    for (let round = 0; round < SEEDS; round += 1) {
      const seed = 1000 + round * 7919;
      const random = seededRandom(seed);
      const { areaId, capacity, attempts } = await prepare(db, round, random, date);
      const rawArea = randomUUID();
      await db
        .insertInto('areas')
        .values({ id: rawArea, eron: ERON, name: `pgbench ${round}`, capacity, for_children: false })
        .execute();
      const runCandidate = async () => {
        const {
          result: { answers, seconds },
          cost,
        } = await costOf(() => fire(urls, attempts));
        costs.candidate.push(cost);
        candidate.push(ATTEMPTS / seconds);
        const demand = attempts.reduce((n, a) => n + a.visitorIds.length, 0);
        const wrong = await check(db, areaId, capacity, demand, answers);
        failures.push(...wrong.map((w) => `seed ${seed}: ${w}`));
        const created = answers.filter((a) => a.status === 201).length;
        return `service ${Math.round(ATTEMPTS / seconds)}/s (${WRK ? 'wrk' : 'autocannon'}), ${created} booked, ${ATTEMPTS - created} refused${wrong.length ? `, WRONG: ${wrong.join('; ')}` : ''} (${showCost(cost, WRK ? 'wrk' : 'autocannon')})`;
      };
      const runBaseline = async () => {
        const { result: tps, cost } = await costOf(() => raw(databaseUrl, rawArea, date, capacity));
        costs.baseline.push(cost);
        baseline.push(tps);
        return `pgbench ${Math.round(tps)}/s (pgbench's own CPU ${cost.client} µs per attempt)`;
      };
      const parts: string[] = [];
      for (const which of orderOf(['candidate', 'baseline'] as const, round))
        parts.push(which === 'candidate' ? await runCandidate() : await runBaseline());
      console.log(`round ${round + 1}/${SEEDS} seed ${seed}, capacity ${capacity}, ${ATTEMPTS} attempts: ${parts.join('; ')}`);
    }
  } finally {
    await db.destroy();
    await more?.stop();
    await suite.stop();
  }
  const ratio = ratios(candidate, baseline);
  const perSecond = (xs: number[]) => fmt(spread(xs), 0, 'attempts/s');
  report({
    bench: 'Visit bookings (PLT-15)',
    command: `pnpm bench:bookings --seeds ${SEEDS} --attempts ${ATTEMPTS} --connections ${CONNECTIONS}${INSTANCES > 1 ? ` --instances ${INSTANCES}` : ''}`,
    figures: [
      {
        rule: 'PLT-15',
        what: `${ATTEMPTS} concurrent booking attempts for one visit day: zero overbooking, zero lost requests, over ${SEEDS} seeds`,
        candidate: failures.length ? `${failures.length} faults` : `every attempt answered, none overbooked, in ${SEEDS} seeds`,
        baseline: '—',
        value: failures.length ? failures.slice(0, 3).join('; ') : 'no fault',
        target: 'no fault over ≥ 30 seeds',
        met: failures.length ? false : SEEDS >= 30 && ATTEMPTS >= 10_000 ? true : null,
        why: failures.length
          ? undefined
          : SEEDS < 30 || ATTEMPTS < 10_000
            ? `this run tried ${SEEDS} seeds of ${ATTEMPTS} attempts; \`pnpm bench:bookings\` runs the 30 seeds of 10 000 that PLT-15 asks for`
            : undefined,
      },
      {
        rule: 'PLT-15',
        what: 'booking attempts/s through the visits service over HTTP against pgbench running the same booking statement',
        candidate: perSecond(candidate),
        baseline: perSecond(baseline),
        value: `${fmt(spread(ratio.values.map((x) => 100 * x)), 0)} %`,
        target: '≥ 50 %',
        met: ratio.median >= 0.5,
        why:
          ratio.median >= 0.5
            ? undefined
            : 'an attempt is HTTP, the token, validation and the visit rules in the visits process (about 0.2 ms of its CPU: see the CPU per attempt below) on the two cores the load generator and Postgres share, while pgbench’s C client refuses or takes a claim with one statement; requests arriving together are checked in one statement and booked in one transaction of four round trips',
      },
    ],
    notes: [
      `CPU per attempt (median over seeds, from /proc): the service ${median(costs.candidate.map((c) => c.service))} µs, its Postgres backends ${median(costs.candidate.map((c) => c.postgres))} µs, ${WRK ? 'wrk' : 'autocannon'} ${median(costs.candidate.map((c) => c.client))} µs; pgbench ${median(costs.baseline.map((c) => c.client))} µs (its backends leave with their CPU uncounted).`,
      `${SEEDS} seeds of ${ATTEMPTS} attempts fired at once by ${WRK ? 'wrk' : 'autocannon'} over ${CONNECTIONS} sockets${INSTANCES > 1 ? ` spread over ${INSTANCES} visits processes` : ''}; pgbench ${CONNECTIONS} connections, ${Math.ceil(ATTEMPTS / CONNECTIONS)} transactions each; order alternating seed by seed.`,
    ],
  });
  if (failures.length) for (const f of failures) console.log(`    ${f}`);
  if (failures.length) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
