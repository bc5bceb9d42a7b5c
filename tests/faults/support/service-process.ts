import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ServiceName } from '@eron/shared';
import { freePort, ROOT } from './servers';

/**
 * One instance of a service as it runs in production: its own Node process
 * (`node --import tsx services/<name>/src/server.ts`, as scripts/start.ts starts it), on a fixed
 * port so a restart comes back at the same URL. A drill kills it with SIGKILL (no graceful close:
 * in-flight requests, jobs and relay batches die with it) and starts it again.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  /** The last lines it printed: what a failed start or a drill's report shows. */
  private readonly tail: string[] = [];
  /** Events this instance consumed, across its restarts (its "Event consumed" log lines). */
  consumed = 0;
  port = 0;

  constructor(
    readonly name: ServiceName,
    readonly instance: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get label(): string {
    return `${this.name}#${this.instance}`;
  }

  async start(timeoutMs = 300_000): Promise<this> {
    this.port ||= await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1' };
    delete env.NODE_OPTIONS; // jest's --experimental-vm-modules is not the service's
    const child = spawn(process.execPath, ['--import', 'tsx', join('services', this.name, 'src', 'server.ts')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    // Never outlive the drill, even when the test process dies first.
    const orphan = () => child.kill('SIGKILL');
    process.once('exit', orphan);
    child.once('exit', () => process.off('exit', orphan));
    this.exited = new Promise((ok) => child.once('exit', () => ok()));
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        if (line.includes('"msg":"Event consumed"')) this.consumed += 1;
        if (line.includes('"level":30')) return; // info: requests and events, not what a failure report needs
        this.tail.push(line);
        if (this.tail.length > 40) this.tail.shift();
      });
    }
    const end = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${this.label} exited (${child.exitCode}) at start:\n${this.logTail()}`);
      const ready = await fetch(`${this.url}/ready`, { signal: AbortSignal.timeout(10_000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (Date.now() > end) throw new Error(`${this.label} not ready after ${timeoutMs} ms:\n${this.logTail()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    return this;
  }

  /** SIGKILL: the process ends at once, mid-request, mid-job, mid-transaction. */
  async kill(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM: the graceful close (in-flight work finishes), as at the end of a drill. */
  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const killed = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(killed);
  }

  logTail(): string {
    return this.tail.join('\n');
  }
}
