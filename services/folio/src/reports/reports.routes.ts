import type { FastifyInstance } from 'fastify';
import establishmentRoutes from './establishment.routes';
import shopAccountsRoutes from './shop-accounts.routes';
import statementRoutes from './statement.routes';

/** Statements and establishment reports (FOL-16, FOL-17). */
export default async function reportsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(statementRoutes);
  await app.register(establishmentRoutes);
  await app.register(shopAccountsRoutes);
}
