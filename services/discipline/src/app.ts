import fp from 'fastify-plugin';
import { servicePlatform, type PlatformTables, type ServiceOptions } from '@eron/shared/platform';
import { migrations } from './migrations';

export const definition = {
  name: 'discipline' as const,
  title: 'ERON — discipline',
  description:
    'Offence catalogue, disciplinary cases, sanctions, appeals, the Disciplinary Council, conduct ratings, incentives, complaints.',
  migrations,
  // Capabilities land route by route; the platform (health, events, OpenAPI) is already up.
  routes: async () => undefined,
  // Subscribed events are consumed (and acknowledged) until this service's capabilities land.
  handlers: {},
};

/** The discipline service: platform first, then its capabilities. */
export default fp<ServiceOptions>(
  async function discipline(app, opts) {
    await app.register(servicePlatform<PlatformTables>(definition), opts);
    await app.register(definition.routes);
  },
  { name: 'discipline' },
);
