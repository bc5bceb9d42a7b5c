import type { FastifyInstance } from 'fastify';

/** Spending: caps, uses of Art. 41, the shop, phone credit (FOL-07 … FOL-10). */
export default async function spendingRoutes(_app: FastifyInstance): Promise<void> {}
