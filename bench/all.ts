/**
 * Every benchmark, one after the other, each in its own process, then bench/RESULTS.md: the date,
 * the machine (cores, RAM, Node, Postgres), the commit, and every PLT-13 … PLT-15 figure with its
 * baseline from the same run, the target and whether it is met, in plain words. Sizes are modest
 * for a shared 2-core machine; `--full` runs each at the size its rule names (30 booking seeds,
 * 10 s runs). A benchmark still running after `--timeout-minutes` (default 20) is stopped (its
 * process group: the suite it started too) and reported as unfinished. Each benchmark's figures are
 * kept in bench/results/<name>.json (with when, at which commit and under what load it ran);
 * `--only purchases,events` reruns those and writes RESULTS.md with the others' last figures, saying
 * so; `--render` only rewrites RESULTS.md. `pnpm bench:all [--full] [--rounds 3] [--only …]
 * [--render] [--note "…"]`. Run it under `nice -n 10` on a shared machine (RESULTS.md says so).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { markdownTable, ROOT, verdict, type BenchReport } from './support';

const { values: flags } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '3' },
    only: { type: 'string' },
    note: { type: 'string' },
    out: { type: 'string', default: 'bench/RESULTS.md' },
    results: { type: 'string', default: 'bench/results' },
    render: { type: 'boolean', default: false },
    'timeout-minutes': { type: 'string', default: '20' },
  },
});
const TIMEOUT_MS = Number(flags['timeout-minutes']) * 60_000;
const R = flags.rounds;
const FULL = flags.full;

/** Each benchmark with the flags of this run: modest by default, the rules' sizes with --full. */
const BENCHES: { name: string; file: string; args: string[] }[] = [
  { name: 'purchases', file: 'purchases.bench.ts', args: ['--rounds', R, '--seconds', FULL ? '10' : '8'] },
  {
    name: 'gateway',
    file: 'gateway-overhead.bench.ts',
    args: ['--rounds', R, '--requests', FULL ? '3000' : '500', '--seconds', FULL ? '10' : '5'],
  },
  { name: 'events', file: 'event-latency.bench.ts', args: ['--rounds', R, '--seconds', FULL ? '10' : '8'] },
  {
    name: 'bookings',
    file: 'bookings.bench.ts',
    args: ['--seeds', FULL ? '30' : String(Math.max(5, Number(R))), '--attempts', '10000'],
  },
  { name: 'asobancaria', file: 'asobancaria-ingest.bench.ts', args: ['--rounds', R, '--records', '100000'] },
  { name: 'conduct', file: 'conduct-ratings.ts', args: ['--rounds', R, '--ppl', '10000'] },
];

interface Outcome {
  name: string;
  command: string;
  seconds: number;
  report?: BenchReport;
  error?: string;
}

/** Runs one benchmark, its output passed through, and reads the figures it wrote. */
function run(b: (typeof BENCHES)[number], dir: string): Promise<Outcome> {
  const results = join(dir, `${b.name}.json`);
  const t0 = performance.now();
  const command = `tsx bench/${b.file} ${b.args.join(' ')}`;
  console.log(`\n=== ${b.name}: ${command}`);
  return new Promise((done) => {
    const tail: string[] = [];
    const keep = (chunk: Buffer, out: NodeJS.WriteStream) => {
      out.write(chunk);
      tail.push(chunk.toString());
      if (tail.length > 40) tail.shift();
    };
    const child = spawn(process.execPath, ['--import', 'tsx', join('bench', b.file), ...b.args], {
      cwd: ROOT,
      env: { ...process.env, BENCH_RESULTS: results },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so that a timeout stops the suite it started as well
    });
    const stop = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    };
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      stop('SIGTERM');
      setTimeout(() => stop('SIGKILL'), 20_000).unref();
    }, TIMEOUT_MS);
    const interrupted = () => stop('SIGTERM');
    process.once('SIGINT', interrupted);
    child.stdout.on('data', (c: Buffer) => keep(c, process.stdout));
    child.stderr.on('data', (c: Buffer) => keep(c, process.stderr));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      process.off('SIGINT', interrupted);
      const seconds = (performance.now() - t0) / 1000;
      const report = existsSync(results) ? (JSON.parse(readFileSync(results, 'utf8')) as BenchReport) : undefined;
      const error = timedOut
        ? `stopped after ${flags['timeout-minutes']} min without finishing`
        : code === 0
          ? undefined
          : `exited with ${signal ?? code}: ${tail.join('').trim().split('\n').slice(-6).join(' ').slice(-600)}`;
      done({ name: b.name, command: report?.command ?? command, seconds, report, error });
    });
  });
}

