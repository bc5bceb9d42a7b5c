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

/**
 * The services' OpenAPI documents, read from each one's `/openapi.json` and cached for a while
 * so Swagger UI stays quick; a failed read is not cached, so a service that comes back shows up.
 */
export function createSpecSource(bases: Record<ServiceName, string>, ttlMs: number) {
  const cache = new Map<ServiceName, { at: number; doc: Doc }>();

  async function spec(service: ServiceName): Promise<Doc> {
    const hit = cache.get(service);
    if (hit && Date.now() - hit.at < ttlMs) return hit.doc;
    let doc: Doc;
    try {
      const res = await fetch(new URL('/openapi.json', bases[service]), { signal: AbortSignal.timeout(3_000) });
      if (!res.ok) throw new Error(`status ${res.status}`);
      doc = routedOnly((await res.json()) as Doc);
    } catch {
      throw unavailable(service);
    }
    cache.set(service, { at: Date.now(), doc });
    return doc;
  }

  /** The merged document (PLT-02): a path claimed by two services is an error, never an overwrite. */
  async function merged(): Promise<Doc> {
    const docs = await Promise.all(SERVICES.map(async (s) => [s, await spec(s)] as const));
    try {
      return mergeOpenApi(Object.fromEntries(docs));
    } catch (err) {
      throw conflict((err as Error).message);
    }
  }

  return { spec, merged };
}
