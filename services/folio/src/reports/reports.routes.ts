import type { FastifyInstance } from 'fastify';

/** Statements and establishment reports (FOL-16, FOL-17). */
export default async function reportsRoutes(_app: FastifyInstance): Promise<void> {}
