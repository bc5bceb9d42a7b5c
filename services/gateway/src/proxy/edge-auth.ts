import type { FastifyRequest } from 'fastify';
import { unauthenticated } from '@eron/shared';
import {
  checkSignatureHeaders,
  createTokenVerifier,
  hasSignatureHeaders,
  parseHmacKeys,
  replayCheckUnavailable,
  signatureRefused,
  verifySignedRequest,
  type NonceStore,
  type TokenSettings,
} from '@eron/shared/platform';

declare module 'fastify' {
  interface FastifyRequest {
    /** Whom the rate limit counts the request against; set once the caller is verified. */
    clientKey: string;
    /** The request carries an HMAC signature: its body is read whole so the signature can be checked. */
    signed: boolean;
  }
}

const EMPTY = Buffer.alloc(0);

/**
 * The routes a service declares public (`auth: 'public'`: DIS-17's and DIS-24's check of a code, VIS-01's
 * calendar) live under `/api/v1/<service>/public/`. A read of one — plain path segments, no dots or
 * escapes — goes on without credentials; the service still checks that the route it reaches is public.
 */
const PUBLIC_READ = /^\/api\/v1\/[a-z]+\/public(?:\/[A-Za-z0-9_~-]+)+$/;
export function isPublicRead(method: string, url: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const q = url.indexOf('?');
  return PUBLIC_READ.test(q === -1 ? url : url.slice(0, q));
}

/**
 * Authentication at the edge (PLT-03). A bearer token must verify. A request with any signature
 * header is a machine client's: its headers are checked before the body is read (form, known key,
 * timestamp window), then the signature over method, path, timestamp, nonce and raw body, and that
 * it was never accepted before. Forged or replayed requests never reach a service; the services
 * check again (with a nonce store of their own) and check the route's roles. A read of a public
 * route with no credentials at all passes (counted against the caller's address).
 */
export function edgeAuth(settings: TokenSettings & { HMAC_KEYS: string }, nonces: NonceStore) {
  const verify = createTokenVerifier(settings);
  const keys = parseHmacKeys(settings.HMAC_KEYS);

  /** onRequest: who is calling, as far as the headers tell. */
  async function authenticate(req: FastifyRequest): Promise<void> {
    if (hasSignatureHeaders(req.headers)) {
      const early = checkSignatureHeaders(keys, req.headers);
      if (!early.ok) throw signatureRefused(early.reason);
      req.signed = true;
      return;
    }
    const authorization = req.headers.authorization;
    if (authorization !== undefined && authorization.startsWith('Bearer ')) {
      try {
        req.clientKey = `sub:${(await verify(authorization.slice(7).trim())).sub}`;
      } catch {
        throw unauthenticated({ es: 'El token no es válido o expiró', en: 'The token is invalid or expired' });
      }
      return;
    }
    if (authorization === undefined && isPublicRead(req.method, req.url)) return;
    throw unauthenticated({
      es: 'Falta el token de acceso (Bearer) o la firma HMAC',
      en: 'Missing bearer token or HMAC signature',
    });
  }

  /** preValidation: a signed request's signature over the body it sent, accepted once. */
  async function verifySigned(req: FastifyRequest): Promise<void> {
    if (!req.signed) return;
    const body = Buffer.isBuffer(req.body) ? req.body : EMPTY;
    const verdict = await verifySignedRequest(keys, nonces, { method: req.method, url: req.url, headers: req.headers, body }).catch(() => {
      throw replayCheckUnavailable();
    });
    if (!verdict.ok) throw signatureRefused(verdict.reason);
    req.clientKey = `hmac:${verdict.key.keyId}`;
  }

  return { authenticate, verifySigned };
}
