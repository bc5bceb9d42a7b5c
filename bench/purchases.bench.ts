/**
 * PLT-13: capped Folio purchases per second — straight to folio, through the gateway, and pgbench
 * running the same one-round-trip SQL (bench/purchase.pgbench.sql) on the same machine in the same
 * run — and p99 at half the sustained direct load. Prints the ratios against the targets and says
 * which are met. `pnpm bench:purchases` (BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_ACCOUNTS).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { createDb } from '@eron/shared/platform';
import { bearer, databaseUrl as dbUrl } from '@eron/shared/testing';
import { ROOT, startSuiteProcesses, table, type Measured } from './support';

const PORTS = { gateway: 4200, folio: 4202 };
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 1000);
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

async function load(label: string, url: string, opts: { seconds: number; rate?: number }): Promise<Measured> {
  const headers = { 'content-type': 'application/json', ...bearer(['shop_clerk'], ['113']) };
  const r = await autocannon({
    url: `${url}/api/v1/folio/purchases`,
    method: 'POST',
    headers,
    connections: CONNECTIONS,
    duration: opts.seconds,
    ...(opts.rate ? { overallRate: opts.rate } : {}),
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: body() }) }],
  });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${label}: ${r.non2xx} non-2xx and ${r.errors} errors`);
  return { label, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

function pgbench(databaseUrl: string): Measured {
  const bin = existsSync('/usr/lib/postgresql/15/bin/pgbench') ? '/usr/lib/postgresql/15/bin/pgbench' : 'pgbench';
  const args = ['-n', '-f', `${ROOT}/bench/purchase.pgbench.sql`, '-c', String(CONNECTIONS), '-j', '4', '-T', String(SECONDS)];
  const out = execFileSync(bin, [...args, '-D', `accounts=${ACCOUNTS}`, databaseUrl], {
    encoding: 'utf8',
    env: { ...process.env, PGOPTIONS: '-c search_path=folio' },
  });
  const tps = Number(/tps = ([0-9.]+)/.exec(out)?.[1] ?? 0);
  const lat = Number(/latency average = ([0-9.]+) ms/.exec(out)?.[1] ?? 0);
  return { label: 'pgbench, same SQL', rps: tps, p50: lat, p99: NaN };
}

const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

async function main(): Promise<void> {
  const suite = await startSuiteProcesses(PORTS.gateway);
  try {
    const databaseUrl = dbUrl(process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/eron', 'eron_bench');
    await seed(databaseUrl);
    const folio = suite.url(PORTS.folio);
    await load('warm-up', folio, { seconds: 2 });
    const direct = await load('saturated, direct', folio, { seconds: SECONDS });
    const gateway = await load('saturated, gateway', suite.url(PORTS.gateway), { seconds: SECONDS });
    const raw = pgbench(databaseUrl);
    const half = await load('half load, direct', folio, { seconds: SECONDS, rate: Math.max(1, Math.round(direct.rps / 2)) });
    table([raw, direct, gateway, half]);
    const d = direct.rps / raw.rps;
    const g = gateway.rps / raw.rps;
    const gd = gateway.rps / direct.rps;
    console.log(`direct / pgbench = ${d.toFixed(2)} (PLT-13 target ≥ 0.50: ${verdict(d >= 0.5)})`);
    console.log(`gateway / pgbench = ${g.toFixed(2)} (PLT-13 target ≥ 0.40: ${verdict(g >= 0.4)})`);
    console.log(`gateway / direct = ${gd.toFixed(2)} (PLT-13 target ≥ 0.80: ${verdict(gd >= 0.8)})`);
    console.log(`p99 at half load = ${half.p99} ms (PLT-13 target < 10 ms: ${verdict(half.p99 < 10)})`);
  } finally {
    await suite.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
