import type { FastifyInstance } from 'fastify';
import exitsRoutes from './exits.routes';
import seizuresRoutes from './seizures.routes';
import workPayRoutes from './work-pay.routes';

/** Work pay, seized cash, transfers and payouts (FOL-11 … FOL-15). */
export default async function incomeRoutes(app: FastifyInstance): Promise<void> {
  await app.register(workPayRoutes);
  await app.register(seizuresRoutes);
  await app.register(exitsRoutes);
}
