/**
 * What `pnpm k8s:check` proves of deploy/k8s, overlay by overlay: each object against its schema
 * (schemas.ts), then against the code — the image and entry points the Dockerfile builds, the ports
 * docker-compose gives each process, probe paths that are routes of that process, env vars its
 * config loader reads (and the ones a cluster must give it), secrets only by reference, a
 * termination grace longer than the drain, a Service, autoscaler and disruption budget for each
 * process, NetworkPolicies that let only the gateway (and the calls the code makes) in, the
 * migrations Job for every service, and a Postgres primary with a replica.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Type, type TObject } from '@sinclair/typebox';
import { parse } from 'yaml';
import { SERVICES } from '@eron/shared';
import { BaseEnv, DEV_JWT_SECRET, DRAIN_TIMEOUT_MS, loadConfig, NoExtra } from '@eron/shared/platform';
import { GatewayEnv, loadGatewayConfig } from '../../services/gateway/src/config';
import { ClassificationEnv, loadClassificationConfig } from '../../services/classification/src/config';
import { FolioEnv, loadFolioConfig } from '../../services/folio/src/config';
import { VisitsEnv, loadVisitsConfig } from '../../services/visits/src/config';
import { loadDisciplineConfig } from '../../services/discipline/src/config';
import { imageRepo, idOf, readYaml, render, type K8sObject } from './render';
import { schemaProblems } from './schemas';
import { routesOf } from './routes';

const ROOT = resolve(__dirname, '../..');
const PROCESSES = ['gateway', ...SERVICES] as const;
type Process = (typeof PROCESSES)[number];

/** Each process's settings schema and loader, as its server.ts reads them at boot. */
const CONFIG: Record<Process, { schema: TObject; load: (env: Record<string, unknown>) => unknown }> = {
  gateway: { schema: Type.Composite([BaseEnv, GatewayEnv]), load: loadGatewayConfig },
  classification: { schema: Type.Composite([BaseEnv, ClassificationEnv]), load: loadClassificationConfig },
  folio: { schema: Type.Composite([BaseEnv, FolioEnv]), load: loadFolioConfig },
  discipline: { schema: BaseEnv, load: loadDisciplineConfig },
  visits: { schema: Type.Composite([BaseEnv, VisitsEnv]), load: loadVisitsConfig },
};

/** A secret by its name: only ever given by secretKeyRef, never as a value in a manifest. */
const SECRET_NAME = /SECRET|PASSWORD|_KEYS?$|^DATABASE_URL$|^REDIS_URL$|^SMTP_URL$/;
const LOOPBACK = /\/\/(127\.0\.0\.1|localhost)[:/]/;

type Json = Record<string, any>;
interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: Json }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  livenessProbe?: Json;
  readinessProbe?: Json;
  startupProbe?: Json;
  lifecycle?: Json;
  resources?: Json;
}

export interface CheckResult {
  overlays: string[];
  objects: number;
  problems: string[];
}

/** The code's facts: image name, node flags, each process's port, from the Dockerfile and docker-compose.yml. */
function codeFacts(root: string): { image: string; nodeFlags: string[]; ports: Record<string, number> } {
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as Json;
  const image = imageRepo(String(compose['x-node'].image));
  const ports: Record<string, number> = {};
  for (const p of PROCESSES) ports[p] = Number(compose.services[p].environment.PORT);
  const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(root, 'Dockerfile'), 'utf8'));
  const nodeFlags = (JSON.parse(cmd![1]!) as string[]).slice(0, -1);
  return { image, nodeFlags, ports };
}

const labelsMatch = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean =>
  !!selector && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

const podSpecOf = (o: K8sObject): Json | undefined => (o.spec as Json | undefined)?.template?.spec;
const podLabelsOf = (o: K8sObject): Record<string, string> | undefined => (o.spec as Json | undefined)?.template?.metadata?.labels;

/** The process a container runs: `node <flags> services/<process>/dist/<entry>.js`. */
function entryOf(c: Container): { process: string; entry: string } | undefined {
  const script = [...(c.command ?? []), ...(c.args ?? [])].find((a) => /^services\/[^/]+\/dist\/[^/]+\.js$/.test(a));
  const m = script && /^services\/([^/]+)\/dist\/([^/]+)\.js$/.exec(script);
  return m ? { process: m[1]!, entry: m[2]! } : undefined;
}

class Checker {
  readonly problems: string[] = [];
  constructor(
    private readonly where: string,
    private readonly objects: K8sObject[],
    private readonly secrets: K8sObject[],
    private readonly facts: ReturnType<typeof codeFacts>,
    private readonly root: string,
    private readonly routes: Record<Process, string[]>,
  ) {}

