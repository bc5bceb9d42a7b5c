import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

/**
 * CSP, X-Frame-Options and nosniff (helmet's defaults, which Swagger UI and the queue dashboard
 * work within) for the pages a browser opens: `/docs` and `/admin`. Registered in the plugin of
 * those pages only, so proxied API calls pay nothing for it (PLT-13). No page may be framed, and
 * requests are not upgraded to HTTPS: an operator's machine serves plain HTTP on loopback, and TLS
 * in production ends in front of the gateway.
 */
export async function securityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { frameAncestors: ["'none'"], upgradeInsecureRequests: null } },
    frameguard: { action: 'deny' },
  });
}
