import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { servicePlatform, type ServiceDefinition, type ServiceOptions } from '@eron/shared/platform';
import { loadDisciplineConfig, type DisciplineConfig } from './config';
import type { DisciplineTables } from './db';
import caseRoutes from './cases/case.routes';
import { migrations } from './migrations';
import offenceRoutes from './offences/offence.routes';
import { pplEvents } from './ppl/ppl.events';
import pplRoutes from './ppl/ppl.routes';

/** Every capability's routes, in the order of the spec. */
async function routes(app: FastifyInstance): Promise<void> {
  // Discipline's directory of PPL, kept from classification's events.
  await app.register(pplRoutes);
  // The offence catalogue (DIS-01).
  await app.register(offenceRoutes);
  await app.register(caseRoutes);
}

export const definition = {
  name: 'discipline' as const,
  title: 'ERON — discipline',
  description:
    'Offence catalogue, disciplinary cases, sanctions, appeals, the Disciplinary Council, conduct ratings, incentives, complaints, the JETEE and sentence redemption.',
  migrations,
  routes,
  handlers: { ...pplEvents },
  jobs: {},
} satisfies ServiceDefinition<DisciplineTables, DisciplineConfig> & { routes: typeof routes };

/** The discipline service: platform first, then its capabilities. */
export default fp<ServiceOptions<DisciplineConfig>>(
  async function discipline(app, opts) {
    const config = loadDisciplineConfig(opts.config);
    await app.register(servicePlatform<DisciplineTables, DisciplineConfig>(definition), { ...opts, config });
    await app.register(definition.routes);
  },
  { name: 'discipline' },
);