  fail(what: string, msg: string): void {
    this.problems.push(`${this.where}: ${what}: ${msg}`);
  }

  find(kind: string, name: string): K8sObject | undefined {
    return this.objects.find((o) => o.kind === kind && o.metadata.name === name);
  }

  /** The keys a Secret has: the template's, or CNPG's app Secret of a Cluster in the render. */
  secretKeys(name: string): string[] | undefined {
    const own = this.secrets.find((s) => s.kind === 'Secret' && s.metadata.name === name);
    if (own) return Object.keys({ ...(own.stringData as Json), ...(own.data as Json) });
    const cluster = this.objects.find((o) => o.kind === 'Cluster' && `${o.metadata.name}-app` === name);
    return cluster ? ['uri', 'username', 'password', 'host', 'port', 'dbname', 'jdbc-uri', 'pgpass'] : undefined;
  }

  run(imageName: string): void {
    const servers = this.objects.filter((o) => o.kind === 'Deployment' && podSpecOf(o)?.containers?.some((c: Container) => entryOf(c)));
    for (const p of PROCESSES)
      if (!servers.some((d) => d.metadata.name === p))
        this.fail(`Deployment/${p}`, 'missing: every process runs as a Deployment of its name');
    for (const o of this.objects) {
      const spec = podSpecOf(o);
      if (!spec) continue;
      for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])] as Container[]) this.container(o, c, imageName);
    }
    for (const d of servers) this.server(d);
    this.networkPolicies(servers);
    this.migrations();
    this.postgres();
  }

  container(o: K8sObject, c: Container, imageName: string): void {
    const what = `${idOf(o)} container ${c.name}`;
    const entry = entryOf(c);
    if (!entry) {
      if (c.image && imageRepo(c.image) === imageRepo(imageName))
        this.fail(what, 'runs the suite image without a services/<name>/dist/<entry>.js command');
      return;
    }
    if (!c.image || imageRepo(c.image) !== imageName)
      this.fail(what, `image ${c.image} is not ${imageName} (the Dockerfile's image, docker-compose's ${this.facts.image})`);
    else if (!/[:@]/.test(c.image.slice(imageName.length))) this.fail(what, `image ${c.image} names no release tag`);
    if (!(PROCESSES as readonly string[]).includes(entry.process))
      return this.fail(what, `services/${entry.process} is not a process of the suite`);
    if (!existsSync(join(this.root, 'services', entry.process, 'src', `${entry.entry}.ts`)))
      this.fail(what, `services/${entry.process}/src/${entry.entry}.ts does not exist, so the image has no dist/${entry.entry}.js`);
    const flags = (c.command ?? []).slice(0, this.facts.nodeFlags.length);
    if (flags.join(' ') !== this.facts.nodeFlags.join(' '))
      this.fail(what, `command must start ${JSON.stringify(this.facts.nodeFlags)} like the Dockerfile's CMD`);
    this.env(what, entry.process as Process, c, o.kind === 'Deployment');
    if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory || !c.resources?.limits?.memory)
      this.fail(what, 'resources: cpu and memory requests and a memory limit');
  }

  /** Every env var named is read by the loader (or feeds another's $(…)); the ones a cluster needs are given. */
  env(what: string, process: Process, c: Container, server: boolean): void {
    // The migrations Job's entry (services/<name>/src/migrate.ts) reads the shared settings alone.
    const { schema, load } = server
      ? CONFIG[process]
      : { schema: BaseEnv, load: (env: Record<string, unknown>) => loadConfig(NoExtra, env) };
    const props = schema.properties as Record<string, { default?: unknown; pattern?: string; format?: string }>;
    const given = new Map<string, { value?: string; secret?: boolean }>();
    for (const from of c.envFrom ?? []) {
      if (from.secretRef)
        this.fail(what, `envFrom secretRef ${from.secretRef.name}: name each secret key (secretKeyRef) so the check can follow it`);
      const cm = from.configMapRef && this.find('ConfigMap', from.configMapRef.name);
      if (from.configMapRef && !cm) this.fail(what, `envFrom ConfigMap ${from.configMapRef.name} is not in the render`);
      for (const [k, v] of Object.entries((cm?.data ?? {}) as Record<string, string>)) given.set(k, { value: v });
    }
    for (const e of c.env ?? []) {
      if (e.valueFrom?.secretKeyRef) {
        const { name, key } = e.valueFrom.secretKeyRef as { name: string; key: string };
        const keys = this.secretKeys(name);
        if (!keys) this.fail(what, `${e.name}: Secret ${name} is neither in deploy/k8s/secrets nor made by a CNPG Cluster of the render`);
        else if (!keys.includes(key)) this.fail(what, `${e.name}: Secret ${name} has no key ${key}`);
        given.set(e.name, { secret: true });
      } else given.set(e.name, { value: e.value ?? '' });
    }
    // Kubernetes expands $(NAME) only from a variable defined above it in the list.
    (c.env ?? []).forEach((e, i) => {
      for (const [, ref] of (e.value ?? '').matchAll(/\$\(([A-Z0-9_]+)\)/g))
        if (!(c.env ?? []).slice(0, i).some((x) => x.name === ref))
          this.fail(what, `${e.name} uses $(${ref}), which is not defined above it`);
    });
    const literal = (v: { value?: string }) => v.value !== undefined && !v.value.includes('$(');
    for (const [name, v] of given) {
      const feeds = [...given.values()].some((o) => o.value?.includes(`$(${name})`));
      if (!(name in props) && !feeds)
        this.fail(what, `${name} is not read by ${process}'s config loader (services/${process}/src/config.ts, BaseEnv)`);
      if (SECRET_NAME.test(name) && literal(v) && v.value !== '')
        this.fail(what, `${name} is a secret: give it by secretKeyRef, never as a value`);
      if (v.value === DEV_JWT_SECRET || (SECRET_NAME.test(name) && props[name]?.default && v.value === props[name].default))
        this.fail(what, `${name} is a development key`);
    }
    const literals = Object.fromEntries([...given].filter(([n, v]) => n in props && literal(v)).map(([n, v]) => [n, v.value]));
    const needs = Object.entries(props)
      .filter(([, s]) => typeof s.default === 'string' && LOOPBACK.test(s.default))
      .map(([n]) => n);
    // The gateway inherits DATABASE_URL from BaseEnv but has no database (checked, not assumed).
    const noDb = process === 'gateway' && !this.mentions(join('services', 'gateway', 'src'), 'DATABASE_URL');
    // A server needs them all; the migrations Job's entry reads DATABASE_URL alone.
    for (const n of server ? needs : ['DATABASE_URL'])
      if (!given.has(n) && !(noDb && n === 'DATABASE_URL'))
        this.fail(what, `${n} is not given: its default (${String(props[n]!.default)}) is this machine, not the cluster`);
    if (!given.has('JWT_JWKS_URL') && !given.has('JWT_SECRET')) this.fail(what, 'neither JWT_JWKS_URL nor JWT_SECRET is given (PLT-03)');
    if (literals.NODE_ENV !== 'production') this.fail(what, 'NODE_ENV must be production');
    if (server && literals.MIGRATE_ON_START !== 'false') this.fail(what, 'MIGRATE_ON_START must be false (the migrations Job migrates)');
    if (!/\{[^}]+\}/.test(String(literals.QUEUE_PREFIX ?? props.QUEUE_PREFIX?.default)))
      this.fail(what, 'QUEUE_PREFIX must hold a {hash tag} (BullMQ on Redis Cluster)');
    try {
      // The values the manifest spells out, as the loader reads them (types, patterns, ranges).
      // A setting given by a Secret holds the deployment's own value, not the loader's default
      // (a plain placeholder where the schema asks no particular shape).
      const fromSecrets = Object.fromEntries(
        [...given].filter(([n, v]) => v.secret && n in props && !props[n]!.pattern && !props[n]!.format).map(([n]) => [n, `secret-${n}`]),
      );
      load({ ...fromSecrets, ...literals, JWT_JWKS_URL: 'https://jwks.check.invalid/keys', JWT_SECRET: undefined });
    } catch (err) {
      this.fail(what, `the config loader refuses its values: ${(err as Error).message}`);
    }
  }

  mentions(dir: string, text: string): boolean {
    const full = join(this.root, dir);
    return readdirSync(full, { recursive: true, withFileTypes: true }).some(
      (f) => f.isFile() && f.name.endsWith('.ts') && readFileSync(join(f.parentPath, f.name), 'utf8').includes(text),
    );
  }

  /** A process's Deployment: port, probes, graceful stop, Service, HPA and PDB. */
  server(d: K8sObject): void {
    const what = idOf(d);
    const spec = podSpecOf(d)!;
    const c = (spec.containers as Container[]).find((x) => entryOf(x))!;
    const process = entryOf(c)!.process as Process;
    if (d.metadata.name !== process) this.fail(what, `runs ${process}: name it ${process} (its Service's DNS name)`);
    const port = this.facts.ports[process];
    const http = c.ports?.find((p) => p.name === 'http');
    if (!http || http.containerPort !== port)
      this.fail(what, `containerPort named http must be ${port}, ${process}'s PORT in docker-compose.yml`);
    const envPort = c.env?.find((e) => e.name === 'PORT')?.value;
    if (envPort !== String(port)) this.fail(what, `PORT must be ${port} (the container port)`);
    const probe = (kind: 'livenessProbe' | 'readinessProbe', path: string) => {
      const get = c[kind]?.httpGet as { path?: string; port?: string | number } | undefined;
      if (!get) return this.fail(what, `${kind}: an httpGet on ${path}`);
      if (get.path !== path) this.fail(what, `${kind} must ask ${path}, not ${get.path}`);
      if (get.path && !this.routes[process].includes(get.path))
        this.fail(what, `${kind} path ${get.path} is not a GET route of ${process}`);
      if (get.port !== 'http' && get.port !== port) this.fail(what, `${kind} port ${get.port} is not the http port`);
    };
    probe('livenessProbe', '/health');
    probe('readinessProbe', '/ready');
    const preStop = (c.lifecycle?.preStop?.exec?.command as string[] | undefined)?.[1];
    const needed = DRAIN_TIMEOUT_MS / 1000 + Number(preStop ?? 0);
    if (!(Number(spec.terminationGracePeriodSeconds) > needed))
      this.fail(what, `terminationGracePeriodSeconds must exceed ${needed} s (preStop + the drain, DRAIN_TIMEOUT_MS)`);
    const labels = podLabelsOf(d);
    const svc = this.find('Service', process);
    const sp = (svc?.spec as Json | undefined)?.ports?.[0];
    if (!svc || !labelsMatch((svc.spec as Json).selector, labels)) this.fail(what, `no Service ${process} selecting its pods`);
    else if (sp?.port !== port || (sp.targetPort !== 'http' && sp.targetPort !== port))
      this.fail(idOf(svc), `port ${port} to the container's http port`);
    const hpa = this.objects.find((o) => o.kind === 'HorizontalPodAutoscaler' && (o.spec as Json).scaleTargetRef?.name === process);
    if (!hpa) this.fail(what, 'no HorizontalPodAutoscaler scales it');
    if ((d.spec as Json).replicas !== undefined && hpa) this.fail(what, 'replicas is set while an HPA owns the count');
    const pdb = this.objects.find((o) => o.kind === 'PodDisruptionBudget' && labelsMatch((o.spec as Json).selector?.matchLabels, labels));
    if (!pdb) this.fail(what, 'no PodDisruptionBudget covers its pods');
  }

  /** Only the gateway reaches the services; every call the code makes (a *_URL) is allowed. */
  networkPolicies(servers: K8sObject[]): void {
    const policies = this.objects.filter((o) => o.kind === 'NetworkPolicy');
    const selecting = (d: K8sObject) => policies.filter((p) => labelsMatch((p.spec as Json).podSelector?.matchLabels, podLabelsOf(d)));
    const allows = (to: K8sObject, from: K8sObject) =>
      selecting(to).some((p) =>
        ((p.spec as Json).ingress ?? []).some((rule: Json) =>
          (rule.from ?? []).some(
            (peer: Json) => (peer.namespaceSelector && !peer.podSelector) || labelsMatch(peer.podSelector?.matchLabels, podLabelsOf(from)),
          ),
        ),
      );
    const callers = new Map<string, Set<string>>();
    for (const d of servers) {
      for (const e of (podSpecOf(d)!.containers as Container[]).flatMap((c) => c.env ?? [])) {
        const m = /^http:\/\/([a-z0-9-]+):(\d+)/.exec(e.value ?? '');
        if (!e.name.endsWith('_URL') || !m) continue;
        const target = servers.find((s) => s.metadata.name === m[1]);
        const svc = this.find('Service', m[1]!);
        if (!target || !svc) {
          this.fail(idOf(d), `${e.name} names ${m[1]}, which is no process's Service`);
          continue;
        }
        if (Number(m[2]) !== (svc.spec as Json).ports?.[0]?.port) this.fail(idOf(d), `${e.name} port ${m[2]} is not Service ${m[1]}'s`);
        const expected = e.name.replace(/_URL$/, '').toLowerCase();
        if ((PROCESSES as readonly string[]).includes(expected) && expected !== m[1]) this.fail(idOf(d), `${e.name} points at ${m[1]}`);
        if (!allows(target, d)) this.fail(idOf(d), `${e.name} calls ${m[1]}, which no NetworkPolicy lets it reach`);
        callers.set(m[1]!, (callers.get(m[1]!) ?? new Set()).add(d.metadata.name));
      }
    }
    for (const s of servers.filter((d) => d.metadata.name !== 'gateway')) {
      const policiesOf = selecting(s);
      if (policiesOf.length === 0) this.fail(idOf(s), 'no NetworkPolicy selects it: anyone could reach it');
      for (const p of policiesOf)
        for (const rule of (p.spec as Json).ingress ?? [])
          for (const peer of (rule.from ?? [{}]) as Json[]) {
            const from = servers.filter((d) => labelsMatch(peer.podSelector?.matchLabels, podLabelsOf(d)));
            const allowed = from.length > 0 && !peer.namespaceSelector && !peer.ipBlock;
            const stranger = from.find((d) => d.metadata.name !== 'gateway' && !callers.get(s.metadata.name)?.has(d.metadata.name));
            if (!allowed || stranger)
              this.fail(
                idOf(p),
                `lets ${stranger ? stranger.metadata.name : 'pods other than the gateway'} reach ${s.metadata.name}: only the gateway and the calls the code makes may`,
              );
          }
    }
  }

  migrations(): void {
    const jobs = this.objects.filter((o) => o.kind === 'Job');
    const migrated = new Set(
      jobs
        .flatMap((j) => [...(podSpecOf(j)?.initContainers ?? []), ...(podSpecOf(j)?.containers ?? [])] as Container[])
        .map(entryOf)
        .filter((e) => e?.entry === 'migrate')
        .map((e) => e!.process),
    );
    for (const s of SERVICES) if (!migrated.has(s)) this.fail('migrations Job', `does not run services/${s}/dist/migrate.js`);
  }

  postgres(): void {
    const clusters = this.objects.filter((o) => o.kind === 'Cluster');
    if (clusters.length !== 1) return this.fail('postgres', 'one CloudNativePG Cluster');
    if (this.where.endsWith('production') && Number((clusters[0]!.spec as Json).instances) < 2)
      this.fail(idOf(clusters[0]!), 'production needs a primary and a replica (instances >= 2)');
    const redis = this.objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'redis');
    const args = (podSpecOf(redis ?? ({} as K8sObject))?.containers?.[0]?.args ?? []) as string[];
    if (!args.includes('--requirepass')) this.fail('redis', 'must require a password (--requirepass)');
  }
}

