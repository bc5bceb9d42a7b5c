import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { servicePlatform, type ServiceOptions } from '@eron/shared/platform';
import type { VisitsConfig } from './config';
import type { VisitsTables } from './db';
import { intimateJobs } from './intimate/intimate.jobs';
import intimateRoutes from './intimate/intimate.routes';
import lawyerRoutes from './lawyers/lawyer.routes';
import { migrations } from './migrations';
import officialRoutes from './officials/official.routes';
import { pplEvents } from './ppl/ppl.events';

/** Every capability's routes, in the order of the spec. */
async function routes(app: FastifyInstance): Promise<void> {
  await app.register(intimateRoutes);
  await app.register(lawyerRoutes);
  await app.register(officialRoutes);
}

export const definition = {
  name: 'visits' as const,
  title: 'ERON — visits',
  description:
    'Visitors, authorised lists, visiting regime, bookings, intimate visits, children, lawyers, VIVIF virtual visits, gate check-in/out.',
  migrations,
  routes,
  handlers: pplEvents,
  jobs: { ...intimateJobs },
};

/** The visits service: platform first, then its capabilities. */
export default fp<ServiceOptions<VisitsConfig>>(
  async function visits(app, opts) {
    await app.register(servicePlatform<VisitsTables, VisitsConfig>(definition), opts);
    await app.register(definition.routes);
  },
  { name: 'visits' },
);
