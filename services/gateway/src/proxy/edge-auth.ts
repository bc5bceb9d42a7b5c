import type { FastifyRequest } from 'fastify';
import { unauthenticated } from '@eron/shared';
import { createTokenVerifier, HMAC_HEADERS, type TokenSettings } from '@eron/shared/platform';

declare module 'fastify' {
  interface FastifyRequest {
    /** Whom the rate limit counts the request against; set by the edge auth. */
    clientKey: string;
  }
}

/**
 * Authentication at the edge (PLT-03): a bearer token must verify; HMAC-signed requests pass on
 * untouched because only the service holds the machine clients' secrets; anything else is a 401.
 * Roles are checked by the services, per route.
 */
export function edgeAuth(settings: TokenSettings) {
  const verify = createTokenVerifier(settings);

  return async function authenticate(req: FastifyRequest): Promise<void> {
    const authorization = req.headers.authorization;
    if (authorization !== undefined && authorization.startsWith('Bearer ')) {
      try {
        req.clientKey = `sub:${(await verify(authorization.slice(7).trim())).sub}`;
      } catch {
        throw unauthenticated({ es: 'El token no es válido o expiró', en: 'The token is invalid or expired' });
      }
      return;
    }
    const keyId = req.headers[HMAC_HEADERS.keyId];
    if (typeof keyId === 'string' && req.headers[HMAC_HEADERS.signature] && req.headers[HMAC_HEADERS.timestamp]) {
      req.clientKey = `hmac:${keyId}`;
      return;
    }
    throw unauthenticated({
      es: 'Falta el token de acceso (Bearer) o la firma HMAC',
      en: 'Missing bearer token or HMAC signature',
    });
  };
}
