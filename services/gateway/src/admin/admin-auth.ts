import type { FastifyReply, FastifyRequest } from 'fastify';
import { ADMIN_ROLES, forbidden, unauthenticated, type Principal } from '@eron/shared';

/** Browsers cannot send a bearer header when following a link, so the dashboard also reads a cookie. */
export const ADMIN_COOKIE = 'eron_token';

export type Verify = (token: string) => Promise<Principal>;

function cookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

export function tokenFrom(req: FastifyRequest): string | undefined {
  const authorization = req.headers.authorization;
  if (authorization?.startsWith('Bearer ')) return authorization.slice(7).trim();
  return cookie(req.headers.cookie, ADMIN_COOKIE);
}

export const isAdmin = (p: Principal): boolean => p.roles.some((r) => ADMIN_ROLES.includes(r));

const wantsPage = (req: FastifyRequest): boolean => req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');

/**
 * The queue dashboard is for operations only (PLT-10): an admin token in the Authorization header
 * or the cookie. A browser without one is sent to the login page; other callers get a problem.
 */
export function adminGuard(verify: Verify) {
  return async function guard(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const token = tokenFrom(req);
    const principal = token ? await verify(token).catch(() => undefined) : undefined;
    if (!principal) {
      if (wantsPage(req)) return reply.redirect('/admin/login', 303);
      throw unauthenticated({ es: 'Se requiere un token de administración', en: 'An admin token is required' });
    }
    if (!isAdmin(principal)) {
      throw forbidden({
        es: `El tablero de colas requiere uno de los roles: ${ADMIN_ROLES.join(', ')}`,
        en: `The queue dashboard needs one of the roles: ${ADMIN_ROLES.join(', ')}`,
      });
    }
    return undefined;
  };
}
