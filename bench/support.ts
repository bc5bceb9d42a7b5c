import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Agent, createServer, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { recreateDatabase } from '@eron/shared/testing';
import { migrateAll } from '../scripts/suite';
import { verdict, type BenchReport } from './rounds';

// Rounds, medians, figures and markdown: pure, in bench/rounds.ts (unit-tested), shared from here.
export * from './rounds';

export const ROOT = resolve(__dirname, '..');
/** The database the suite benchmarks run on (recreated by each run): BENCH_DATABASE, default eron_bench. */
export const BENCH_DB = process.env.BENCH_DATABASE ?? 'eron_bench';
/** The BullMQ queue prefix of that run (`bench` by default), so two runs side by side never share events. */
export const BENCH_QUEUES = BENCH_DB.replace(/^eron_/, '');
/** A benchmark's ports, moved by BENCH_PORT_OFFSET when another run holds the defaults. */
export const port = (n: number): number => n + Number(process.env.BENCH_PORT_OFFSET ?? 0);

/** Whether nothing listens on 127.0.0.1:`port`. */
const isFree = (port: number): Promise<boolean> =>
  new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });

/** The first base from `preferred` up (in steps of 10) whose five ports (gateway and four services) are free. */
async function freeBase(preferred: number): Promise<number> {
  for (let base = preferred; base < preferred + 1000; base += 10) {
    const ports = [0, 1, 2, 3, 4].map((i) => base + i);
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return base;
  }
  throw new Error(`no five free ports from ${preferred} on`);
}

/**
 * The suite as it runs for real: one process per service (scripts/start.ts), on its own database.
 * Its ports are `portBase` (gateway) to `portBase + 4`, or the next free ones when another run holds
 * them: `url(port)` takes the preferred port and gives the address where that process listens.
 */
export async function startSuiteProcesses(portBase: number): Promise<{ stop: () => Promise<void>; url: (port: number) => string }> {
  if (existsSync(resolve(ROOT, '.env'))) process.loadEnvFile(resolve(ROOT, '.env'));
  const base = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/eron';
  const database = await recreateDatabase(base, BENCH_DB);
  await migrateAll(database);
  const ports = await freeBase(portBase);
  if (ports !== portBase) console.log(`ports ${portBase}–${portBase + 4} are taken: the suite listens on ${ports}–${ports + 4}`);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: database,
      ERON_PORT_BASE: String(ports),
      // On a loaded machine a service can take minutes to compile and answer /health.
      ERON_START_TIMEOUT_MS: process.env.ERON_START_TIMEOUT_MS ?? '600000',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '0',
      QUEUE_PREFIX: BENCH_QUEUES,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const said: string[] = [];
  await new Promise<void>((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`the suite exited (${code}) before it was ready:\n${said.join('').slice(-1500)}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      said.push(chunk.toString());
      if (said.length > 30) said.shift();
      if (chunk.toString().includes('/docs')) ok();
    });
  });
  child.stdout?.removeAllListeners('data');
  child.stdout?.resume();
  return {
    url: (port) => `http://127.0.0.1:${port - portBase + ports}`,
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

export interface Measured {
  label: string;
  rps: number;
  p50: number;
  p99: number;
}

/** A fixed-duration closed-loop load, after a warm-up. */
export async function measure(
  label: string,
  url: string,
  headers: Record<string, string>,
  seconds = 10,
  connections = 16,
): Promise<Measured> {
  await autocannon({ url, headers, connections, duration: 2 });
  const r = await autocannon({ url, headers, connections, duration: seconds });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${label}: ${r.non2xx} non-2xx and ${r.errors} errors`);
  return { label, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

/** One request at a time (no queueing), timed in microseconds: what a single request costs. */
export async function latency(label: string, url: string, headers: Record<string, string>, count = 3000): Promise<Measured> {
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count + 200; i += 1) {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${label}: HTTP ${res.status}`);
    if (i >= 200) samples.push(performance.now() - t0); // the first 200 warm up
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => Number(samples[Math.floor(q * (samples.length - 1))]!.toFixed(3));
  return { label, rps: (count + 200) / ((performance.now() - started) / 1000), p50: at(0.5), p99: at(0.99) };
}

export const table = (rows: Measured[]): void =>
  console.table(rows.map((r) => ({ run: r.label, 'req/s': Math.round(r.rps), 'p50 ms': r.p50, 'p99 ms': r.p99 })));

/**
 * An open-loop load at a steady rate: requests start on a Poisson schedule (as `pgbench -R`), over
 * at most `connections` keep-alive sockets, and each latency counts from when the request was due,
 * so waiting for a free socket counts too. autocannon's `overallRate` is no use here: it sends each
 * second's quota back to back at the start of the second (a burst at full load) and pads the
 * histogram with coordinated-omission estimates.
 */
export async function paced(
  label: string,
  url: string,
  opts: { rate: number; seconds: number; connections: number; method?: string; headers: Record<string, string>; body?: () => string },
): Promise<Measured> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
  const latencies: number[] = [];
  let failed = 0;
  const one = (due: number) =>
    new Promise<void>((done) => {
      const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers, agent }, (res) => {
        if ((res.statusCode ?? 0) >= 300) failed += 1;
        res.resume().on('end', () => {
          latencies.push(performance.now() - due);
          done();
        });
      });
      req.on('error', () => ((failed += 1), done()));
      req.end(opts.body?.());
    });
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let due = started; due < started + opts.seconds * 1000; due += -Math.log(1 - Math.random()) * (1000 / opts.rate)) {
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(one(due));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  if (failed > 0) throw new Error(`${label}: ${failed} failed requests`);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Number(latencies[Math.floor(q * (latencies.length - 1))]!.toFixed(2));
  return { label, rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) };
}

