/**
 * PLT-13: capped Folio purchases per second — straight to folio, through the gateway, and pgbench
 * running the same one-round-trip SQL (bench/purchase.pgbench.sql, as a prepared statement like the
 * service's, over as many connections as the service's pool) on the same machine in the same run —
 * and p50/p99 at half the sustained load, paced (open loop), for folio, the gateway and pgbench.
 * Prints the ratios against the targets and says which are met. `pnpm bench:purchases`
 * (BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_ACCOUNTS, DB_POOL_MAX).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { createDb } from '@eron/shared/platform';
import { bearer, databaseUrl as dbUrl } from '@eron/shared/testing';
import { paced, ROOT, startSuiteProcesses, table, type Measured } from './support';

const PORTS = { gateway: 4200, folio: 4202 };
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 1000);
const PRODUCT = '00000000-0000-4000-8000-000000000113';
/** The service's Postgres pool (DB_POOL_MAX, default 10): pgbench gets as many connections. */
const POOL = Number(process.env.DB_POOL_MAX ?? 10);

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
  await sql`INSERT INTO shop_products (id, eron, sku, name, unit_cost, price, updated_by)
    VALUES (${PRODUCT}, '113', 'BENCH', 'Bench', 1000, 1100, 'bench')`.execute(db);
  await sql`INSERT INTO dg_overrides (kind, amount, effective_from, resolution, set_by)
    VALUES ('spend_day', 1000000000000, '2016-01-01', 'bench', 'bench'), ('spend_month', 1000000000000, '2016-01-01', 'bench', 'bench')`.execute(
    db,
  );
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

function pgbench(databaseUrl: string, label: string, rate?: number): Measured {
  const bin = existsSync('/usr/lib/postgresql/15/bin/pgbench') ? '/usr/lib/postgresql/15/bin/pgbench' : 'pgbench';
  const logs = mkdtempSync(join(tmpdir(), 'pgbench-'));
  const args = ['-n', '-M', 'prepared', '-f', `${ROOT}/bench/purchase.pgbench.sql`, '-c', String(POOL), '-j', String(Math.min(4, POOL))];
  const paced = rate ? ['-R', String(rate), '-l', `--log-prefix=${join(logs, 'tx')}`] : [];
  try {
    const out = execFileSync(bin, [...args, ...paced, '-T', String(SECONDS), '-D', `accounts=${ACCOUNTS}`, databaseUrl], {
      encoding: 'utf8',
      env: { ...process.env, PGOPTIONS: '-c search_path=folio' },
    });
    const tps = Number(/tps = ([0-9.]+)/.exec(out)?.[1] ?? 0);
    const avg = Number(/latency average = ([0-9.]+) ms/.exec(out)?.[1] ?? 0);
    if (!rate) return { label, rps: tps, p50: avg, p99: NaN };
    // Per-transaction log: the third field is the latency in µs, counted from the scheduled start.
    const lat = readdirSync(logs)
      .flatMap((f) => readFileSync(join(logs, f), 'utf8').trim().split('\n'))
      .map((line) => Number(line.split(' ')[2]) / 1000)
      .sort((a, b) => a - b);
    const at = (q: number) => Number(lat[Math.floor(q * (lat.length - 1))]!.toFixed(2));
    return { label, rps: tps, p50: at(0.5), p99: at(0.99) };
  } finally {
    rmSync(logs, { recursive: true, force: true });
  }
}

const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

async function main(): Promise<void> {
  const suite = await startSuiteProcesses(PORTS.gateway);
  try {
    const databaseUrl = dbUrl(process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/eron', 'eron_bench');
    await seed(databaseUrl);
    const folio = suite.url(PORTS.folio);
    const gatewayUrl = suite.url(PORTS.gateway);
    await load('warm-up', folio, 2);
    await load('warm-up', gatewayUrl, 2);
    const direct = await load('saturated, direct', folio, SECONDS);
    const gateway = await load('saturated, gateway', gatewayUrl, SECONDS);
    const raw = pgbench(databaseUrl, `pgbench, same SQL, ${POOL} connections`);
    const half = Math.max(1, Math.round(direct.rps / 2));
    const halfDirect = await halfLoad('half load, direct', folio, half);
    const halfGateway = await halfLoad('half load, gateway', gatewayUrl, Math.max(1, Math.round(gateway.rps / 2)));
    const halfRaw = pgbench(databaseUrl, 'pgbench at half its load', Math.max(1, Math.round(raw.rps / 2)));
    table([raw, direct, gateway, halfDirect, halfGateway, halfRaw]);
    const d = direct.rps / raw.rps;
    const g = gateway.rps / raw.rps;
    const gd = gateway.rps / direct.rps;
    console.log(`direct / pgbench = ${d.toFixed(2)} (PLT-13 target ≥ 0.50: ${verdict(d >= 0.5)})`);
    console.log(`gateway / pgbench = ${g.toFixed(2)} (PLT-13 target ≥ 0.40: ${verdict(g >= 0.4)})`);
    console.log(`gateway / direct = ${gd.toFixed(2)} (PLT-13 target ≥ 0.80: ${verdict(gd >= 0.8)})`);
    console.log(
      `p99 at half load = ${halfDirect.p99} ms direct, ${halfGateway.p99} ms through the gateway (PLT-13 target < 10 ms: ${verdict(halfDirect.p99 < 10)}, ${verdict(halfGateway.p99 < 10)}); pgbench ${halfRaw.p99} ms`,
    );
  } finally {
    await suite.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
