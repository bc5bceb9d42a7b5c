/**
 * A closed-loop HTTP load from wrk (a C client, Debian's `wrk`), for a benchmark whose baseline is
 * pgbench's C client: on two cores the load generator shares the machine with the service, and a
 * JavaScript client spends on each request a share of the CPU the service is measured by. Two wrk
 * threads (one per core; one when the sockets are odd) share the `connections` keep-alive sockets
 * and each sends its own share of the bodies (body k to thread k mod threads), the next as soon as
 * a socket is free; a Lua script writes each answer's status and problem rule, and the last answer
 * of every thread ends the run. A thread per socket cost four times as much CPU (a wake-up per
 * answer).
 * Used when `wrk` is on PATH (`hasWrk`); the benchmarks fall back to autocannon otherwise.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface Answer {
  status: number;
  rule?: string;
  error?: string;
}

const installed = (): boolean => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    // wrk --version prints its usage and exits 1: it is there.
    return (err as { status?: number }).status === 1;
  }
};

/** Whether Debian's wrk is installed, installing it when we are root on Debian (as the set-up installs redis-server). */
export function hasWrk(): boolean {
  if (installed()) return true;
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('apt-get', ['install', '-y', '-qq', 'wrk'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch {
    return false;
  }
  return installed();
}

// Thread ids come from setup() (run once per thread, in order); each thread's init() reads its own
// share of the bodies. Once a thread has sent its share, delay() parks its free sockets until the
// thread stops at its last answer (its answers then moved into the folder watched for the end); a
// request asked for past the share anyway is a GET of /health, whose answer is not counted.
const SCRIPT = `
wrk.method = "POST"
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end
function init(args)
  bodies = {}
  for line in io.lines(args[1] .. "/" .. id) do bodies[#bodies + 1] = line end
  args_dir = args[3]
  args_done = args[4]
  sent = 0
  answered = 0
  out = io.open(args[3] .. "/" .. id, "w")
  io.open(args[5] .. "/" .. id, "w"):close()
end
function request()
  -- wrk asks thread 0's script for one request before the run, to count the requests it holds.
  if id == 0 and not verified then
    verified = true
    return wrk.format(nil, nil, nil, bodies[1])
  end
  sent = sent + 1
  if sent > #bodies then return wrk.format("GET", "/health", {}, nil) end
  return wrk.format(nil, nil, nil, bodies[sent])
end
function delay()
  if sent >= #bodies then return 3600000 end
  return 0
end
function response(status, headers, body)
  if status == 200 and body:find('"status":"ok"', 1, true) then return end
  answered = answered + 1
  if answered <= #bodies then
    out:write(status, " ", body:match('"rule":"([^"]*)"') or "", "\\n")
    if answered == #bodies then
      out:close()
      os.rename(args_dir .. "/" .. id, args_done .. "/" .. id)
      wrk.thread:stop()
    end
  end
end
`;

/**
 * POSTs every body once to `url` over `connections` sockets, as fast as they are answered; returns
 * one answer per body — in the order they came, not the bodies' — and the seconds from the start
 * to the last answer. A body not answered within `timeoutMs` (a socket error, a hang) is reported
 * as "no answer".
 */
export async function fireWithWrk(opts: {
  url: string;
  headers: Record<string, string>;
  bodies: string[];
  connections: number;
  timeoutMs: number;
}): Promise<{ answers: Answer[]; seconds: number }> {
  const { bodies } = opts;
  const n = Math.min(opts.connections, bodies.length);
  // wrk gives each thread connections / threads sockets.
  const threads = n % 2 === 0 ? 2 : 1;
  const dir = mkdtempSync(join(tmpdir(), 'wrk-'));
  const out = join(dir, 'answers');
  const done = join(dir, 'done');
  const ready = join(dir, 'ready');
  for (const d of [out, done, ready]) mkdirSync(d);
  const shares = join(dir, 'bodies');
  mkdirSync(shares);
  for (let t = 0; t < threads; t += 1) writeFileSync(join(shares, String(t)), bodies.filter((_, k) => k % threads === t).join('\n') + '\n');
  writeFileSync(join(dir, 'fire.lua'), SCRIPT);
  const args = [
    '-t',
    String(threads),
    '-c',
    String(n),
    '-d',
    `${Math.ceil(opts.timeoutMs / 1000)}s`,
    '--timeout',
    `${Math.ceil(opts.timeoutMs / 1000)}s`,
  ];
  args.push('-s', join(dir, 'fire.lua'));
  for (const [k, v] of Object.entries({ ...opts.headers })) args.push('-H', `${k}: ${v}`);
  args.push(opts.url, '--', shares, String(threads), out, done, ready);
  const finished = new Set<string>();
  let last = 0;
  let finish = () => {};
  // wrk's main thread sleeps out -d: it is told to stop (SIGINT) once every thread has moved its answers.
  const allAnswered = new Promise<void>((resolve) => {
    const watcher = watch(done, (_event, name) => {
      if (!name || finished.has(name)) return;
      finished.add(name);
      last = performance.now();
      if (finished.size === threads) finish();
    });
    const timer = setTimeout(() => finish(), opts.timeoutMs + 5_000);
    finish = () => {
      clearTimeout(timer);
      watcher.close();
      resolve();
    };
  });
  // The clock starts when the first thread has read its bodies and connects (not at wrk's start-up).
  let started = performance.now();
  const readyWatcher = watch(ready, () => {
    started = performance.now();
    readyWatcher.close();
  });
  try {
    const wrk = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = '';
    wrk.stdout.on('data', (d: Buffer) => (printed += d.toString()));
    wrk.stderr.on('data', (d: Buffer) => (printed += d.toString()));
    const exited = new Promise<number | null>((resolve) => wrk.once('exit', (code) => resolve(code)));
    void exited.then(() => finish());
    await allAnswered;
    wrk.kill('SIGINT');
    const code = await exited;
    if (finished.size < threads && code !== 0 && code !== null) throw new Error(`wrk exited with ${code}:\n${printed.slice(-1000)}`);
    const answers: Answer[] = [];
    for (let t = 0; t < threads; t += 1) {
      try {
        for (const line of readFileSync(join(finished.has(String(t)) ? done : out, String(t)), 'utf8')
          .split('\n')
          .slice(0, -1)) {
          const [status, rule] = line.split(' ');
          answers.push({ status: Number(status), rule: rule || undefined });
        }
      } catch {
        // A thread that never answered wrote nothing.
      }
    }
    while (answers.length < bodies.length) answers.push({ status: 0, error: 'no answer' });
    return { answers, seconds: ((finished.size === threads ? last : performance.now()) - started) / 1000 };
  } finally {
    readyWatcher.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