/**
 * Prints a benchmark's figures and, when BENCH_RESULTS names a file (bench/all.ts sets it), writes
 * them there as JSON for bench/RESULTS.md.
 */
export function report(r: BenchReport): void {
  console.log(`\n${r.bench}`);
  for (const f of r.figures)
    console.log(
      `  ${f.rule} ${f.what}: ${f.candidate}${f.baseline !== '—' ? ` against ${f.baseline}` : ''} → ${f.value} (target ${f.target}: ${verdict(f.met)})${f.why ? ` — ${f.why}` : ''}`,
    );
  for (const n of r.notes) console.log(`  ${n}`);
  const file = process.env.BENCH_RESULTS;
  if (file) writeFileSync(file, JSON.stringify(r, null, 2));
}

/** pgbench from Postgres 15 when it is installed there, else on PATH. */
const PGBENCH = existsSync('/usr/lib/postgresql/15/bin/pgbench') ? '/usr/lib/postgresql/15/bin/pgbench' : 'pgbench';

export interface PgbenchRun {
  tps: number;
  /** Latency percentiles in ms, from the per-transaction log (counted from the scheduled start when paced). */
  p50: number;
  p99: number;
}

/**
 * pgbench with a script from bench/, prepared statements, `clients` connections, for `seconds` or
 * `transactions` per client, optionally paced at `rate` transactions/s in all (-R, latency from the
 * schedule); `searchPath` as the service's pool sets it.
 */
export function pgbench(opts: {
  databaseUrl: string;
  script: string;
  clients: number;
  seconds?: number;
  transactions?: number;
  rate?: number;
  vars?: Record<string, string | number>;
  searchPath: string;
}): PgbenchRun {
  const logs = mkdtempSync(join(tmpdir(), 'pgbench-'));
  const args = [
    '-n',
    '-M',
    'prepared',
    '-f',
    resolve(ROOT, 'bench', opts.script),
    '-c',
    String(opts.clients),
    '-j',
    String(Math.min(4, opts.clients)),
  ];
  if (opts.seconds) args.push('-T', String(opts.seconds));
  if (opts.transactions) args.push('-t', String(opts.transactions));
  if (opts.rate) args.push('-R', String(opts.rate));
  for (const [k, v] of Object.entries(opts.vars ?? {})) args.push('-D', `${k}=${v}`);
  args.push('-l', `--log-prefix=${join(logs, 'tx')}`, opts.databaseUrl);
  try {
    const out = execFileSync(PGBENCH, args, { encoding: 'utf8', env: { ...process.env, PGOPTIONS: `-c search_path=${opts.searchPath}` } });
    const tps = Number(/tps = ([0-9.]+)/.exec(out)?.[1] ?? NaN);
    if (!Number.isFinite(tps)) throw new Error(`pgbench printed no tps:\n${out.slice(-500)}`);
    // Per-transaction log: the third field is the latency in µs.
    const lat = readdirSync(logs)
      .flatMap((f) => readFileSync(join(logs, f), 'utf8').trim().split('\n'))
      .filter(Boolean)
      .map((line) => Number(line.split(' ')[2]) / 1000)
      .sort((a, b) => a - b);
    const at = (q: number) => (lat.length ? Number(lat[Math.floor(q * (lat.length - 1))]!.toFixed(2)) : NaN);
    return { tps, p50: at(0.5), p99: at(0.99) };
  } finally {
    rmSync(logs, { recursive: true, force: true });
  }
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

const ticksOf = (stat: string, fields: number[]): number => {
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields.reduce((n, i) => n + Number(f[i - 3]), 0);
};

/**
 * CPU time (user + system, ms) used so far by the processes whose command line matches `pattern`
 * (`/proc`, Linux): the service under load, or the Postgres backends of a database (their title
 * names it). Taken before and after a run, the difference is what the run cost each of them.
 */
export function cpuMs(pattern: RegExp): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (pattern.test(cmd)) total += ticksOf(readFileSync(`/proc/${pid}/stat`, 'utf8'), [14, 15]) * TICK_MS;
    } catch {
      // Gone meanwhile.
    }
  }
  return total;
}

/** CPU time (ms) of this process and of the children it waited for (pgbench, wrk). */
export const ownCpuMs = (): { self: number; children: number } => {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  return { self: ticksOf(stat, [14, 15]) * TICK_MS, children: ticksOf(stat, [16, 17]) * TICK_MS };
};
