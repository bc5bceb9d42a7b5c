import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { recreateDatabase } from '@eron/shared/testing';
import { migrateAll } from '../scripts/suite';

export const ROOT = resolve(__dirname, '..');

/** The suite as it runs for real: one process per service (scripts/start.ts), on its own database. */
export async function startSuiteProcesses(portBase: number): Promise<{ stop: () => Promise<void>; url: (port: number) => string }> {
  if (existsSync(resolve(ROOT, '.env'))) process.loadEnvFile(resolve(ROOT, '.env'));
  const base = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/eron';
  const database = await recreateDatabase(base, 'eron_bench');
  await migrateAll(database);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: database,
      ERON_PORT_BASE: String(portBase),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '0',
      QUEUE_PREFIX: 'bench',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`the suite exited (${code}) before it was ready`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('/docs')) ok();
    });
  });
  return {
    url: (port) => `http://127.0.0.1:${port}`,
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
