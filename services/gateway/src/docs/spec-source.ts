import { createHash } from 'node:crypto';
import FindMyWay from 'find-my-way';
import { ProblemError, SERVICES, type ServiceName } from '@eron/shared';
import { mergeOpenApi } from '@eron/shared/platform';

type Doc = Record<string, any>;

const unavailable = (service: ServiceName): ProblemError =>
  new ProblemError({
    status: 503,
    code: 'openapi-unavailable',
    title: 'Specification unavailable',
    detail: {
      es: `No se pudo leer la especificación OpenAPI del servicio ${service}`,
      en: `Could not read the OpenAPI document of the ${service} service`,
    },
    rule: 'PLT-02',
  });

const conflict = (message: string): ProblemError =>
  new ProblemError({
    status: 502,
    code: 'openapi-conflict',
    title: 'Conflicting specifications',
    detail: { es: `Las especificaciones de los servicios chocan: ${message}`, en: `The services' specifications conflict: ${message}` },
    rule: 'PLT-02',
  });

/** Only what the gateway routes: a service's health or metrics paths are not reachable here. */
function routedOnly(spec: Doc): Doc {
  const paths = Object.fromEntries(Object.entries<Doc>(spec.paths ?? {}).filter(([path]) => path.startsWith('/api/')));
  return { ...spec, paths, servers: [{ url: '/' }] };
}

const METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']);

/** A router over a document's path templates, so a request is named by its route, not its URL. */
function routerOf(doc: Doc) {
  const router = FindMyWay();
  for (const [path, item] of Object.entries<Doc>(doc.paths)) {
    const pattern = path.replace(/\{([^}]+)\}/g, ':$1');
    for (const method of Object.keys(item).map((m) => m.toUpperCase())) {
      if (!METHODS.has(method)) continue;
      try {
        router.on(method as FindMyWay.HTTPMethod, pattern, () => undefined, { route: path });
      } catch {
        // A template the router cannot hold is counted as unmatched.
      }
    }
  }
  return router;
}

/** One service's document as last read: its hash tells whether it changed. */
interface Entry {
  at: number;
  hash: string;
  json: string;
  doc: Doc;
  router: ReturnType<typeof routerOf>;
}

export interface Rendered {
  json: string;
  etag: string;
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The services' OpenAPI documents, read from each one's `/openapi.json` at most once per `ttlMs`.
 * A document is parsed again only when its bytes changed, and the merged one (1.5 MB) is built once
 * per change, not per request (PLT-02). A failed read keeps the last good document; without one,
 * the answer is a 503 problem.
 */
export function createSpecSource(bases: Record<ServiceName, string>, ttlMs: number, onBuild: () => void = () => undefined) {
  const entries = new Map<ServiceName, Entry>();
  const reading = new Map<ServiceName, Promise<Entry>>();
  let merged: { key: string; result: Rendered | ProblemError } | undefined;

  async function read(service: ServiceName): Promise<Entry> {
    const res = await fetch(new URL('/openapi.json', bases[service]), { signal: AbortSignal.timeout(3_000) });
    if (!res.ok) throw new Error(`status ${res.status}`);
    const text = await res.text();
    const hash = sha(text);
    const last = entries.get(service);
    if (last?.hash === hash) return Object.assign(last, { at: Date.now() });
    const doc = routedOnly(JSON.parse(text) as Doc);
    const entry = { at: Date.now(), hash, json: JSON.stringify(doc), doc, router: routerOf(doc) };
    entries.set(service, entry);
    return entry;
  }

  /** The service's current document; one read at a time per service. */
  async function current(service: ServiceName): Promise<Entry> {
    const last = entries.get(service);
    if (last && Date.now() - last.at < ttlMs) return last;
    let pending = reading.get(service);
    if (!pending) {
      pending = read(service).finally(() => reading.delete(service));
      reading.set(service, pending);
    }
    try {
      return await pending;
    } catch {
      if (last) return last;
      throw unavailable(service);
    }
  }

  async function spec(service: ServiceName): Promise<Rendered> {
    const entry = await current(service);
    return { json: entry.json, etag: `"${entry.hash.slice(0, 32)}"` };
  }

  /** The merged document (PLT-02): a path claimed by two services is an error, never an overwrite. */
  async function mergedSpec(): Promise<Rendered> {
    const list = await Promise.all(SERVICES.map(current));
    const key = sha(list.map((e) => e.hash).join(':'));
    if (merged?.key !== key) {
      let result: Rendered | ProblemError;
      try {
        const doc = mergeOpenApi(Object.fromEntries(SERVICES.map((s, i) => [s, list[i]!.doc])));
        result = { json: JSON.stringify(doc), etag: `"${key.slice(0, 32)}"` };
        onBuild();
      } catch (err) {
        result = conflict((err as Error).message);
      }
      merged = { key, result };
    }
    if (merged.result instanceof ProblemError) throw merged.result;
    return merged.result;
  }

  /**
   * The route template a request to a service matches (for metrics), from the last document read;
   * `unmatched` before the first read or for a path the service does not document. Never waits.
   */
  function routeOf(service: ServiceName, method: string, url: string): string {
    const entry = entries.get(service);
    if (!entry || Date.now() - entry.at >= ttlMs) current(service).catch(() => undefined);
    const q = url.indexOf('?');
    const found = entry?.router.find(method as FindMyWay.HTTPMethod, q === -1 ? url : url.slice(0, q));
    return (found?.store as { route?: string } | undefined)?.route ?? 'unmatched';
  }

  /** Reads every document once, so metrics name routes from the first request on. */
  async function warm(): Promise<void> {
    await Promise.all(SERVICES.map((s) => current(s).catch(() => undefined)));
  }

  return { spec, merged: mergedSpec, routeOf, warm };
}
export type SpecSource = ReturnType<typeof createSpecSource>;
