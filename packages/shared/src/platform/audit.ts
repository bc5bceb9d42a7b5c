import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { PlatformTables } from './tables';

/** Appends to the audit log in the change's transaction (PLT-06): who, when, what, request ID. */
export async function audit<DB>(
  trx: Transaction<DB>,
  req: FastifyRequest,
  entry: { action: string; entity: string; entityId: string; details?: Record<string, unknown> },
): Promise<void> {
  await (trx as unknown as Transaction<PlatformTables>)
    .insertInto('audit_log')
    .values({
      actor: req.principal?.sub ?? 'system',
      roles: req.principal?.roles ?? [],
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      request_id: req.id,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}
