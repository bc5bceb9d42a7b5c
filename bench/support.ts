import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
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
