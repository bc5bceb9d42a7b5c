import fp from 'fastify-plugin';
import { servicePlatform, type EventHandlers, type PlatformTables, type ServiceOptions } from '@eron/shared/platform';
import { migrations } from './migrations';

export const definition = {
  name: 'discipline' as const,
  title: 'ERON — discipline',
  description:
    'Offence catalogue, disciplinary cases, sanctions, appeals, the Disciplinary Council, conduct ratings, incentives, complaints.',
  migrations,
  // Capabilities land route by route; the platform (health, events, OpenAPI) is already up.
  routes: async () => undefined,
  // No handlers yet, so no events are sent here (none is acknowledged unread). A capability that
  // adds one is caught up from the producer's outbox with every event of that type (PLT-08).
  handlers: {} as EventHandlers<PlatformTables>,
};

/** The discipline service: platform first, then its capabilities. */
export default fp<ServiceOptions>(
  async function discipline(app, opts) {
    await app.register(servicePlatform<PlatformTables>(definition), opts);
    await app.register(definition.routes);
  },
  { name: 'discipline' },
);
