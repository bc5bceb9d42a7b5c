import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(__dirname, '../..');

/** One request as the seed sends it, to whichever transport its world uses (world.ts). */
export interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = (server.address() as net.AddressInfo) ?? { port: 0 };
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

/** The settings as environment variables: what the seed was given wins over its own environment and `.env`. */
const asEnv = (env: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(env)
      .filter(([, v]) => v !== undefined && v !== null && typeof v !== 'object')
      .map(([k, v]) => [k, String(v)]),
  );

export interface Running {
  url(service: string): string;
  stop(): Promise<void>;
}

/**
 * Each service in its own Node process, as `pnpm start` runs it (`node --import tsx
 * services/<name>/src/server.ts`), on a free loopback port, ready once `/ready` answers. Their
 * log lines (warnings and errors at the seed's LOG_LEVEL) are kept and shown when one fails. A name
 * `visits#2` is a second process of visits.
 */
export async function startServiceProcesses(names: readonly string[], env: Record<string, unknown>, timeoutMs = 180_000): Promise<Running> {
  const children = new Map<string, { child: ChildProcess; port: number; tail: string[]; exited: Promise<void> }>();
  let stopping = false;
  const kill = () => {
    for (const c of children.values()) c.child.kill('SIGKILL');
  };
  process.once('exit', kill);
  for (const name of names) {
    const port = await freePort();
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...asEnv(env), PORT: String(port), HOST: '127.0.0.1' };
    delete childEnv.NODE_OPTIONS; // jest's flags are not the service's
    const child = spawn(process.execPath, ['--import', 'tsx', join('services', name.split('#')[0]!, 'src', 'server.ts')], {
      cwd: ROOT,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        tail.push(line);
        if (tail.length > 40) tail.shift();
      });
    }
    const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
    child.once('exit', (code, signal) => {
      if (!stopping) process.stderr.write(`seed: ${name} exited (${signal ?? code}):\n${tail.join('\n')}\n`);
    });
    children.set(name, { child, port, tail, exited });
  }
  const url = (name: string) => `http://127.0.0.1:${children.get(name)!.port}`;
  const stop = async () => {
    stopping = true;
    for (const c of children.values()) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGTERM');
    const killed = setTimeout(kill, 15_000);
    await Promise.all([...children.values()].map((c) => c.exited));
    clearTimeout(killed);
    process.off('exit', kill);
  };
  const end = Date.now() + timeoutMs;
  try {
    for (const [name, c] of children) {
      for (;;) {
        if (c.child.exitCode !== null) throw new Error(`${name} exited (${c.child.exitCode}) at start:\n${c.tail.join('\n')}`);
        const ready = await fetch(`${url(name)}/ready`, { signal: AbortSignal.timeout(10_000) }).then(
          (r) => r.ok,
          () => false,
        );
        if (ready) break;
        if (Date.now() > end) throw new Error(`${name} not ready after ${timeoutMs} ms:\n${c.tail.join('\n')}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, stop };
}

/** HTTP/1.1 keep-alive to the services: at most `sockets` connections to each. */
export function httpClient(sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  return {
    send(base: string, r: Sent): Promise<{ status: number; text: string }> {
      const headers: Record<string, string | number> = { ...r.headers };
      const body = r.payload === undefined ? undefined : Buffer.from(r.payload);
      if (body) headers['content-length'] = body.length;
      return new Promise((ok, fail) => {
        const req = http.request(`${base}${r.url}`, { method: r.method, headers, agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => ok({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', fail);
        });
        req.on('error', fail);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
