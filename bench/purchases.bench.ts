/**
 * PLT-13: capped Folio purchases per second — straight to folio, through the gateway, and pgbench
 * running the same one-round-trip SQL (bench/purchase.pgbench.sql, as a prepared statement like the
 * service's) — then p50/p99 at half of each one's sustained load, paced (open loop). All three use
 * the same client concurrency, the service's Postgres pool (DB_POOL_MAX, default 10): the HTTP load
 * keeps that many requests in flight and pgbench that many connections, so no side queues more than
 * the other. They run in rounds whose order rotates (direct, gateway, pgbench; then gateway,
 * pgbench, direct; …) and the figures are the medians over the rounds with min–max; a ratio is
 * taken round by round (the pair ran minutes apart at most). The ledger starts with `--history`
 * transactions on its books (a year of an establishment's, 200 000 by default), analysed, as a live
 * one has. `pnpm bench:purchases [--rounds 3] [--seconds 10] [--connections N] [--accounts 1000]
 * [--history 200000]`.
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { createDb } from '@eron/shared/platform';
import { bearer, databaseUrl as dbUrl } from '@eron/shared/testing';
import {
  alternate,
  BENCH_DB,
  port,
  fmt,
  paced,
  pgbench,
  ratios,
  report,
  spread,
  startSuiteProcesses,
  type Figure,
  type Measured,
} from './support';

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '10' },
    connections: { type: 'string', default: process.env.BENCH_CONNECTIONS ?? process.env.DB_POOL_MAX ?? '10' },
    accounts: { type: 'string', default: process.env.BENCH_ACCOUNTS ?? '1000' },
    history: { type: 'string', default: '200000' },
  },
});
const ROUNDS = Number(flags.rounds);
const SECONDS = Number(flags.seconds);
/** Requests in flight over HTTP, pgbench's connections and the service's pool alike. */
const CONNECTIONS = Number(flags.connections);
const ACCOUNTS = Number(flags.accounts);
/** Ledger transactions already on the books before the run (a year of an establishment's). */
const HISTORY = Number(flags.history);
process.env.DB_POOL_MAX = String(CONNECTIONS); // the suite's processes inherit it
const PORTS = { gateway: port(4200), folio: port(4202) };
const PRODUCT = '00000000-0000-4000-8000-000000000113';

/** N PPL with plenty of money, one product, caps so high they never bind (they are still checked). */
async function seed(databaseUrl: string): Promise<void> {
  const db = createDb<any>(databaseUrl, 'folio', 2);
  await sql`INSERT INTO folios (nui, eron, opened_by_event)
    SELECT (9000000 + g)::text, '113', gen_random_uuid() FROM generate_series(1, ${ACCOUNTS}::int) g`.execute(db);
  await sql`INSERT INTO ledger_accounts (eron, kind, nui) SELECT '113', k, (9000000 + g)::text
    FROM generate_series(1, ${ACCOUNTS}::int) g, unnest(ARRAY['ppl_available', 'ppl_savings', 'ppl_seized']) k`.execute(db);
  await sql`INSERT INTO ledger_accounts (eron, kind, nui) VALUES ('113', 'paymaster', NULL) ON CONFLICT DO NOTHING`.execute(db);
  await db.transaction().execute(async (trx) => {
    await sql`INSERT INTO ledger_transactions (id, kind, eron, nui, reference, concept, created_by)
      VALUES ('00000000-0000-4000-8000-00000000bead', 'bench_seed', '113', NULL, 'bench', 'seed', 'bench')`.execute(trx);
    await sql`INSERT INTO postings (transaction_id, account_id, amount)
      SELECT '00000000-0000-4000-8000-00000000bead'::uuid, id, 1000000000 FROM ledger_accounts WHERE kind = 'ppl_available'
      UNION ALL SELECT '00000000-0000-4000-8000-00000000bead'::uuid, id, -1000000000::bigint * ${ACCOUNTS}
        FROM ledger_accounts WHERE eron = '113' AND kind = 'paymaster' AND nui IS NULL`.execute(trx);
  });
  // The ledger a live establishment has (a year of its bookkeeping), not an empty one: plans made
  // over near-empty tables (the foreign-key and balance checks every posting runs, cached per
  // connection) scan them, and a run over a fresh database measured those scans growing with it.
  await sql`INSERT INTO ledger_accounts (eron, kind, nui) VALUES ('113', 'shop', NULL) ON CONFLICT DO NOTHING`.execute(db);
  await sql`WITH t AS (
      INSERT INTO ledger_transactions (id, kind, eron, nui, reference, concept, created_by)
      SELECT gen_random_uuid(), 'bench_history', '113', NULL, 'history-' || g, 'history', 'bench' FROM generate_series(1, ${HISTORY}::int) g
      RETURNING id)
    INSERT INTO postings (transaction_id, account_id, amount)
    SELECT t.id, a.id, CASE a.kind WHEN 'paymaster' THEN -1 ELSE 1 END
      FROM t, ledger_accounts a WHERE a.eron = '113' AND a.nui IS NULL AND a.kind IN ('paymaster', 'shop')`.execute(db);
  await sql`INSERT INTO shop_products (id, eron, sku, name, unit_cost, price, updated_by)
    VALUES (${PRODUCT}, '113', 'BENCH', 'Bench', 1000, 1100, 'bench')`.execute(db);
  await sql`INSERT INTO dg_overrides (kind, amount, effective_from, resolution, set_by)
    VALUES ('spend_day', 1000000000000, '2016-01-01', 'bench', 'bench'), ('spend_month', 1000000000000, '2016-01-01', 'bench', 'bench')`.execute(
    db,
  );
  // As \`pgbench -i\` ends its set-up: plans made before the tables have statistics scanned where
  // an index was there (the first rounds ran at a tenth of the later ones).
  await sql`VACUUM ANALYZE`.execute(db);
  await db.destroy();
}

