import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Role, ServiceName } from '@eron/shared';
import { buildApp, mintToken, type BaseEnv } from '@eron/shared/platform';
import { SERVICE_APPS, SERVICE_CONFIGS, SERVICES } from '../suite';

type Services = Exclude<ServiceName, 'gateway'>;

/** What a call answered: the status and the parsed JSON body (undefined when not JSON). */
export interface Answer<T = any> {
  status: number;
  body: T;
  text: string;
}

export interface CallOptions {
  roles: Role[];
  erons?: string[];
  national?: boolean;
  body?: unknown;
  raw?: { contentType: string; payload: string };
  key?: string;
  /** Statuses that are a normal answer; anything else throws with the problem's text. */
  ok?: number[];
}

/**
 * The four services as they run in production, in this process, on the given database and Redis:
 * the seed calls their own HTTP routes (`app.inject`: schema, auth, scope, idempotency, the use
 * case) with tokens minted with the suite's key, and their event consumers and jobs run as in
 * the suite (an admission opens the Folio through `ppl.admitted`). Nothing is written by hand.
 */
export interface World {
  apps: Record<Services, FastifyInstance>;
  db(service: Services): Kysely<any>;
  call<T = any>(service: Services, method: string, url: string, opts: CallOptions): Promise<Answer<T>>;
  close(): Promise<void>;
}

export async function startWorld(env: Record<string, unknown>): Promise<World> {
  const apps = {} as Record<Services, FastifyInstance>;
  let config: BaseEnv | undefined;
  for (const def of SERVICES) {
    const c = SERVICE_CONFIGS[def.name](env);
    config ??= c;
    apps[def.name] = await buildApp(def.name, SERVICE_APPS[def.name], c);
  }
  const cfg = config!;
  if (!cfg.JWT_SECRET) throw new Error('The seed signs its own tokens: it needs JWT_SECRET or the local dev key, not JWKS only');
  const tokens = new Map<string, string>();
  const token = (o: CallOptions): string => {
    const id = `${o.roles.join('+')}|${(o.erons ?? []).join(',')}|${o.national ? 'n' : ''}`;
    let t = tokens.get(id);
    if (!t) {
      const claims = { sub: `seed-${o.roles.join('-')}`, roles: o.roles, erons: o.erons ?? [], national: o.national };
      t = mintToken(cfg.JWT_SECRET!, cfg.JWT_ISSUER, claims, 12 * 3_600_000, cfg.JWT_AUDIENCE);
      tokens.set(id, t);
    }
    return t;
  };
  return {
    apps,
    db: (s) => apps[s].db,
    async call(service, method, url, o) {
      const headers: Record<string, string> = { authorization: `Bearer ${token(o)}` };
      if (o.key) headers['idempotency-key'] = o.key;
      if (o.raw) headers['content-type'] = o.raw.contentType;
      const res = await apps[service].inject({
        method: method as 'GET',
        url,
        headers,
        ...(o.raw ? { payload: o.raw.payload } : o.body !== undefined ? { payload: o.body as object } : {}),
      });
      let body: any;
      try {
        body = res.json();
      } catch {
        body = undefined;
      }
      const ok = o.ok ?? [200, 201, 202];
      if (!ok.includes(res.statusCode)) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body.slice(0, 800)}`);
      return { status: res.statusCode, body, text: res.body };
    },
    async close() {
      for (const def of [...SERVICES].reverse()) await apps[def.name].close();
    },
  };
}
