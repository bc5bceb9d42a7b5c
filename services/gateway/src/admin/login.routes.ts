import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayConfig } from '../config';
import { securityHeaders } from '../security-headers';
import { ADMIN_COOKIE, isAdmin, type Verify } from './admin-auth';

/** A work shift; an expired token inside the cookie just sends the operator back here. */
const COOKIE_MAX_AGE_S = 8 * 3600;

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(message = ''): string {
  return `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>ERON — operaciones</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto}textarea{width:100%;height:8rem}.err{color:#b00020}</style></head>
<body><h1>ERON — tablero de colas</h1>
<p>Pegue un token de <code>info_systems</code> o <code>dg</code> (<code>pnpm token --role info_systems</code>).</p>
${message ? `<p class="err">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/admin/login"><textarea name="token" required autofocus></textarea>
<p><button type="submit">Entrar</button></p></form></body></html>`;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const isLoopbackAddress = (ip: string | undefined): boolean =>
  ip !== undefined && (ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.'));

/**
 * The one case a cookie may go without `Secure`: plain HTTP from this machine to a loopback name
 * (an operator's own laptop). Anything else — HTTPS, another host, or a proxy forwarding a public
 * name — gets a cookie the browser sends over HTTPS only.
 */
function plainHttpOnLoopback(req: FastifyRequest): boolean {
  let host: string;
  try {
    host = new URL(`http://${req.headers.host ?? ''}`).hostname;
  } catch {
    return false;
  }
  return req.protocol === 'http' && isLoopbackAddress(req.socket.remoteAddress) && LOOPBACK_HOSTS.has(host);
}

function cookieHeader(token: string, maxAge: number, secure: boolean): string {
  // HttpOnly keeps the token from scripts; Strict keeps other sites from driving the dashboard.
  return `${ADMIN_COOKIE}=${token}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

/**
 * `/admin/login`: an operator pastes an admin token once and the dashboard works in the browser
 * (PLT-10). The token is checked here too, so a wrong one is told at once, not by a blank board.
 */
export default async function loginRoutes(app: FastifyInstance, opts: { config: GatewayConfig; verify: Verify }): Promise<void> {
  const secure = (req: FastifyRequest): boolean => opts.config.NODE_ENV === 'production' || !plainHttpOnLoopback(req);
  await securityHeaders(app);
  const loginPage = (reply: FastifyReply, status: number, message?: string) =>
    reply.code(status).type('text/html; charset=utf-8').send(page(message));

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16_384 }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  app.get('/admin/login', { schema: { hide: true } }, async (_req, reply) => loginPage(reply, 200));

  app.post<{ Body: { token?: unknown } | undefined }>('/admin/login', { schema: { hide: true } }, async (req, reply) => {
    const token = typeof req.body?.token === 'string' ? req.body.token.trim() : '';
    const principal = token ? await opts.verify(token).catch(() => undefined) : undefined;
    if (!principal) return loginPage(reply, 401, 'El token no es válido o expiró.');
    if (!isAdmin(principal)) return loginPage(reply, 403, 'Este token no tiene un rol de administración (info_systems, dg).');
    return reply.header('set-cookie', cookieHeader(token, COOKIE_MAX_AGE_S, secure(req))).redirect('/admin/queues', 303);
  });

  app.post('/admin/logout', { schema: { hide: true } }, async (req, reply) =>
    reply.header('set-cookie', cookieHeader('', 0, secure(req))).redirect('/admin/login', 303),
  );
}