const sh = (cmd: string, args: string[]): string => {
  try {
    return execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};

async function postgresVersion(): Promise<string> {
  if (existsSync(resolve(ROOT, '.env'))) process.loadEnvFile(resolve(ROOT, '.env'));
  // The server's maintenance database: the suite's own may not exist yet (each benchmark makes its own).
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/eron');
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return `PostgreSQL ${rows[0]!.v.split(' ')[0]}`;
  } catch (err) {
    return `PostgreSQL (unknown: ${(err as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');

/**
 * How busy the cores are with work other than a benchmark: the share of CPU time not idle over 3 s,
 * sampled from /proc/stat just before the benchmark starts (its own processes not yet running, the
 * previous one's gone). The load average cannot say it: a benchmark saturates the cores by design, and
 * the 1-minute average still carries the previous benchmark when the next starts. Null off Linux.
 */
async function othersBusy(): Promise<number | null> {
  const sample = () => {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return { total: cpu.reduce((a, x) => a + x, 0), idle: cpu[3]! + (cpu[4] ?? 0) };
  };
  try {
    const a = sample();
    await new Promise((r) => setTimeout(r, 3_000));
    const b = sample();
    return b.total === a.total ? 0 : 1 - (b.idle - a.idle) / (b.total - a.total);
  } catch {
    return null;
  }
}

/** What a benchmark's run left in the results folder: its figures and when, where and under what load it ran. */
interface Stored extends Outcome {
  at: string;
  commit: string;
  /** The 1-minute load average over the benchmark's run: mean and peak. */
  load: { mean: number; peak: number; othersBusy?: number | null };
  cores: number;
  niceness: number;
}

async function main(): Promise<void> {
  const started = new Date();
  const loadBefore = load();
  const cores = os.cpus().length;
  const resultsDir = resolve(ROOT, flags.results);
  mkdirSync(resultsDir, { recursive: true });
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-all-'));
  const chosen = flags.render ? [] : flags.only ? BENCHES.filter((b) => flags.only!.split(',').includes(b.name)) : BENCHES;
  const commit = sh('git', ['rev-parse', '--short', 'HEAD']);
  let loads: number[] = [];
  const sampler = setInterval(() => loads.push(os.loadavg()[0]!), 10_000);
  try {
    for (const b of chosen) {
      const before = await othersBusy();
      loads = [os.loadavg()[0]!];
      const at = new Date().toISOString();
      const o = await run(b, dir);
      loads.push(os.loadavg()[0]!);
      const stored: Stored = {
        ...o,
        at,
        commit,
        load: { mean: loads.reduce((a, x) => a + x, 0) / loads.length, peak: Math.max(...loads), othersBusy: before },
        cores,
        niceness: os.getPriority(),
      };
      writeFileSync(join(resultsDir, `${b.name}.json`), `${JSON.stringify(stored, null, 2)}\n`);
    }
  } finally {
    clearInterval(sampler);
    rmSync(dir, { recursive: true, force: true });
  }
  const loadAfter = load();
  // Every benchmark's last stored run: this one's, and earlier ones' for those not run now.
  const outcomes: Stored[] = BENCHES.map((b) => join(resultsDir, `${b.name}.json`))
    .filter((f) => existsSync(f))
    .map((f) => JSON.parse(readFileSync(f, 'utf8')) as Stored);
  const earlier = outcomes.filter((o) => !chosen.some((b) => b.name === o.name));

  const subject = sh('git', ['log', '-1', '--format=%s']).slice(0, 100);
  const dirty = sh('git', ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/results', ':!bench/RESULTS.md']) !== '';
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const niceness = Math.max(0, ...outcomes.map((o) => o.niceness));
  // Busy: other work held more than a quarter of the CPU just before a benchmark started (older
  // results, without that sample, fall back to a load average above the cores).
  const others = (o: Stored): number | null => o.load.othersBusy ?? null;
  const busy = outcomes.some((o) => (others(o) === null ? o.load.mean > o.cores : others(o)! > 0.25));
  const busyShare = (o: Stored) => (others(o) === null ? '' : `; others ${Math.round(100 * others(o)!)} % CPU before`);
  const meanLoad = outcomes.length ? outcomes.reduce((a, o) => a + o.load.mean, 0) / outcomes.length : os.loadavg()[0]!;
  const peak = Math.max(0, ...outcomes.map((o) => o.load.peak));
  const day = (iso: string) => iso.replace('T', ' ').slice(0, 16);

  const args = process.argv.slice(2);
  const shown = args.filter((a, i) => a !== '--note' && args[i - 1] !== '--note' && !a.startsWith('--note='));
  const figures = outcomes.flatMap((o) => (o.report?.figures ?? []).map((f) => ({ ...f, bench: o.name })));
  const missed = figures.filter((f) => f.met === false);
  const lines: string[] = [
    '# Benchmark results',
    '',
    `Written by \`pnpm bench:all${shown.length ? ` ${shown.join(' ')}` : ''}\` (bench/all.ts) — rerun it rather than trusting this file. Each benchmark's raw figures are in \`${flags.results}/\`.`,
    '',
    `- **Date**: ${day(started.toISOString())} UTC${chosen.length ? `; running ${chosen.map((b) => b.name).join(', ')} took ${Math.round((Date.now() - started.getTime()) / 60_000)} min` : ''}.` +
      (earlier.length
        ? ` The figures of ${earlier.map((o) => `${o.name} (${day(o.at)} UTC)`).join(', ')} are from an earlier run of this command on this machine.`
        : ''),
    `- **Machine**: ${cores} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}; Node ${process.version}; ${await postgresVersion()}, Redis and every process of the benchmark (load generator, services, gateway, pgbench) on the same machine.`,
    `- **Commit**: \`${commit}\` (${subject})${dirty ? ', with uncommitted changes' : ''}${outcomes.some((o) => o.commit !== commit) ? `; earlier figures at ${[...new Set(outcomes.map((o) => o.commit))].join(', ')}` : ''}.`,
    `- **Load**: load average (1 / 5 / 15 min) ${loadBefore} before and ${loadAfter} after; over the benchmarks the 1-minute figure averaged ${meanLoad.toFixed(1)} and peaked at ${peak.toFixed(1)}, on ${cores} cores (the benchmark's own processes count in it).` +
      (busy
        ? ' **The machine was busy**: other work shared its cores throughout, so every figure here is lower and noisier than on a quiet machine, and a ratio between a Node process and Postgres moves with whoever else holds the cores.'
        : ''),
    `- **Priority**: ${niceness > 0 ? `run under \`nice -n ${niceness}\`: the load generator, the services and pgbench ran at that niceness, Postgres's own processes did not, which favours the SQL baselines over the Node side.` : 'normal priority.'}`,
    `- **Method**: in every benchmark the candidate and its baseline run alternately in ${R} rounds or more in the same run, the order rotating each round, with the same client concurrency; a figure is the median over the rounds with its min–max in brackets, and a ratio is taken round by round.${FULL ? '' : ' Sizes are modest for this machine (`--full` for the rules\u2019 sizes).'}`,
  ];
  if (flags.note) lines.push(`- **Note**: ${flags.note}`);
  lines.push(
    '',
    '## Every figure',
    '',
    markdownTable(
      ['rule', 'what', 'candidate', 'baseline (same run)', 'figure', 'target', 'verdict'],
      figures.map((f) => [
        f.rule,
        f.what,
        f.candidate,
        f.baseline,
        f.value,
        f.target,
        verdict(f.met) === 'NOT met' ? '**NOT met**' : verdict(f.met),
      ]),
    ),
    '',
    '## In plain words',
    '',
  );
  const met = figures.filter((f) => f.met === true).length;
  lines.push(
    `${met} of ${figures.filter((f) => f.met !== null).length} targets met${missed.length ? `; ${missed.length} NOT met:` : '.'}`,
    '',
  );
  for (const f of missed)
    lines.push(`- **${f.rule} NOT met**: ${f.what} — ${f.value} against a target of ${f.target}.${f.why ? ` Why: ${f.why}.` : ''}`);
  for (const f of figures.filter((x) => x.met === null))
    lines.push(`- ${f.rule} (no verdict): ${f.what} — ${f.value}.${f.why ? ` ${f.why}.` : ''}`);
  const failed = outcomes.filter((o) => o.error);
  for (const o of failed) lines.push(`- **${o.name} did not finish**: ${o.error}`);
  for (const b of BENCHES.filter((x) => !outcomes.some((o) => o.name === x.name))) lines.push(`- ${b.name}: never run.`);
  lines.push(
    '',
    '## Each benchmark',
    '',
    markdownTable(
      ['benchmark', 'command', 'ran', 'took', 'load (1 min, mean / peak)', 'how'],
      outcomes.map((o) => [
        o.report?.bench ?? o.name,
        `\`${o.command}\``,
        `${day(o.at)} UTC at \`${o.commit}\``,
        `${Math.round(o.seconds)} s`,
        `${o.load.mean.toFixed(1)} / ${o.load.peak.toFixed(1)} on ${o.cores} cores${o.niceness ? `, nice ${o.niceness}` : ''}${busyShare(o)}`,
        [...(o.report?.notes ?? []), o.error ? `FAILED: ${o.error}` : ''].filter(Boolean).join(' '),
      ]),
    ),
    '',
  );
  const out = resolve(ROOT, flags.out);
  writeFileSync(out, `${lines.join('\n')}\n`);
  sh('npx', ['prettier', '--write', out, resultsDir]);
  console.log(`\nwrote ${flags.out}: ${figures.length} figures, ${missed.length} NOT met, ${failed.length} benchmarks failed`);
  if (failed.length) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