const body = () =>
  JSON.stringify({
    nui: String(9000001 + Math.floor(Math.random() * ACCOUNTS)),
    shop: '113',
    items: [{ productId: PRODUCT, quantity: 1 }],
  });

const HEADERS = { 'content-type': 'application/json', ...bearer(['shop_clerk'], ['113']) };

/** Closed loop, saturated: CONNECTIONS requests always in flight. */
async function load(label: string, url: string, seconds: number): Promise<Measured> {
  const r = await autocannon({
    url: `${url}/api/v1/folio/purchases`,
    method: 'POST',
    headers: HEADERS,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: body() }) }],
  });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${label}: ${r.non2xx} non-2xx and ${r.errors} errors`);
  return { label, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

/** Open loop at a fixed rate (requests on a Poisson schedule, as pgbench -R). */
const halfLoad = (label: string, url: string, rate: number): Promise<Measured> =>
  paced(label, `${url}/api/v1/folio/purchases`, {
    rate,
    seconds: SECONDS,
    connections: CONNECTIONS,
    method: 'POST',
    headers: HEADERS,
    body,
  });

const raw = (databaseUrl: string, seconds: number, rate?: number): Measured => {
  const r = pgbench({
    databaseUrl,
    script: 'purchase.pgbench.sql',
    clients: CONNECTIONS,
    seconds,
    rate,
    vars: { accounts: ACCOUNTS },
    searchPath: 'folio',
  });
  return { label: 'pgbench', rps: r.tps, p50: r.p50, p99: r.p99 };
};

const show = (m: Measured) => `${Math.round(m.rps)}/s, p50 ${m.p50} ms, p99 ${m.p99} ms`;

async function main(): Promise<void> {
  const suite = await startSuiteProcesses(PORTS.gateway);
  try {
    const databaseUrl = dbUrl(process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/eron', BENCH_DB);
    await seed(databaseUrl);
    const folio = suite.url(PORTS.folio);
    const gatewayUrl = suite.url(PORTS.gateway);
    console.log(
      `${ROUNDS} rounds, ${SECONDS} s each run, ${CONNECTIONS} in flight for every contender (the service's pool is ${CONNECTIONS})`,
    );
    await load('warm-up', folio, 2);
    await load('warm-up', gatewayUrl, 2);
    raw(databaseUrl, 2);

    const full = await alternate(
      ROUNDS,
      {
        direct: () => load('saturated, direct', folio, SECONDS),
        gateway: () => load('saturated, gateway', gatewayUrl, SECONDS),
        pgbench: () => raw(databaseUrl, SECONDS),
      },
      undefined,
      show,
    );
    const rps = (xs: Measured[]) => xs.map((m) => m.rps);
    const halfOf = (xs: Measured[]) => Math.max(1, Math.round(spread(rps(xs)).median / 2));
    const rates = { direct: halfOf(full.direct), gateway: halfOf(full.gateway), pgbench: halfOf(full.pgbench) };
    console.log(`half loads: direct ${rates.direct}/s, gateway ${rates.gateway}/s, pgbench ${rates.pgbench}/s`);
    const half = await alternate(
      ROUNDS,
      {
        direct: () => halfLoad('half load, direct', folio, rates.direct),
        gateway: () => halfLoad('half load, gateway', gatewayUrl, rates.gateway),
        pgbench: () => raw(databaseUrl, SECONDS, rates.pgbench),
      },
      undefined,
      show,
    );

    const d = ratios(rps(full.direct), rps(full.pgbench));
    const g = ratios(rps(full.gateway), rps(full.pgbench));
    const gd = ratios(rps(full.gateway), rps(full.direct));
    const tps = (xs: Measured[]) => fmt(spread(rps(xs)), 0, 'purchases/s');
    const p = (xs: Measured[], k: 'p50' | 'p99') => spread(xs.map((m) => m[k]));
    const shared = 'the load generator, two Node processes and Postgres share the cores, so the service side pays for its client too';
    const figures: Figure[] = [
      {
        rule: 'PLT-13',
        what: 'capped purchases/s direct to folio against pgbench on the same SQL',
        candidate: tps(full.direct),
        baseline: tps(full.pgbench),
        value: fmt(d, 2),
        target: '≥ 0.50',
        met: d.median >= 0.5,
        why: d.median >= 0.5 ? undefined : shared,
      },
      {
        rule: 'PLT-13',
        what: 'capped purchases/s through the gateway against pgbench',
        candidate: tps(full.gateway),
        baseline: tps(full.pgbench),
        value: fmt(g, 2),
        target: '≥ 0.40',
        met: g.median >= 0.4,
        why: g.median >= 0.4 ? undefined : `${shared}; the gateway is a third Node process on the same cores`,
      },
      {
        rule: 'PLT-13',
        what: 'capped purchases/s through the gateway against direct',
        candidate: tps(full.gateway),
        baseline: tps(full.direct),
        value: fmt(gd, 2),
        target: '≥ 0.80',
        met: gd.median >= 0.8,
        why: gd.median >= 0.8 ? undefined : 'the gateway process competes with folio and Postgres for the same two cores',
      },
    ];
    for (const [name, xs] of [
      ['direct', half.direct],
      ['through the gateway', half.gateway],
    ] as const) {
      const p99 = p(xs, 'p99');
      const base = p(half.pgbench, 'p99');
      const p50 = p(xs, 'p50');
      // Round by round, as every ratio here: a round's stall weighs on both sides of its own ratio only.
      const tail = ratios(p99.values, base.values);
      figures.push(
        {
          rule: 'PLT-13',
          what: `p99 of a purchase ${name} at half its sustained load, against pgbench's p99 at half its load`,
          candidate: fmt(p99, 2, 'ms'),
          baseline: fmt(base, 2, 'ms'),
          value: fmt(tail, 2, '×'),
          target: '≤ 1 × (no worse)',
          met: tail.median <= 1,
          why: tail.median <= 1 ? undefined : "tail latency on a shared machine follows the other tenants and the disk's fsync stalls",
        },
        {
          rule: 'PLT-13',
          what: `p50 of a purchase ${name} at half its sustained load`,
          candidate: fmt(p50, 2, 'ms'),
          baseline: fmt(p(half.pgbench, 'p50'), 2, 'ms'),
          value: fmt(p50, 2, 'ms'),
          target: '< 2 ms',
          met: p50.median < 2,
          why:
            p50.median < 2
              ? undefined
              : 'a purchase is HTTP parsing, JWT check, validation and one SQL round trip on cores the load generator shares',
        },
      );
    }
    report({
      bench: 'Folio purchases (PLT-13)',
      command: `pnpm bench:purchases --rounds ${ROUNDS} --seconds ${SECONDS} --connections ${CONNECTIONS} --accounts ${ACCOUNTS}`,
      figures,
      notes: [
        `${ROUNDS} rounds of ${SECONDS} s per contender, order rotated each round; ${CONNECTIONS} requests in flight for the service and ${CONNECTIONS} pgbench connections; half loads paced open-loop (Poisson) at ${rates.direct}/s direct, ${rates.gateway}/s gateway, ${rates.pgbench}/s pgbench.`,
      ],
    });
  } finally {
    await suite.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
