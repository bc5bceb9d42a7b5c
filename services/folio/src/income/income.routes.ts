import type { FastifyInstance } from 'fastify';

/** Work pay, seized cash, transfers and payouts (FOL-11 … FOL-15). */
export default async function incomeRoutes(_app: FastifyInstance): Promise<void> {}
