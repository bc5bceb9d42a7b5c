import type { FastifyReply, FastifyRequest } from 'fastify';
import { ADMIN_ROLES, forbidden, langFrom, unauthenticated, type Principal, type ProblemError } from '@eron/shared';
import { sendProblem } from '@eron/shared/platform';

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

/** Answered here: bull-board sets its own error handler, which would turn a thrown problem into a 500. */
const refuse = (req: FastifyRequest, reply: FastifyReply, problem: ProblemError): FastifyReply =>
  sendProblem(reply, problem.toProblem(langFrom(req.headers['accept-language']), req.url, req.id));

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
      return refuse(req, reply, unauthenticated({ es: 'Se requiere un token de administración', en: 'An admin token is required' }));
    }
    if (!isAdmin(principal)) {
      const roles = ADMIN_ROLES.join(', ');
      return refuse(
        req,
        reply,
        forbidden({
          es: `El tablero de colas requiere uno de los roles: ${roles}`,
          en: `The queue dashboard needs one of the roles: ${roles}`,
        }),
      );
    }
    return undefined;
  };
}
