/**
 * DIS-13 / issue 11: rating every PPL of an establishment of 10 000 runs as a job with progress.
 * Proposes one quarter for PPL=10 000 (house arrests and firm sanctions among them, three earlier
 * quarters of ratings), through the route and the job as in production, then computes the same
 * ratings with one raw SQL statement in the same run, and prints both times and their ratio.
 * `pnpm bench:conduct` (PPL=… to change the size). Runs on its own database, eron_bench_conduct.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { buildApp } from '@eron/shared/platform';
import { bearer, recreateDatabase } from '@eron/shared/testing';
import discipline from '../services/discipline/src/app';
import { loadDisciplineConfig } from '../services/discipline/src/config';

const PPL = Number(process.env.PPL ?? 10_000);
const QUARTER = '2026-Q2';
const root = resolve(__dirname, '..');

/** PPL at 113 (one in 50 in house arrest), a firm sanction for one in 7, and three earlier quarters rated buena. */
async function seed(db: import('kysely').Kysely<any>): Promise<void> {
  await sql`INSERT INTO ppl (nui, eron, state, exit_reason)
    SELECT (2000000 + g)::text, '113', CASE WHEN g % 50 = 0 THEN 'exited' ELSE 'held' END, CASE WHEN g % 50 = 0 THEN 'house_arrest' END
    FROM generate_series(1, ${PPL}::int) g`.execute(db);
  await sql`INSERT INTO sanctions (id, case_id, nui, eron, severity, kind, status, fact_date, firm_at)
    SELECT gen_random_uuid(), gen_random_uuid(), (2000000 + g)::text, '113', CASE WHEN g % 14 = 0 THEN 'grave' ELSE 'leve' END,
      CASE WHEN g % 14 = 0 THEN 'redemption_loss' ELSE 'reprimand' END, 'firm', '2026-05-01', '2026-05-02T12:00:00Z'
    FROM generate_series(1, ${PPL}::int) g WHERE g % 7 = 0`.execute(db);
  await sql`INSERT INTO conduct_ratings (nui, quarter, eron, proposed, basis, graves, leves, carries_mala, rating, status)
    SELECT (2000000 + g)::text, q, '113', 'buena', 'bench', 0, 0, false, 'buena', 'approved'
    FROM generate_series(1, ${PPL}::int) g, unnest(ARRAY['2025-Q3', '2025-Q4', '2026-Q1']) q`.execute(db);
  await sql`ANALYZE`.execute(db);
}

/** The same proposal in one statement, without the job, batches, progress or upsert rules: the floor. */
const BASELINE = sql`
  CREATE TEMP TABLE baseline AS
  WITH s AS (
    SELECT nui, count(*) FILTER (WHERE severity = 'grave') g, count(*) FILTER (WHERE severity = 'leve') l FROM sanctions
    WHERE status = 'firm' AND firm_at >= ('2026-04-01'::timestamp AT TIME ZONE 'America/Bogota') AND firm_at < ('2026-07-01'::timestamp AT TIME ZONE 'America/Bogota')
    GROUP BY nui),
  prev AS (
    SELECT nui, count(*) FILTER (WHERE coalesce(rating, proposed) IN ('buena', 'ejemplar')) good,
      bool_or(quarter = '2026-Q1' AND carries_mala AND coalesce(rating, proposed) = 'mala') carried
    FROM conduct_ratings WHERE quarter IN ('2025-Q3', '2025-Q4', '2026-Q1') GROUP BY nui)
  SELECT p.nui, CASE WHEN coalesce(s.g, 0) > 0 OR coalesce(prev.carried, false) THEN 'mala' WHEN coalesce(s.l, 0) > 0 THEN 'regular'
    WHEN coalesce(prev.good, 0) = 3 THEN 'ejemplar' ELSE 'buena' END AS rating
  FROM ppl p LEFT JOIN s ON s.nui = p.nui LEFT JOIN prev ON prev.nui = p.nui
  WHERE p.eron = '113' AND (p.state = 'held' OR (p.state = 'exited' AND p.exit_reason = 'house_arrest'))`;

async function main(): Promise<void> {
  if (existsSync(resolve(root, '.env'))) process.loadEnvFile(resolve(root, '.env'));
  const base = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/eron';
  const url = await recreateDatabase(base, 'eron_bench_conduct');
  const config = loadDisciplineConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', QUEUE_PREFIX: 'bench-conduct' });
  const app = await buildApp('discipline', discipline, config);
  const headers = bearer(['director'], ['113']);
  try {
    await seed(app.db);
    const t0 = performance.now();
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/discipline/establishments/113/conduct/quarters/${QUARTER}/proposals`,
      headers,
    });
    if (res.statusCode !== 202) throw new Error(`proposal: ${res.statusCode} ${res.body}`);
    let last = -1;
    for (;;) {
      const run = (await app.inject({ method: 'GET', url: res.headers.location as string, headers })).json();
      if (run.done !== last) console.log(`progress: ${run.done}/${run.total}`);
      last = run.done;
      if (run.status === 'failed') throw new Error('the rating job failed');
      if (run.status === 'done') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const job = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    await BASELINE.execute(app.db);
    const raw = (performance.now() - t1) / 1000;
    const { rows } = await sql<{
      n: string;
    }>`SELECT count(*) n FROM baseline b JOIN conduct_ratings c ON c.nui = b.nui AND c.quarter = ${QUARTER} WHERE c.proposed <> b.rating`.execute(
      app.db,
    );
    console.log(`job: ${PPL} PPL rated in ${job.toFixed(2)} s (${Math.round(PPL / job)} PPL/s)`);
    console.log(
      `raw SQL baseline: ${raw.toFixed(3)} s; job / baseline = ${(job / raw).toFixed(1)}×; ratings differing from the baseline: ${rows[0]!.n}`,
    );
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
