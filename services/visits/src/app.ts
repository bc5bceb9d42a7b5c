import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { servicePlatform, type ServiceDefinition, type ServiceOptions } from '@eron/shared/platform';
import { bookingEvents } from './bookings/booking.events';
import chosenDayRoutes from './chosen-day/chosen-day.routes';
import bookingRoutes from './bookings/booking.routes';
import { loadVisitsConfig, type VisitsConfig } from './config';
import type { VisitsTables } from './db';
import { gateJobs } from './gate/gate.jobs';
import gateRoutes from './gate/gate.routes';
import establishmentRoutes from './establishments/establishment.routes';
import { intimateJobs } from './intimate/intimate.jobs';
import intimateRoutes from './intimate/intimate.routes';
import lawyerRoutes from './lawyers/lawyer.routes';
import { migrations } from './migrations';
import officialRoutes from './officials/official.routes';
import { pplEvents } from './ppl/ppl.events';
import pplRoutes from './ppl/ppl.routes';
import regimeRoutes from './regime/regime.routes';
import { documentTaken } from './visitors/visitor.rules';
import visitorRoutes from './visitors/visitor.routes';
import vivifRoutes from './vivif/vivif.routes';

/** Every capability's routes, in the order of the spec. */
async function routes(app: FastifyInstance): Promise<void> {
  // The visits side's directory: PPL and the units they are placed in, with each unit's session (VIS-03).
  await app.register(pplRoutes);
  await app.register(establishmentRoutes);
  // The regime: days, hours, limits, areas, DG approval, the public calendar (VIS-01 … VIS-03).
  await app.register(regimeRoutes);
  // Visitors, authorised lists, children, bans, extradition authorisations (VIS-04 … VIS-07).
  await app.register(visitorRoutes);
  await app.register(chosenDayRoutes);
  // Bookings, the day's roster, sanctions and moves (VIS-08 … VIS-10).
  await app.register(bookingRoutes);
  // Intimate visits, lawyers and officials (VIS-11 … VIS-15).
  await app.register(intimateRoutes);
  await app.register(lawyerRoutes);
  await app.register(officialRoutes);
  // VIVIF virtual family visits (VIS-16 … VIS-18).
  await app.register(vivifRoutes);
  // The gate: check-in and out with tokens, suspensions, the day's incident report (VIS-19, VIS-20).
  await app.register(gateRoutes);
}

export const definition = {
  name: 'visits' as const,
  title: 'ERON — visits',
  description:
    'Visitors, authorised lists, visiting regime, bookings, intimate visits, children, lawyers, VIVIF virtual visits, gate check-in/out.',
  migrations,
  routes,
  handlers: { ...pplEvents, ...bookingEvents },
  jobs: { ...intimateJobs, ...gateJobs },
  // Two registrations of one document at once: the second gets the VIS-05 answer, not the generic 409.
  constraints: { visitor_identities_document: () => documentTaken() },
} satisfies ServiceDefinition<VisitsTables, VisitsConfig> & { routes: typeof routes };

/** The visits service: platform first, then its capabilities. */
export default fp<ServiceOptions<VisitsConfig>>(
  async function visits(app, opts) {
    // Visits runs on its own typed settings whoever built it (the e2e suite gives only the common ones).
    const config = loadVisitsConfig(opts.config);
    await app.register(servicePlatform<VisitsTables, VisitsConfig>(definition), { ...opts, config });
    await app.register(definition.routes);
  },
  { name: 'visits' },
);
