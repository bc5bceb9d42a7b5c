import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { servicePlatform, type ServiceOptions } from '@eron/shared/platform';
import admissionRoutes from './admissions/admission.routes';
import intakeCashRoutes from './admissions/intake-cash.routes';
import cellChangeRoutes from './board/cell-change.routes';
import rollCallRoutes from './checks/roll-call.routes';
import placementRoutes from './board/placement.routes';
import sessionRoutes from './board/session.routes';
import type { ClassificationConfig } from './config';
import type { ClassificationTables } from './db';
import { migrations } from './migrations';
import { unitNameTaken } from './structure/structure.rules';
import motherRoutes from './mothers/mothers.routes';
import exitRoutes from './movements/exits.routes';
import legalStatusRoutes from './movements/legal-status.routes';
import transferRoutes from './movements/transfers.routes';
import treatmentRoutes from './movements/treatment.routes';
import { notificationEvents } from './notifications/notifications.events';
import { notificationJobs } from './notifications/notifications.jobs';
import notificationRoutes from './notifications/notifications.routes';
import pplRoutes from './ppl/ppl.routes';
import confidentialRoutes from './record/confidential.routes';
import recordRoutes from './record/record.routes';
import structureRoutes from './structure/structure.routes';

/** Every capability's routes, in the order of the spec. */
async function routes(app: FastifyInstance): Promise<void> {
  await app.register(structureRoutes);
  await app.register(admissionRoutes);
  await app.register(intakeCashRoutes);
  await app.register(pplRoutes);
  await app.register(recordRoutes);
  await app.register(confidentialRoutes);
  await app.register(sessionRoutes);
  await app.register(placementRoutes);
  await app.register(cellChangeRoutes);
  await app.register(motherRoutes);
  await app.register(rollCallRoutes);
  await app.register(transferRoutes);
  await app.register(exitRoutes);
  await app.register(treatmentRoutes);
  await app.register(legalStatusRoutes);
  await app.register(notificationRoutes);
}

export const definition = {
  name: 'classification' as const,
  title: 'ERON — classification',
  description: 'Establishments, intake (ingreso), the PPL register, the patio/cell board, movements and exits.',
  migrations,
  routes,
  handlers: notificationEvents,
  jobs: notificationJobs,
  // Two units given one name at once (created or renamed): the second gets the CLS-02 answer, not the generic 409.
  constraints: { units_name: (req: FastifyRequest) => unitNameTaken((req.body as { name: string }).name) },
};

/** The classification service: platform first, then its capabilities. */
export default fp<ServiceOptions<ClassificationConfig>>(
  async function classification(app, opts) {
    await app.register(servicePlatform<ClassificationTables, ClassificationConfig>(definition), opts);
    await app.register(definition.routes);
  },
  { name: 'classification' },
);
