import { pipeline, Transform } from 'node:stream';
import type { FastifyInstance, FastifyRequest, preParsingAsyncHookHandler, preValidationAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { forbidden, unauthenticated } from '../problem';
import { assertActorActsFor, type MachineRole, type Principal, type Role } from '../roles';
import { parseHmacKeys, replayCheckUnavailable, signatureRefused, verifySignedRequest, type HmacKey, type NonceStore } from './hmac';
import { createTokenVerifier, type TokenSettings } from './tokens';

/** What a route declares about its callers (PLT-03). Routes under /api must declare one. */
export type RouteAuth = 'public' | { roles: readonly Role[] } | { machine: readonly MachineRole[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    principal: Principal;
    rawBody?: Buffer;
  }
}

export interface AuthOptions extends TokenSettings {
  HMAC_KEYS: string;
  /** Where accepted signatures are marked, so each is accepted once (PLT-03). */
  nonces: NonceStore;
}

const bearer = (header: string | undefined): string | undefined => (header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined);

export const authPlugin = fp<AuthOptions>(
  async function auth(app: FastifyInstance, opts) {
    const verifyToken = createTokenVerifier(opts);
    const hmacKeys = parseHmacKeys(opts.HMAC_KEYS);
    app.decorateRequest('principal', null as unknown as Principal);

    // JSON bodies are kept as received (the idempotency hash is over those bytes, PLT-05).
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
      req.rawBody = body as Buffer;
      void parseJson(req, body as never, done);
    });

    app.addHook('onRoute', (route) => {
      const auth = route.config?.auth;
      if (route.url.startsWith('/api/') && !auth) {
        throw new Error(`Route ${String(route.method)} ${route.url} declares no auth (PLT-03)`);
      }
      // Only machine routes pay for keeping the raw body and checking the signature.
      if (auth && auth !== 'public' && 'machine' in auth) {
        route.preParsing = [keepRawBody, ...hooksOf(route.preParsing)];
        route.preValidation = [verifyMachine(hmacKeys, opts.nonces, auth.machine), ...hooksOf(route.preValidation)];
      }
    });

    app.addHook('onRequest', async (req) => {
      const rule = req.routeOptions.config.auth;
      if (!rule || rule === 'public' || 'machine' in rule) return;
      const token = bearer(req.headers.authorization);
      if (!token) throw unauthenticated({ es: 'Falta el token de acceso (Bearer)', en: 'Missing bearer token' });
      try {
        req.principal = await verifyToken(token);
      } catch {
        throw unauthenticated({ es: 'El token no es válido o expiró', en: 'The token is invalid or expired' });
      }
      if (!req.principal.roles.some((r) => rule.roles.includes(r))) {
        throw forbidden({
          es: `Esta operación requiere uno de los roles: ${rule.roles.join(', ')}`,
          en: `This operation needs one of the roles: ${rule.roles.join(', ')}`,
        });
      }
    });
  },
  { name: 'auth' },
);

const hooksOf = <T>(hooks: T | T[] | undefined): T[] => (hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]);

/**
 * Signatures cover the raw body whatever its content type (PLT-03), so a machine route keeps the
 * bytes as they pass to the body parser; the parser still applies the route's body limit.
 */
const keepRawBody: preParsingAsyncHookHandler = async (req, _reply, payload) => {
  const chunks: Buffer[] = [];
  const tee = new Transform({
    transform(chunk: Buffer, _encoding, next) {
      chunks.push(chunk);
      next(null, chunk);
    },
    flush(done) {
      req.rawBody = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      done();
    },
  });
  return pipeline(payload, tee, () => undefined);
};

/** A machine route: a valid signature, never seen before, by a client whose role the route allows. */
function verifyMachine(keys: Map<string, HmacKey>, nonces: NonceStore, allowed: readonly MachineRole[]): preValidationAsyncHookHandler {
  return async function machine(req) {
    const received = { method: req.method, url: req.url, headers: req.headers, body: req.rawBody ?? Buffer.alloc(0) };
    const verdict = await verifySignedRequest(keys, nonces, received).catch(() => {
      throw replayCheckUnavailable();
    });
    if (!verdict.ok) throw signatureRefused(verdict.reason);
    if (!allowed.includes(verdict.key.role)) {
      throw forbidden({ es: 'Este cliente no puede usar esta operación', en: 'This client may not use this operation' });
    }
    req.principal = { sub: verdict.key.keyId, roles: [verdict.key.role], erons: [], national: true };
  };
}

/** Every read and write is scoped to the caller's establishments (PLT-03). */
export function assertActsFor(req: FastifyRequest, eron: string): void {
  assertActorActsFor(req.principal, eron);
}
