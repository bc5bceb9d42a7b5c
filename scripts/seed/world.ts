import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role, ServiceName } from '@eron/shared';
import { buildApp, createDb, mintToken, signedHeaders, type BaseEnv } from '@eron/shared/platform';
import { migrateAll, SERVICE_APPS, SERVICE_CONFIGS, SERVICES } from '../suite';
import { httpClient, startServiceProcesses, type Sent } from './processes';

export type Services = Exclude<ServiceName, 'gateway'>;

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
  /**
   * Sent by the bank's machine client (HMAC, PLT-03) instead of with a staff token: the seed's own
   * bank key, added to HMAC_KEYS of the services it runs and gone when it stops.
   */
  asBank?: boolean;
  /** Statuses that are a normal answer; anything else throws with the problem's text. */
  ok?: number[];
}

export type Transport = (service: Services, req: Sent) => Promise<{ status: number; text: string }>;

/**
 * The four services as they run in production, on the given database and Redis: the seed calls
 * their own HTTP routes (schema, auth, scope, idempotency, the use case) with tokens minted with
 * the suite's key, and their event consumers and jobs run as in the suite (an admission opens the
 * Folio through `ppl.admitted`). Nothing is written by hand.
 *
 * By default the four apps are built in this process and called with `app.inject`. With `processes`
 * each service is its own Node process instead (`node --import tsx services/<name>/src/server.ts`,
 * as `pnpm start` runs them), called over HTTP keep-alive, so their event loops can use more
 * cores; on the shared 2-core machine that was slower (every request then crosses loopback TCP
 * twice, and the cores were busy anyway), so it is a choice, not the default.
 */
export interface World {
  db(service: Services): Kysely<any>;
  call<T = any>(service: Services, method: string, url: string, opts: CallOptions): Promise<Answer<T>>;
  close(): Promise<void>;
}

export interface WorldOptions {
  processes?: boolean;
  /** Requests the seed may have in flight (keep-alive sockets per service). */
  sockets?: number;
}

export async function startWorld(settings: Record<string, unknown>, o: WorldOptions = {}): Promise<World> {
  const bank = { keyId: 'seed-bank', secret: randomBytes(32).toString('hex') };
  const configured = (settings.HMAC_KEYS as string | undefined) ?? process.env.HMAC_KEYS ?? '';
  const env = { ...settings, HMAC_KEYS: [configured, `${bank.keyId}:bank:${bank.secret}`].filter(Boolean).join(',') };
  const cfg: BaseEnv = SERVICE_CONFIGS.classification(env);
  if (!cfg.JWT_SECRET) throw new Error('The seed signs its own tokens: it needs JWT_SECRET or the local dev key, not JWKS only');
  const parts = o.processes ? await processes(env, cfg, o.sockets ?? 64) : await inProcess(env);
  const tokens = new Map<string, string>();
  const token = (c: CallOptions): string => {
    const id = `${c.roles.join('+')}|${(c.erons ?? []).join(',')}|${c.national ? 'n' : ''}`;
    let t = tokens.get(id);
    if (!t) {
      const claims = { sub: `seed-${c.roles.join('-')}`, roles: c.roles, erons: c.erons ?? [], national: c.national };
      t = mintToken(cfg.JWT_SECRET!, cfg.JWT_ISSUER, claims, 12 * 3_600_000, cfg.JWT_AUDIENCE);
      tokens.set(id, t);
    }
    return t;
  };
  return {
    db: (s) => parts.dbs[s],
    async call(service, method, url, c) {
      const headers: Record<string, string> = {};
      if (c.key) headers['idempotency-key'] = c.key;
      let payload: string | undefined;
      if (c.raw) {
        headers['content-type'] = c.raw.contentType;
        payload = c.raw.payload;
      } else if (c.body !== undefined) {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(c.body);
      }
      if (c.asBank) Object.assign(headers, signedHeaders(bank, { method, path: url, body: payload }));
      else headers.authorization = `Bearer ${token(c)}`;
      const res = await parts.send(service, { method, url, headers, payload });
      let body: any;
      try {
        body = JSON.parse(res.text);
      } catch {
        body = undefined;
      }
      const ok = c.ok ?? [200, 201, 202];
      if (!ok.includes(res.status)) throw new Error(`${method} ${url} → ${res.status} ${res.text.slice(0, 800)}`);
      return { status: res.status, body, text: res.text };
    },
    close: () => parts.stop(),
  };
}

interface Parts {
  send: Transport;
  dbs: Record<Services, Kysely<any>>;
  stop: () => Promise<void>;
}

async function inProcess(env: Record<string, unknown>): Promise<Parts> {
  const apps = {} as Record<Services, Awaited<ReturnType<typeof buildApp>>>;
  for (const def of SERVICES) apps[def.name] = await buildApp(def.name, SERVICE_APPS[def.name], SERVICE_CONFIGS[def.name](env));
  return {
    dbs: Object.fromEntries(SERVICES.map((d) => [d.name, apps[d.name].db])) as Parts['dbs'],
    async send(service, r) {
      const res = await apps[service].inject({ method: r.method as 'GET', url: r.url, headers: r.headers, payload: r.payload });
      return { status: res.statusCode, text: res.body };
    },
    async stop() {
      for (const def of [...SERVICES].reverse()) await apps[def.name].close();
    },
  };
}

async function processes(env: Record<string, unknown>, cfg: BaseEnv, sockets: number): Promise<Parts> {
  // One after the other here, rather than four processes migrating one fresh database at once.
  if (cfg.MIGRATE_ON_START) await migrateAll(cfg.DATABASE_URL);
  const running = await startServiceProcesses(
    SERVICES.map((d) => d.name),
    env,
  );
  const dbs = Object.fromEntries(SERVICES.map((d) => [d.name, createDb(cfg.DATABASE_URL, d.name, 4)])) as Parts['dbs'];
  const client = httpClient(sockets);
  return {
    dbs,
    send: (service, r) => client.send(running.url(service), r),
    async stop() {
      client.close();
      await Promise.all(Object.values(dbs).map((db) => db.destroy()));
      await running.stop();
    },
  };
}
