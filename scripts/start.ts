/**
 * Runs the whole suite on this machine: the four services and the gateway as child processes,
 * their log lines prefixed with the service name, until Ctrl-C (PLT-11). Started by
 * `bash scripts/up.sh` after the infrastructure is found and migrated; `pnpm start` runs it alone.
 *
 * Each child reads the repo's `.env` itself; it also inherits this process's environment, with
 * PORT, HOST (127.0.0.1 unless set) and, for the gateway, the services' URLs.
 *
 * Environment knobs: ERON_PORT_BASE (default 3000: gateway 3000, classification +1, folio +2,
 * discipline +3, visits +4), ERON_START_TIMEOUT_MS (default 90000, per service, for /health),
 * ERON_LOG_FORMAT=json to print the services' pino JSON lines untouched.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { dirname, join, parse } from 'node:path';

const ROOT = findRoot();
const BASE = Number(process.env.ERON_PORT_BASE ?? 3000);
const START_TIMEOUT_MS = Number(process.env.ERON_START_TIMEOUT_MS ?? 90_000);
const STOP_TIMEOUT_MS = 15_000; // services give in-flight work 10 s (close-with-grace) before exiting
const RAW_LOGS = process.env.ERON_LOG_FORMAT === 'json';

type Service = { name: string; port: number; color: number };

const SERVICES: Service[] = [
  { name: 'classification', port: BASE + 1, color: 35 },
  { name: 'folio', port: BASE + 2, color: 32 },
  { name: 'discipline', port: BASE + 3, color: 33 },
  { name: 'visits', port: BASE + 4, color: 34 },
  { name: 'gateway', port: BASE, color: 36 },
];
const WIDTH = Math.max(...SERVICES.map((s) => s.name.length));

/** The repo root: the nearest folder up from here holding pnpm-workspace.yaml. */
function findRoot(): string {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dir === parse(dir).root) throw new Error('Run this inside the ERON repository');
  }
}

// The real environment wins over .env (loadEnvFile never overrides a variable already set).
if (existsSync(join(ROOT, '.env'))) process.loadEnvFile(join(ROOT, '.env'));
const HOST = process.env.HOST || '127.0.0.1';
// Where to reach a service from here: a wildcard listen address is reachable on loopback.
const REACH_HOST = HOST === '0.0.0.0' || HOST === '::' ? '127.0.0.1' : HOST;
const urlOf = (s: Service): string => `http://${REACH_HOST.includes(':') ? `[${REACH_HOST}]` : REACH_HOST}:${s.port}`;

const say = (msg: string): void => console.log(`\x1b[1m${'eron'.padEnd(WIDTH)}\x1b[0m │ ${msg}`);

// ---------------------------------------------------------------------------------------------
// Log lines

const LEVELS: Record<number, string> = {
  10: '\x1b[90mTRACE\x1b[0m',
  20: '\x1b[90mDEBUG\x1b[0m',
  30: '\x1b[32mINFO \x1b[0m',
  40: '\x1b[33mWARN \x1b[0m',
  50: '\x1b[31mERROR\x1b[0m',
  60: '\x1b[41mFATAL\x1b[0m',
};

/** A pino JSON line made readable: time, level, message, and the request essentials. */
function pretty(line: string): string {
  if (RAW_LOGS || !line.startsWith('{')) return line;
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof o.time === 'number' ? new Date(o.time).toISOString().slice(11, 23) : '';
  const level = LEVELS[Number(o.level)] ?? String(o.level);
  const req = o.req as { method?: string; url?: string } | undefined;
  const res = o.res as { statusCode?: number } | undefined;
  const err = o.err as { stack?: string; message?: string } | undefined;
  const parts = [time, level, typeof o.msg === 'string' ? o.msg : ''];
  if (req?.method) parts.push(`${req.method} ${req.url ?? ''}`);
  if (res?.statusCode) parts.push(String(res.statusCode));
  if (typeof o.responseTime === 'number') parts.push(`${o.responseTime.toFixed(1)}ms`);
  if (typeof o.requestId === 'string') parts.push(`\x1b[90m${o.requestId}\x1b[0m`);
  const text = parts.filter(Boolean).join(' ');
  return err ? `${text}\n${err.stack ?? err.message ?? ''}` : text;
}

/** Prefixes every complete line of a child's stream with its (coloured) name. */
function pipeLines(s: Service, stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream): void {
  if (!stream) return;
  const prefix = `\x1b[${s.color}m${s.name.padEnd(WIDTH)}\x1b[0m │ `;
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) for (const l of pretty(line).split('\n')) out.write(`${prefix}${l}\n`);
  });
  stream.on('end', () => {
    if (rest) out.write(`${prefix}${pretty(rest)}\n`);
  });
}

