import fp from 'fastify-plugin';
import { servicePlatform, type EventHandlers, type PlatformTables, type ServiceOptions } from '@eron/shared/platform';
import { migrations } from './migrations';

export const definition = {
  name: 'visits' as const,
  title: 'ERON — visits',
  description:
    'Visitors, authorised lists, visiting regime, bookings, intimate visits, children, lawyers, VIVIF virtual visits, gate check-in/out.',
  migrations,
  // Capabilities land route by route; the platform (health, events, OpenAPI) is already up.
  routes: async () => undefined,
  // No handlers yet, so no events are sent here (none is acknowledged unread). A capability that
  // adds one is caught up from the producer's outbox with every event of that type (PLT-08).
  handlers: {} as EventHandlers<PlatformTables>,
};

/** The visits service: platform first, then its capabilities. */
export default fp<ServiceOptions>(
  async function visits(app, opts) {
    await app.register(servicePlatform<PlatformTables>(definition), opts);
    await app.register(definition.routes);
  },
  { name: 'visits' },
);
