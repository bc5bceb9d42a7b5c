/**
 * Renders a Kustomize overlay offline, for `pnpm k8s:render` and `pnpm k8s:check`.
 *
 * No maintained Kustomize renderer installs from npm or Debian (Debian 12's kubernetes-client is
 * kubectl 1.20 with Kustomize 2.0, long out of support; kustomize itself is a Go binary download),
 * so this renders the subset deploy/k8s uses and refuses anything else: `resources` (files and
 * directories), `namespace`, `images` and `patches` given as strategic-merge patch files (target
 * by kind and name). Where kubectl is installed, `pnpm k8s:check` compares its output with
 * `kubectl kustomize` and fails when they differ.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [k: string]: unknown };
  [k: string]: unknown;
}

type Json = Record<string, unknown>;

const KUSTOMIZATION_FIELDS = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'images', 'patches']);
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
]);
/** Strategic-merge keys of the built-in lists deploy/k8s patches; other lists are replaced. */
const MERGE_KEYS: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  ports: ['containerPort', 'port'],
};

const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const idOf = (o: K8sObject): string => `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;

/** Every document of a YAML file, anchors expanded; a syntax error names the file. */
function readDocs(file: string): unknown[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  return docs.map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]!.message}`);
    return doc.toJS({ maxAliasCount: 1000 }) as unknown;
  });
}

/** The Kubernetes objects of a YAML file. */
export function readYaml(file: string): K8sObject[] {
  const out: K8sObject[] = [];
  for (const value of readDocs(file)) {
    if (value === null || value === undefined) continue;
    if (!isMap(value) || typeof value.kind !== 'string' || !isMap(value.metadata) || typeof value.metadata.name !== 'string')
      throw new Error(`${file}: a document without kind and metadata.name`);
    out.push(value as K8sObject);
  }
  return out;
}

/** A strategic merge patch of the kind used here: maps merge, keyed lists merge by key, null deletes. */
export function strategicMerge(base: unknown, patch: unknown, builtIn: boolean): unknown {
  if (!isMap(patch)) return structuredClone(patch);
  if (!isMap(base)) return strategicMerge({}, patch, builtIn);
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) throw new Error(`patch directive ${key} is not supported by this renderer`);
    if (value === null) delete out[key];
    else if (Array.isArray(value) && Array.isArray(out[key]) && builtIn && MERGE_KEYS[key]) out[key] = mergeList(out[key], value, key);
    else out[key] = isMap(value) ? strategicMerge(out[key], value, builtIn) : structuredClone(value);
  }
  return out;
}

/** As Kustomize orders a merged keyed list: the patch's items (merged) first, then the others. */
function mergeList(base: unknown[], patch: unknown[], key: string): unknown[] {
  const keyOf = (item: unknown): [string, unknown] => {
    const mergeKey = MERGE_KEYS[key]!.find((k) => isMap(item) && k in item);
    if (!isMap(item) || !mergeKey) throw new Error(`a ${key} item without its merge key (${MERGE_KEYS[key]!.join(' or ')})`);
    return [mergeKey, item[mergeKey]];
  };
  const rest = [...base];
  const merged = patch.map((item) => {
    const [k, v] = keyOf(item);
    const at = rest.findIndex((o) => isMap(o) && o[k] === v);
    return at >= 0 ? strategicMerge(rest.splice(at, 1)[0], item, true) : structuredClone(item);
  });
  return [...merged, ...rest];
}

/** Kubernetes' own kinds (their lists merge by key); a custom resource's lists are replaced whole. */
const isBuiltIn = (o: K8sObject): boolean => !o.apiVersion.includes('.') || /\.k8s\.io\//.test(o.apiVersion);

export const imageRepo = (image: string): string => image.replace(/@.*$/, '').replace(/:[^/:]+$/, '');

interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** The `images` transformer: every container and init container, wherever it sits. */
function setImages(node: unknown, rules: ImageRule[]): void {
  if (Array.isArray(node)) node.forEach((n) => setImages(n, rules));
  if (!isMap(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      for (const c of value) {
        if (!isMap(c) || typeof c.image !== 'string') continue;
        const rule = rules.find((r) => r.name === imageRepo(c.image as string));
        if (!rule) continue;
        const tag = rule.digest ? `@${rule.digest}` : rule.newTag ? `:${rule.newTag}` : c.image.slice(imageRepo(c.image).length);
        c.image = `${rule.newName ?? rule.name}${tag}`;
      }
    } else setImages(value, rules);
  }
}

/** The objects a kustomization directory renders to, in resource order. */
export function render(dir: string): K8sObject[] {
  const file = join(dir, 'kustomization.yaml');
  if (!existsSync(file)) throw new Error(`${dir}: no kustomization.yaml`);
  const k = readDocs(file)[0] as Json;
  const unknown = Object.keys(k).filter((f) => !KUSTOMIZATION_FIELDS.has(f) && f !== 'metadata');
  if (unknown.length > 0) throw new Error(`${file}: ${unknown.join(', ')} not supported by this renderer (scripts/k8s/render.ts)`);

  let objects: K8sObject[] = [];
  for (const r of (k.resources ?? []) as string[]) {
    const path = resolve(dir, r);
    objects.push(...(statSync(path).isDirectory() ? render(path) : readYaml(path)));
  }
  for (const p of (k.patches ?? []) as Json[]) {
    if (Object.keys(p).some((f) => f !== 'path')) throw new Error(`${file}: only patches given by path are supported`);
    for (const patch of readYaml(resolve(dir, p.path as string))) {
      const at = objects.findIndex((o) => o.kind === patch.kind && o.metadata.name === patch.metadata.name);
      if (at < 0)
        throw new Error(`${file}: patch ${p.path as string} targets ${patch.kind}/${patch.metadata.name}, which no resource defines`);
      objects[at] = strategicMerge(objects[at], patch, isBuiltIn(objects[at]!)) as K8sObject;
    }
  }
  setImages(objects, (k.images ?? []) as ImageRule[]);
  if (typeof k.namespace === 'string') {
    const ns = k.namespace;
    objects = objects.map((o) => (CLUSTER_SCOPED.has(o.kind) ? o : { ...o, metadata: { ...o.metadata, namespace: ns } }));
  }
  const seen = new Set<string>();
  for (const o of objects) {
    if (seen.has(idOf(o))) throw new Error(`${dir}: ${idOf(o)} is defined twice`);
    seen.add(idOf(o));
  }
  return objects;
}

/** Multi-document YAML for `kubectl apply -f -`: the Namespace first, then in resource order. */
export function toYaml(objects: K8sObject[]): string {
  const sorted = [...objects].sort((a, b) => Number(b.kind === 'Namespace') - Number(a.kind === 'Namespace'));
  return sorted.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');
}
