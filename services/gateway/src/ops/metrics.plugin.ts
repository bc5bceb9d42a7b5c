import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import metrics from 'fastify-metrics';
import { Counter, Registry } from 'prom-client';

/**
 * The gateway's own Prometheus registry (PLT-10): the global one belongs to whatever else runs in
 * the process (the services, in the in-process suite tests), and names registered twice there
 * would refuse to start.
 */
export function createGatewayMetrics() {
  const registry = new Registry();
  return {
    registry,
    /** Every proxied API call, by service, the service's route template, method and status (issue 9). */
    apiCalls: new Counter({
      name: 'gateway_api_requests_total',
      help: 'API calls proxied to the services, by service, route template, method and status',
      labelNames: ['service', 'route', 'method', 'status'] as const,
      registers: [registry],
    }),
    /** How often the merged OpenAPI document was built: once per change of a service's document. */
    openapiBuilds: new Counter({
      name: 'gateway_openapi_builds_total',
      help: 'Merged OpenAPI documents built (once per change of a service document)',
      registers: [registry],
    }),
  };
}
export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;

/**
 * Prometheus `/metrics` (PLT-10): request durations of the gateway's routes (only the histogram; a
 * summary costs per request) and the counters above.
 */
export const metricsPlugin = fp<{ metrics: GatewayMetrics }>(
  async function gatewayMetrics(app: FastifyInstance, { metrics: { registry } }) {
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
