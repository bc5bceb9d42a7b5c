import type { FastifyInstance } from 'fastify';
import exitRoutes from './exits.routes';
import transferRoutes from './transfers.routes';
import treatmentRoutes from './treatment.routes';

/** Movements and exits (CLS-20 … CLS-22): transfers, exits and escapes, the CET's level and phase. */
export default async function movementRoutes(app: FastifyInstance): Promise<void> {
  await app.register(transferRoutes);
  await app.register(exitRoutes);
  await app.register(treatmentRoutes);
}
