import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import metrics from 'fastify-metrics';
import { Registry } from 'prom-client';

/**
 * Prometheus `/metrics` (PLT-10) from a registry of the gateway's own: the global one belongs to
 * whatever else runs in the process (the services, in the in-process suite tests), and names
 * registered twice there would refuse to start. Only the histogram: a summary costs per request.
 */
export const metricsPlugin = fp(
  async function gatewayMetrics(app: FastifyInstance) {
    const registry = new Registry();
    await app.register(metrics, {
      endpoint: null,
      defaultMetrics: { enabled: true, register: registry },
      routeMetrics: {
        enabled: { histogram: true, summary: false },
        overrides: { histogram: { registers: [registry] }, summary: { registers: [registry] } },
      },
    });
    app.get('/metrics', { schema: { hide: true }, logLevel: 'warn' }, async (_req, reply) =>
      reply.type(registry.contentType).send(await registry.metrics()),
    );
  },
  { name: 'gateway-metrics' },
);
