import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import { writeAudit, type AuditEntry } from './context';
import type { PlatformTables } from './tables';

/** Appends to the audit log in the change's transaction (PLT-06), for a route not yet on a use case. */
export async function audit<DB>(trx: Transaction<DB>, req: FastifyRequest, entry: AuditEntry): Promise<void> {
  await writeAudit(trx as unknown as Transaction<PlatformTables>, { actor: req.principal ?? undefined, requestId: req.id }, entry);
}
