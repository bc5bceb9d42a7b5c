import type { Insertable, Kysely, QueryCreator, Transaction } from 'kysely';
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

type AuditRow = Insertable<PlatformTables['audit_log']>;

/**
 * The audit lines of one transaction kept back to ride on its last statement before COMMIT — the
 * one storing an Idempotency-Key's answer — rather than one round trip each (PLT-13, PLT-15):
 * still in the change's transaction, so they commit or roll back with it.
 */
export class AuditBuffer {
  /**
   * Lines kept back at most: a statement takes at most 65 535 parameters (seven a line), and a use
   * case may audit tens of thousands (a bank file's approval audits each deposit) — beyond this the
   * lines go in one INSERT per this many, still in the transaction.
   */
  static readonly MAX_LINES = 1000;
  private rows: AuditRow[] = [];

  /** Keeps a line back; once MAX_LINES are kept, writes them with one INSERT in `trx`. */
  async add(
    trx: Transaction<PlatformTables>,
    who: { actor: Principal | undefined; requestId: string | undefined },
    entry: AuditEntry,
  ): Promise<void> {
    this.rows.push(auditRow(who, entry));
    if (this.rows.length >= AuditBuffer.MAX_LINES) await trx.insertInto('audit_log').values(this.take()).execute();
  }

  /** Runs `last` with the pending lines inserted by the same statement (a data-modifying CTE). */
  async flushWith(
    trx: Transaction<PlatformTables>,
    last: (db: QueryCreator<PlatformTables>) => { execute(): Promise<unknown> },
  ): Promise<void> {
    const rows = this.take();
    // The CTE only adds a name `last` never reads: the creator is the same tables' to it.
    const db = rows.length
      ? (trx.with('audit', (q) => q.insertInto('audit_log').values(rows).returning('id')) as unknown as QueryCreator<PlatformTables>)
      : trx;
    await last(db).execute();
  }

  private take(): AuditRow[] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }
}

/**
 * A use-case context over `trx`. `onPublish` is told when an event was written, so whoever
 * committed the transaction wakes the outbox relay — never the use case (PLT-08). `who.trace`,
 * the request's or the handled event's span, is carried in each event published (tracing.ts).
 * With `audit`, audit lines wait in it until the transaction's owner flushes it; without, each is
 * written at once.
 */
export function contextFor<DB>(
  service: ServiceName,
  trx: Transaction<DB>,
  who: { actor: Principal; requestId: string; trace?: TraceContext },
  onPublish: () => void,
  audit?: AuditBuffer,
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
      if (audit) await audit.add(platform, who, entry);
      else await writeAudit(platform, who, entry);
    },
  };
}

/** Appends to the audit log in the change's transaction (PLT-06): who, when, what, request ID. */
export async function writeAudit(
  trx: Transaction<PlatformTables>,
  who: { actor: Principal | undefined; requestId: string | undefined },
  entry: AuditEntry,
): Promise<void> {
  await trx.insertInto('audit_log').values(auditRow(who, entry)).execute();
}

/**
 * One audit line as its row is written, for a statement that writes the lines of many changes among
 * its other rows (a batch of bookings: `INSERT … SELECT … FROM jsonb_to_recordset`).
 */
export const auditRow = (who: { actor: Principal | undefined; requestId: string | undefined }, entry: AuditEntry): AuditRow => ({
  actor: who.actor?.sub ?? 'system',
  roles: who.actor?.roles ?? [],
  action: entry.action,
  entity: entry.entity,
  entity_id: entry.entityId,
  request_id: who.requestId ?? null,
  details: entry.details ? JSON.stringify(entry.details) : null,
});
