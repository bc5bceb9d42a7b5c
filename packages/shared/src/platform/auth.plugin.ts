import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { forbidden, unauthenticated } from '../problem';
import { assertActorActsFor, type MachineRole, type Principal, type Role } from '../roles';
import { parseHmacKeys, verifySignature } from './hmac';
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
}

const bearer = (header: string | undefined): string | undefined => (header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined);

export const authPlugin = fp<AuthOptions>(
  async function auth(app: FastifyInstance, opts) {
    const verifyToken = createTokenVerifier(opts);
    const hmacKeys = parseHmacKeys(opts.HMAC_KEYS);
    app.decorateRequest('principal', null as unknown as Principal);

    // Signatures are over the raw body, so JSON bodies are kept as received.
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
      req.rawBody = body as Buffer;
      void parseJson(req, body as never, done);
    });

    app.addHook('onRoute', (route) => {
      if (route.url.startsWith('/api/') && !route.config?.auth) {
        throw new Error(`Route ${String(route.method)} ${route.url} declares no auth (PLT-03)`);
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

    app.addHook('preValidation', async (req) => {
      const rule = req.routeOptions.config.auth;
      if (!rule || rule === 'public' || !('machine' in rule)) return;
      const verdict = verifySignature(hmacKeys, req.headers, req.rawBody ?? Buffer.alloc(0));
      if (!verdict.ok) throw unauthenticated({ es: `Firma rechazada: ${verdict.reason}`, en: `Signature refused: ${verdict.reason}` });
      if (!rule.machine.includes(verdict.key.role)) {
        throw forbidden({ es: 'Este cliente no puede usar esta operación', en: 'This client may not use this operation' });
      }
      req.principal = { sub: verdict.key.keyId, roles: [verdict.key.role], erons: [], national: true };
    });
  },
  { name: 'auth' },
);

/** Every read and write is scoped to the caller's establishments (PLT-03). */
export function assertActsFor(req: FastifyRequest, eron: string): void {
  assertActorActsFor(req.principal, eron);
}
