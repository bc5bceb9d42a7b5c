/**
 * DIS-13 / issue 11: rating every PPL of an establishment of 10 000 runs as a job with progress.
 * Proposes one quarter for 10 000 PPL (house arrests and firm sanctions among them, three earlier
 * quarters of ratings), through the route and the job as in production, and computes the same
 * ratings with one raw SQL statement, in rounds — one establishment per round, so each round rates
 * a fresh one — the order alternating (job, SQL; SQL, job; …); prints both times, medians with
 * min–max, their ratio and how many ratings differ. No PLT target: issue 11 asks for the time.
 * `pnpm bench:conduct [--rounds 3] [--ppl 10000]` (PPL=… also sets the size). Runs on its own
 * database, eron_bench_conduct.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '@eron/shared/platform';
import { bearer, recreateDatabase } from '@eron/shared/testing';
import discipline from '../services/discipline/src/app';
import { loadDisciplineConfig } from '../services/discipline/src/config';
import { alternate, BENCH_DB, BENCH_QUEUES, fmt, ratios, report, spread } from './support';

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    ppl: { type: 'string', default: process.env.PPL ?? '10000' },
  },
});
const ROUNDS = Number(flags.rounds);
const PPL = Number(flags.ppl);
/** Round r rates establishment 113 + r, whose PPL are numbered from 2 000 000 + r × 1 000 000. */
const eronOf = (round: number) => String(113 + round);
const first = (round: number) => 2_000_000 + round * 1_000_000;
const QUARTER = '2026-Q2';
const root = resolve(__dirname, '..');

/** PPL at the round's establishment (one in 50 in house arrest), a firm sanction for one in 7, and three earlier quarters rated buena. */
async function seed(db: import('kysely').Kysely<any>, round: number): Promise<void> {
  const eron = eronOf(round);
  const base = first(round);
  await sql`INSERT INTO ppl (nui, eron, state, exit_reason)
    SELECT (${base}::int + g)::text, ${eron}, CASE WHEN g % 50 = 0 THEN 'exited' ELSE 'held' END, CASE WHEN g % 50 = 0 THEN 'house_arrest' END
    FROM generate_series(1, ${PPL}::int) g`.execute(db);
  await sql`INSERT INTO sanctions (id, case_id, nui, eron, severity, kind, status, fact_date, firm_at)
    SELECT gen_random_uuid(), gen_random_uuid(), (${base}::int + g)::text, ${eron}, CASE WHEN g % 14 = 0 THEN 'grave' ELSE 'leve' END,
      CASE WHEN g % 14 = 0 THEN 'redemption_loss' ELSE 'reprimand' END, 'firm', '2026-05-01', '2026-05-02T12:00:00Z'
    FROM generate_series(1, ${PPL}::int) g WHERE g % 7 = 0`.execute(db);
  await sql`INSERT INTO conduct_ratings (nui, quarter, eron, proposed, basis, graves, leves, carries_mala, rating, status)
    SELECT (${base}::int + g)::text, q, ${eron}, 'buena', 'bench', 0, 0, false, 'buena', 'approved'
    FROM generate_series(1, ${PPL}::int) g, unnest(ARRAY['2025-Q3', '2025-Q4', '2026-Q1']) q`.execute(db);
}

/**
 * The same proposal in one statement, without the job, batches, progress or upsert rules: the floor.
 * Unlogged rather than temporary: a temporary table lives on one of the pool's connections, and the
 * comparison afterwards may get another (it did: "baseline_0 does not exist").
 */
