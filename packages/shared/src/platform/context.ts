import type { Kysely, Transaction } from 'kysely';
import type { EventPayload, EventType, ServiceName } from '../events';
import type { Principal } from '../roles';
import { publish as writeOutbox } from './outbox';
import type { PlatformTables } from './tables';
import { tracedPublish, type TraceContext } from './tracing';

/** One line of the audit log (PLT-06): what was done or read, to which entity. */
export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  details?: Record<string, unknown>;
}

/**
 * What a use case is given to change things, and nothing of HTTP: the transaction its writes
 * share, who acts, the request it serves, and the two things every change may leave behind — an
 * event (written to the outbox in this transaction, PLT-08) and an audit line (PLT-06).
 * Routes and event handlers build it alike, so one use case serves both.
 */
export interface Ctx<DB> {
  trx: Transaction<DB>;
  actor: Principal;
  requestId: string;
  publish<T extends EventType>(type: T, payload: EventPayload<T>): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
}

/** What a read-only use case is given: the pool (no transaction), who asks, the request. */
export interface Reader<DB> {
  db: Kysely<DB>;
  actor: Principal;
  requestId: string;
}

/** Who acts when no person does: event handlers and scheduled jobs. */
export const systemActor = (what: string): Principal => ({ sub: `system:${what}`, roles: [], erons: [], national: true });

/**
 * A use-case context over `trx`. `onPublish` is told when an event was written, so whoever
 * committed the transaction wakes the outbox relay — never the use case (PLT-08). `who.trace`,
 * the request's or the handled event's span, is carried in each event published (tracing.ts).
 */
export function contextFor<DB>(
  service: ServiceName,
  trx: Transaction<DB>,
  who: { actor: Principal; requestId: string; trace?: TraceContext },
  onPublish: () => void,
): Ctx<DB> {
  const platform = trx as unknown as Transaction<PlatformTables>;
  return {
    trx,
    actor: who.actor,
    requestId: who.requestId,
    async publish(type, payload) {
      await tracedPublish(service, type, who.trace, (trace) => writeOutbox(platform, service, type, payload, who.requestId, trace));
      onPublish();
    },
    async audit(entry) {
      await writeAudit(platform, who, entry);
    },
  };
}

/** Appends to the audit log in the change's transaction (PLT-06): who, when, what, request ID. */
export async function writeAudit(
  trx: Transaction<PlatformTables>,
  who: { actor: Principal | undefined; requestId: string | undefined },
  entry: AuditEntry,
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      actor: who.actor?.sub ?? 'system',
      roles: who.actor?.roles ?? [],
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      request_id: who.requestId ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}
