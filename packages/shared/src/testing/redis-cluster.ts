import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

/** The OS's redis-server (the embedded default of scripts/infra.ts uses it too), if installed. */
export const redisServerPath = (): string | undefined =>
  (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'redis-server'))
    .find((p) => existsSync(p));

/** A port free now whose cluster bus port (+10 000) is free too. */
async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = s.address() as { port: number };
        s.close(() => resolve(p));
      });
    });
    if (port + 10_000 > 65_535) continue;
    const busFree = await new Promise<boolean>((resolve) => {
      const s = createServer()
        .once('error', () => resolve(false))
        .listen(port + 10_000, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (busFree) return port;
  }
}

export interface TestRedisCluster {
  /** REDIS_URL for REDIS_CLUSTER=true: every node, with the password. */
  url: string;
  close(): Promise<void>;
}

/**
 * A real Redis Cluster of three masters (no replicas) for a test: three redis-server processes
 * with a password, joined by `redis-cli --cluster create`, in a temporary directory, nothing
 * persisted. `close` stops the processes it started.
 */
export async function startRedisCluster(): Promise<TestRedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'eron-redis-cluster-'));
  const password = randomBytes(12).toString('hex');
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  const close = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      ports.push(port);
      // Some flags take a value that must be an empty string, so no shell: arguments as given.
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes'];
      args.push('--cluster-config-file', join(dir, `nodes-${port}.conf`), '--dir', dir, '--save', '', '--appendonly', 'no');
      args.push('--requirepass', password, '--masterauth', password);
      children.push(spawn('redis-server', args, { stdio: 'ignore' }));
    }
    const cli = (args: string[]) => promisify(execFile)('redis-cli', ['-a', password, '--no-auth-warning', ...args], { timeout: 30_000 });
    for (const port of ports) {
      for (let tries = 0; ; tries++) {
        const pong = await cli(['-p', String(port), 'ping']).then(
          (r) => r.stdout.trim(),
          () => '',
        );
        if (pong === 'PONG') break;
        if (tries > 100) throw new Error(`redis-server on ${port} did not start`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    await cli(['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes']);
    // Every node must agree before a client is told the slot map.
    for (let tries = 0; ; tries++) {
      const states = await Promise.all(ports.map((p) => cli(['-p', String(p), 'cluster', 'info']).then((r) => r.stdout)));
      if (states.every((s) => s.includes('cluster_state:ok'))) break;
      if (tries > 200) throw new Error('the test Redis Cluster did not reach cluster_state:ok');
      await new Promise((r) => setTimeout(r, 50));
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { url: ports.map((p) => `redis://:${password}@127.0.0.1:${p}`).join(','), close };
}