const baseline = (round: number) => sql`
  CREATE UNLOGGED TABLE ${sql.raw(`baseline_${round}`)} AS
  WITH s AS (
    SELECT nui, count(*) FILTER (WHERE severity = 'grave') g, count(*) FILTER (WHERE severity = 'leve') l FROM sanctions
    WHERE eron = ${eronOf(round)} AND status = 'firm' AND firm_at >= ('2026-04-01'::timestamp AT TIME ZONE 'America/Bogota') AND firm_at < ('2026-07-01'::timestamp AT TIME ZONE 'America/Bogota')
    GROUP BY nui),
  prev AS (
    SELECT nui, count(*) FILTER (WHERE coalesce(rating, proposed) IN ('buena', 'ejemplar')) good,
      bool_or(quarter = '2026-Q1' AND carries_mala AND coalesce(rating, proposed) = 'mala') carried
    FROM conduct_ratings WHERE eron = ${eronOf(round)} AND quarter IN ('2025-Q3', '2025-Q4', '2026-Q1') GROUP BY nui)
  SELECT p.nui, CASE WHEN coalesce(s.g, 0) > 0 OR coalesce(prev.carried, false) THEN 'mala' WHEN coalesce(s.l, 0) > 0 THEN 'regular'
    WHEN coalesce(prev.good, 0) = 3 THEN 'ejemplar' ELSE 'buena' END AS rating
  FROM ppl p LEFT JOIN s ON s.nui = p.nui LEFT JOIN prev ON prev.nui = p.nui
  WHERE p.eron = ${eronOf(round)} AND (p.state = 'held' OR (p.state = 'exited' AND p.exit_reason = 'house_arrest'))`;

async function main(): Promise<void> {
  if (existsSync(resolve(root, '.env'))) process.loadEnvFile(resolve(root, '.env'));
  const base = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/eron';
  const url = await recreateDatabase(base, `${BENCH_DB}_conduct`);
  const config = loadDisciplineConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', QUEUE_PREFIX: `${BENCH_QUEUES}-conduct` });
  const app = await buildApp('discipline', discipline, config);
  try {
    for (let r = 0; r < ROUNDS; r += 1) await seed(app.db, r);
    await sql`ANALYZE`.execute(app.db);
    const job = async (round: number): Promise<number> => {
      const headers = bearer(['director'], [eronOf(round)]);
      const t0 = performance.now();
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/discipline/establishments/${eronOf(round)}/conduct/quarters/${QUARTER}/proposals`,
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
      return (performance.now() - t0) / 1000;
    };
    const raw = async (round: number): Promise<number> => {
      const t1 = performance.now();
      await baseline(round).execute(app.db);
      return (performance.now() - t1) / 1000;
    };
    const runs = await alternate(ROUNDS, { job, raw }, undefined, (s) => `${s.toFixed(3)} s`);
    let differ = 0;
    for (let r = 0; r < ROUNDS; r += 1) {
      const { rows } = await sql<{ n: string }>`SELECT count(*) n FROM ${sql.raw(`baseline_${r}`)} b
        JOIN conduct_ratings c ON c.nui = b.nui AND c.quarter = ${QUARTER} WHERE c.proposed <> b.rating`.execute(app.db);
      differ += Number(rows[0]!.n);
    }
    const time = spread(runs.job);
    report({
      bench: 'Quarterly conduct ratings (DIS-13, issue 11)',
      command: `pnpm bench:conduct --rounds ${ROUNDS} --ppl ${PPL}`,
      figures: [
        {
          rule: 'DIS-13',
          what: `rating every PPL of an establishment of ${PPL} through the route and the job, against one raw SQL statement computing the same ratings`,
          candidate: fmt(time, 2, 's'),
          baseline: fmt(spread(runs.raw), 3, 's'),
          value: `${fmt(ratios(runs.job, runs.raw), 1)} × the SQL's time; ${Math.round(PPL / time.median)} PPL/s; ${differ} ratings differ from the SQL's`,
          target: 'no PLT target (issue 11: report the time); the ratings must agree',
          met: differ === 0 ? null : false,
          why: differ === 0 ? undefined : 'the job proposed ratings the raw SQL does not',
        },
      ],
      notes: [`${ROUNDS} rounds, one establishment of ${PPL} PPL each, order alternating.`],
    });
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