/** Renders every overlay under `dir` and checks it; `problems` is empty when all is well. */
export async function checkManifests(dir = join(ROOT, 'deploy/k8s'), root = ROOT): Promise<CheckResult> {
  const facts = codeFacts(root);
  const routes = await routesOf(PROCESSES);
  const secretsDir = join(dir, 'secrets');
  const secrets = readdirSync(secretsDir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => readYaml(join(secretsDir, f)));
  const problems: string[] = [];
  for (const s of secrets) {
    for (const [k, v] of Object.entries({ ...(s.stringData as Json), ...(s.data as Json) }))
      if (v !== '') problems.push(`secrets/${s.metadata.name}: ${k} has a value; the template keeps every key empty`);
  }
  const extra = ['secrets', 'restore'].flatMap((d) =>
    existsSync(join(dir, d))
      ? readdirSync(join(dir, d))
          .filter((f) => f.endsWith('.yaml'))
          .flatMap((f) => readYaml(join(dir, d, f)).map((o) => ({ o, where: `${d}/${f}` })))
      : [],
  );
  for (const { o, where } of extra) for (const p of await schemaProblems(o)) problems.push(`${where}: ${idOf(o)}: schema: ${p}`);

  const overlays = readdirSync(join(dir, 'overlays')).sort();
  let count = 0;
  for (const overlay of overlays) {
    const where = `overlays/${overlay}`;
    let objects: K8sObject[];
    try {
      objects = render(join(dir, 'overlays', overlay));
    } catch (err) {
      problems.push(`${where}: ${(err as Error).message}`);
      continue;
    }
    count += objects.length;
    for (const o of objects) for (const p of await schemaProblems(o)) problems.push(`${where}: ${idOf(o)}: schema: ${p}`);
    const kustomization = parse(readFileSync(join(dir, 'overlays', overlay, 'kustomization.yaml'), 'utf8')) as Json;
    const mapped = ((kustomization.images ?? []) as Json[]).find((i) => i.name === facts.image);
    if (!mapped) problems.push(`${where}: images: no entry for ${facts.image} (the image docker-compose builds) names the release`);
    const checker = new Checker(where, objects, secrets, facts, root, routes);
    checker.run(String(mapped?.newName ?? facts.image));
    problems.push(...checker.problems);
  }
  return { overlays, objects: count, problems };
}
