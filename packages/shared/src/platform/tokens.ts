import { createSigner, createVerifier } from 'fast-jwt';
import buildGetJwks from 'get-jwks';
import { isRole, NATIONAL_ROLES, type Principal, type Role } from '../roles';
import { assertJwtKeyAllowed, DEFAULT_JWT_AUDIENCE, type ListenerSettings } from './config';

export interface TokenSettings extends ListenerSettings {
  JWT_JWKS_URL?: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
}

/** A token without an expiry, an issuer or an audience is refused, whoever signed it (PLT-03). */
const REQUIRED_CLAIMS = ['exp', 'iss', 'aud'];

export interface TokenClaims {
  sub: string;
  roles: Role[];
  erons?: string[];
  national?: boolean;
}

/**
 * Verifies a bearer JWT (PLT-03): JWKS (asymmetric) when configured, else the symmetric key. It
 * refuses to exist with the built-in dev key outside a local loopback run, whoever built the
 * settings (loadConfig checks the same at boot).
 */
export function createTokenVerifier(settings: TokenSettings): (token: string) => Promise<Principal> {
  assertJwtKeyAllowed(settings);
  const checks = {
    allowedIss: settings.JWT_ISSUER,
    allowedAud: settings.JWT_AUDIENCE,
    requiredClaims: REQUIRED_CLAIMS,
    cache: 1000,
  };
  const verify = settings.JWT_JWKS_URL
    ? createJwksVerifier(settings.JWT_JWKS_URL, checks)
    : createVerifier({ key: async () => settings.JWT_SECRET ?? '', algorithms: ['HS256'], ...checks });
  return remembered(async (token) => {
    const claims = (await verify(token)) as Record<string, unknown>;
    return { principal: toPrincipal(claims), exp: typeof claims.exp === 'number' ? claims.exp * 1000 : Infinity };
  });
}

const REMEMBER_MS = 600_000;
const REMEMBER_MAX = 1000;

/**
 * A verified token's principal, kept by the token's exact text until it expires (at most ten
 * minutes, as fast-jwt's own cache): a client sends the same token on every call, and hashing and
 * checking it each time was most of what authentication cost per request (PLT-13).
 */
function remembered(verify: (token: string) => Promise<{ principal: Principal; exp: number }>): (token: string) => Promise<Principal> {
  const known = new Map<string, { principal: Principal; until: number }>();
  return async (token) => {
    const hit = known.get(token);
    if (hit && Date.now() < hit.until) return hit.principal;
    if (hit) known.delete(token);
    const { principal, exp } = await verify(token);
    if (known.size >= REMEMBER_MAX) known.delete(known.keys().next().value!);
    known.set(token, { principal: Object.freeze(principal), until: Math.min(exp, Date.now() + REMEMBER_MS) });
    return principal;
  };
}

function createJwksVerifier(jwksUrl: string, checks: { allowedIss: string; allowedAud: string; requiredClaims: string[]; cache: number }) {
  const jwks = buildGetJwks({ jwksPath: new URL(jwksUrl).pathname, providerDiscovery: false });
  const domain = new URL(jwksUrl).origin;
  return createVerifier({
    algorithms: ['RS256', 'ES256', 'EdDSA'],
    ...checks,
    key: async (decoded: { header: { kid?: string; alg?: string } }) =>
      jwks.getPublicKey({ kid: decoded.header.kid, alg: decoded.header.alg, domain }),
  });
}

function toPrincipal(claims: Record<string, unknown>): Principal {
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is Role => typeof r === 'string' && isRole(r)) : [];
  const erons = Array.isArray(claims.erons) ? claims.erons.filter((e): e is string => typeof e === 'string') : [];
  if (typeof claims.sub !== 'string' || roles.length === 0) throw new Error('token lacks subject or roles');
  return { sub: claims.sub, roles, erons, national: claims.national === true };
}

/** Mints a local token (`exp`, `iss`, `aud` included) with a symmetric key: `pnpm token`, tests and the benchmarks. */
export function mintToken(
  secret: string,
  issuer: string,
  claims: TokenClaims,
  expiresInMs = 12 * 3_600_000,
  audience = DEFAULT_JWT_AUDIENCE,
): string {
  const national = claims.national ?? claims.roles.some((r) => NATIONAL_ROLES.includes(r));
  const sign = createSigner({ key: secret, algorithm: 'HS256', iss: issuer, aud: audience, expiresIn: expiresInMs });
  return sign({ sub: claims.sub, roles: claims.roles, erons: claims.erons ?? [], national });
}
