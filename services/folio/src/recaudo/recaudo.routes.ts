import type { FastifyInstance } from 'fastify';

/** Bank deposits: depositors, real-time notices, Asobancaria 2001 files (FOL-04 … FOL-06). */
export default async function recaudoRoutes(_app: FastifyInstance): Promise<void> {}