// ---------------------------------------------------------------------------------------------
// Processes

const children = new Map<string, ChildProcess>();
let stopping = false;

function envFor(s: Service): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(s.port), HOST };
  if (s.name === 'gateway') {
    for (const other of SERVICES) if (other.name !== 'gateway') env[`${other.name.toUpperCase()}_URL`] = urlOf(other);
  }
  return env;
}

function startService(s: Service): ChildProcess {
  // `node --import tsx` rather than the tsx CLI: one process per service, so signals and exit
  // codes are the service's own. `detached` puts each child in its own process group, so a Ctrl-C
  // in the terminal reaches only this script, which then sends each child exactly one SIGTERM
  // (a second signal makes a service skip its graceful close).
  const child = spawn(process.execPath, ['--import', 'tsx', join('services', s.name, 'src', 'server.ts')], {
    cwd: ROOT,
    env: envFor(s),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  pipeLines(s, child.stdout, process.stdout);
  pipeLines(s, child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    children.delete(s.name);
    if (stopping) {
      say(`${s.name} stopped${code ? ` (code ${code})` : ''}`);
      return;
    }
    say(`\x1b[31m${s.name} exited (${signal ?? `code ${code}`}); stopping the suite\x1b[0m`);
    void shutdown(1);
  });
  child.on('error', (err) => {
    say(`\x1b[31m${s.name} could not start: ${err.message}\x1b[0m`);
    void shutdown(1);
  });
  children.set(s.name, child);
  return child;
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (children.size > 0) say(`stopping ${[...children.keys()].join(', ')}…`);
  const exits = [...children.values()].map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  );
  const timer = setTimeout(() => {
    for (const [name, child] of children) {
      say(`\x1b[31m${name} did not stop in ${STOP_TIMEOUT_MS / 1000} s: killing it\x1b[0m`);
      child.kill('SIGKILL');
    }
  }, STOP_TIMEOUT_MS);
  await Promise.all(exits);
  clearTimeout(timer);
  say('all stopped');
  process.exit(code);
}

/** True when nothing listens on the port (so we do not mistake another suite for ours). */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect({ host: REACH_HOST, port });
    probe.setTimeout(1000);
    probe.once('connect', () => {
      probe.destroy();
      resolve(false);
    });
    probe.once('timeout', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(true));
  });
}

async function waitHealthy(s: Service): Promise<void> {
  const until = Date.now() + START_TIMEOUT_MS;
  while (!stopping) {
    try {
      const res = await fetch(`${urlOf(s)}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${s.name} did not answer GET /health within ${START_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function main(): Promise<void> {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void shutdown(0));

  const busy: string[] = [];
  for (const s of SERVICES) if (!(await portFree(s.port))) busy.push(`${s.name} :${s.port}`);
  if (busy.length > 0) {
    say(`\x1b[31mports already in use (${busy.join(', ')}): is the suite already running? Stop it, or set ERON_PORT_BASE.\x1b[0m`);
    process.exit(1);
  }

  const started = Date.now();
  for (const s of SERVICES) startService(s);
  try {
    await Promise.all(SERVICES.map((s) => waitHealthy(s)));
  } catch (err) {
    say(`\x1b[31m${(err as Error).message}\x1b[0m`);
    await shutdown(1);
    return;
  }
  if (stopping) return;

  const gateway = `http://localhost:${BASE}`;
  const lines = [
    `\x1b[1mERON suite is up\x1b[0m (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    `  Gateway (the only public entry)  ${gateway}/api/v1/<service>/…`,
    `  API docs (Swagger UI)            ${gateway}/docs`,
    `  Merged OpenAPI                   ${gateway}/openapi.json`,
    `  Queue dashboard                  ${gateway}/admin/queues  (token of role info_systems or dg)`,
    '  Services (health, ready, Prometheus metrics):',
    ...SERVICES.filter((s) => s.name !== 'gateway').map(
      (s) => `    ${s.name.padEnd(WIDTH)}  ${urlOf(s)}/health  ${urlOf(s)}/ready  ${urlOf(s)}/metrics`,
    ),
    `    ${'gateway'.padEnd(WIDTH)}  ${gateway}/health  ${gateway}/metrics`,
    '  A token to call the API (dev key):  pnpm run token --role director --eron 113',
    `    curl -H "Authorization: Bearer $(pnpm -s run token --role director --eron 113)" ${gateway}/api/v1/…`,
    '  Ctrl-C stops everything.',
  ];
  for (const line of lines) say(line);
}

void main();
