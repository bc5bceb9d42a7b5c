import fp from 'fastify-plugin';
import { servicePlatform, type PlatformTables, type ServiceOptions } from '@eron/shared/platform';
import { migrations } from './migrations';

export const definition = {
  name: 'visits' as const,
  title: 'ERON — visits',
  description:
    'Visitors, authorised lists, visiting regime, bookings, intimate visits, children, lawyers, VIVIF virtual visits, gate check-in/out.',
  migrations,
  // Capabilities land route by route; the platform (health, events, OpenAPI) is already up.
  routes: async () => undefined,
  // Subscribed events are consumed (and acknowledged) until this service's capabilities land.
  handlers: {},
};

/** The visits service: platform first, then its capabilities. */
export default fp<ServiceOptions>(
  async function visits(app, opts) {
    await app.register(servicePlatform<PlatformTables>(definition), opts);
    await app.register(definition.routes);
  },
  { name: 'visits' },
);
