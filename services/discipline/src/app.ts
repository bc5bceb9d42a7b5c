import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { servicePlatform, type ServiceDefinition, type ServiceOptions } from '@eron/shared/platform';
import { complaintJobs } from './complaints/complaints.jobs';
import complaintRoutes from './complaints/complaints.routes';
import { loadDisciplineConfig, type DisciplineConfig } from './config';
import type { DisciplineTables } from './db';
import certificateRoutes from './certificates/certificate.routes';
import { conductJobs } from './conduct/conduct.jobs';
import conductRoutes from './conduct/conduct.routes';
import judgeRoutes from './conduct/judge.routes';
import hoursRoutes from './hours/hours.routes';
import { jeteeJobs } from './jetee/jetee.jobs';
import jeteeRoutes from './jetee/jetee.routes';
import { migrations } from './migrations';
import redemptionRoutes from './redemption/redemption.routes';
import programmeRoutes from './programmes/programme.routes';
import appealRoutes from './cases/appeal.routes';
import caseRoutes from './cases/case.routes';
import { sanctionJobs } from './sanctions/sanction.jobs';
import sanctionRoutes from './sanctions/sanction.routes';
import offenceRoutes from './offences/offence.routes';
import { pplEvents } from './ppl/ppl.events';
import pplRoutes from './ppl/ppl.routes';
import councilRoutes from './council/council.routes';
import incentiveRoutes from './incentives/incentive.routes';
import ownFoodRoutes from './own-food/own-food.routes';
import listRoutes from './lists/lists.routes';
import verificationRoutes from './verification/verification.routes';

/** Every capability's routes, in the order of the spec. */
async function routes(app: FastifyInstance): Promise<void> {
  // Discipline's directory of PPL, kept from classification's events.
  await app.register(pplRoutes);
  // Offences and cases; sanctions and appeals (DIS-01 … DIS-10).
  await app.register(offenceRoutes);
  await app.register(caseRoutes);
  await app.register(appealRoutes);
  await app.register(sanctionRoutes);
  // The Disciplinary Council (DIS-11, DIS-12).
  await app.register(councilRoutes);
  // Conduct, repeat offenders and the judge, incentives, certificates, own food (DIS-13 … DIS-18).
  await app.register(conductRoutes);
  await app.register(judgeRoutes);
  await app.register(incentiveRoutes);
  await app.register(certificateRoutes);
  await app.register(ownFoodRoutes);
  // Complaints (DIS-19).
  await app.register(complaintRoutes);
  // The JETEE, programmes, hours, evaluations and sentence redemption (DIS-20 … DIS-24).
  await app.register(jeteeRoutes);
  await app.register(programmeRoutes);
  await app.register(hoursRoutes);
  await app.register(redemptionRoutes);
  // Lists for the council's secretary and the Director (DIS-12, DIS-16, DIS-18, DIS-19).
  await app.register(listRoutes);
  // One public check of any discipline document's verification code (DIS-17, DIS-24).
  await app.register(verificationRoutes);
}

export const definition = {
  name: 'discipline' as const,
  title: 'ERON — discipline',
  description:
    'Offence catalogue, disciplinary cases, sanctions, appeals, the Disciplinary Council, conduct ratings, incentives, complaints, the JETEE and sentence redemption.',
  migrations,
  routes,
  handlers: { ...pplEvents },
  jobs: {
    ...sanctionJobs,
    ...conductJobs,
    ...jeteeJobs,
    ...complaintJobs,
  },
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
