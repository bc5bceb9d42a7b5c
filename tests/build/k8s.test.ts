/**
 * The Kubernetes manifests (issue 13): `pnpm k8s:check` renders every overlay of deploy/k8s
 * offline and validates each object against its schema and against the code; and it fails,
 * naming each, on a copy broken where the code would break in a cluster.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = resolve(__dirname, '../..');
const CHECK = ['exec', 'tsx', 'scripts/k8s.ts', 'check'];

async function check(dir?: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run('pnpm', [...CHECK, ...(dir ? [dir] : [])], { cwd: root, timeout: 600_000 });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  writeFileSync(file, text.replace(from, to));
}

describe('PLT-10 Kubernetes manifests are checked offline against the schemas and the code', () => {
  let broken: string;
  beforeAll(() => {
    broken = mkdtempSync(join(tmpdir(), 'eron-k8s-'));
    cpSync(join(root, 'deploy/k8s'), broken, { recursive: true });
    const base = join(broken, 'base');
    // A probe on a path folio does not serve.
    edit(join(base, 'folio.yaml'), 'path: /ready', 'path: /readyz');
    // A setting no config loader reads (a typo of RATE_LIMIT_MAX).
    edit(
      join(base, 'gateway.yaml'),
      '            - name: CORS_ORIGINS\n',
      "            - name: RATE_LIMIT\n              value: '10'\n            - name: CORS_ORIGINS\n",
    );
    // A schema error: a port that is not a number.
    edit(join(base, 'visits.yaml'), 'port: 3004\n      targetPort: http', "port: 'three thousand'\n      targetPort: http");
    // A value the loader refuses, a secret written out, and a grace shorter than the drain.
    edit(join(base, 'config.yaml'), "MIGRATE_ON_START: 'false'", "MIGRATE_ON_START: 'perhaps'");
    edit(join(base, 'config.yaml'), 'JWT_AUDIENCE: eron', 'JWT_AUDIENCE: eron\n  JWT_SECRET: eron-local-development-key-do-not-use');
    edit(join(base, 'discipline.yaml'), 'terminationGracePeriodSeconds: 30', 'terminationGracePeriodSeconds: 12');
    // The gateway sent to a port no Service has, and a service let in from anywhere.
    edit(join(base, 'gateway.yaml'), "value: 'http://folio:3002'", "value: 'http://folio:3012'");
    edit(
      join(base, 'network-policies.yaml'),
      '        - podSelector:\n            matchLabels:\n              app.kubernetes.io/name: gateway',
      '        - namespaceSelector: {}',
    );
  });
  afterAll(() => rmSync(broken, { recursive: true, force: true }));

  it('PLT-10 when every overlay is rendered and checked then it passes', async () => {
    const { code, out } = await check();
    expect(out).toMatch(/k8s: production, staging rendered, \d+ objects valid and matching the code/);
    expect(code).toBe(0);
  }, 660_000);

  it('PLT-10 when a copy breaks probes, env vars, schemas, secrets, grace, ports or policies then it fails naming each', async () => {
    const { code, out } = await check(broken);
    expect(code).toBe(1);
    for (const overlay of ['staging', 'production']) {
      const ns = `eron-${overlay}`;
      expect(out).toContain(`overlays/${overlay}: Deployment/${ns}/folio: readinessProbe must ask /ready, not /readyz`);
      expect(out).toContain(`overlays/${overlay}: Deployment/${ns}/folio: readinessProbe path /readyz is not a GET route of folio`);
      expect(out).toContain(
        `overlays/${overlay}: Deployment/${ns}/gateway container gateway: RATE_LIMIT is not read by gateway's config loader`,
      );
      expect(out).toMatch(new RegExp(`overlays/${overlay}: Service/${ns}/visits: schema: .*port`));
      expect(out).toMatch(
        new RegExp(`overlays/${overlay}: Deployment/${ns}/folio container folio: the config loader refuses its values: .*MIGRATE_ON_START`),
      );
      expect(out).toContain(
        `overlays/${overlay}: Deployment/${ns}/visits container visits: JWT_SECRET is a secret: give it by secretKeyRef`,
      );
      expect(out).toContain(`overlays/${overlay}: Deployment/${ns}/visits container visits: JWT_SECRET is a development key`);
      expect(out).toContain(`overlays/${overlay}: Deployment/${ns}/discipline: terminationGracePeriodSeconds must exceed 15 s`);
      expect(out).toContain(`overlays/${overlay}: Deployment/${ns}/gateway: FOLIO_URL port 3012 is not Service folio's`);
      expect(out).toContain(`overlays/${overlay}: NetworkPolicy/${ns}/services-from-gateway: lets pods other than the gateway reach folio`);
    }
  }, 660_000);
});
