import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { ServiceName } from '../events';
import type { BaseEnv } from './config';
import { AuditBuffer, contextFor, type Ctx, type Reader } from './context';
import { IDEMPOTENCY_HEADER, idempotent, type Outcome } from './idempotency';
import type { JobRunner } from './jobs';
import type { OutboxRelay } from './outbox';
import { inSpan, SpanKind, tracingOn, type TraceContext } from './tracing';
import { traceOf } from './tracing.plugin';

/**
 * A service's typed handle on its platform: its database, its settings, and the three ways a
 * route runs a use case. Each service gets it with its own table and config types
 * (`runtimeOf<FolioTables, FolioConfig>(app)`, wrapped once in the service's `runtime.ts`), so
 * no route casts a database or parses a setting back.
 */
export interface Runtime<DB, Env extends BaseEnv = BaseEnv> {
  service: ServiceName;
  db: Kysely<DB>;
  config: Env;
  jobs: JobRunner;
  /** A use case that changes things: one transaction; after commit, the relay is woken if it published. */
  transact<R>(req: FastifyRequest, work: (ctx: Ctx<DB>) => Promise<R>): Promise<R>;
  /** The same, at most once per Idempotency-Key (PLT-05): money and bookings. */
  idempotent<B>(req: FastifyRequest, reply: FastifyReply, work: (ctx: Ctx<DB>) => Promise<Outcome<B>>): Promise<FastifyReply>;
  /** A read-only use case's context (no transaction). */
  reader(req: FastifyRequest): Reader<DB>;
  /**
   * A transaction for work no person asked for (event handlers, jobs), with the same post-commit
   * wake-up. A job gives its span as `trace`: the transaction is then a span of the job's trace, and
   * what it publishes continues it.
   */
  system<R>(who: SystemWho<DB>, work: (ctx: Ctx<DB>) => Promise<R>): Promise<R>;
}

/** Who runs a system transaction: the actor (`system:<what>`), the request ID its logs and events carry, the job's trace. */
export interface SystemWho<DB> {
  actor: Ctx<DB>['actor'];
  requestId: string;
  trace?: TraceContext;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Use `runtimeOf<DB, Env>(app)` (through the service's `runtime.ts`) for the typed view. */
    runtime: Runtime<unknown, BaseEnv>;
  }
}

export function createRuntime<DB, Env extends BaseEnv>(parts: {
  service: ServiceName;
  db: Kysely<DB>;
  config: Env;
  relay: OutboxRelay;
  jobs: JobRunner;
}): Runtime<DB, Env> {
  const { service, db, relay } = parts;
  const run = async <R>(who: SystemWho<DB>, work: (ctx: Ctx<DB>) => Promise<R>): Promise<R> => {
    let published = false;
    const result = await db.transaction().execute((trx) => work(contextFor(service, trx, who, () => (published = true))));
    if (published) relay.kick();
    return result;
  };
  // Named by the system actor only: a person's subject never names a span (PLT-06).
  const system = <R>(who: SystemWho<DB>, work: (ctx: Ctx<DB>) => Promise<R>): Promise<R> => {
    if (!who.trace || !tracingOn()) return run(who, work);
    const actor = who.actor.sub.startsWith('system:') ? who.actor.sub : undefined;
    const attributes = { 'eron.service': service, ...(actor ? { 'eron.actor': actor } : {}) };
    return inSpan(actor ? `transaction ${actor}` : 'transaction', SpanKind.INTERNAL, who.trace, attributes, (trace) =>
      run({ ...who, trace }, work),
    );
  };
  const who = (req: FastifyRequest) => ({ actor: req.principal, requestId: req.id, trace: traceOf(req) });
  return {
    ...parts,
    transact: (req, work) => run(who(req), work),
    system,
    reader: (req) => ({ db, actor: req.principal, requestId: req.id }),
    async idempotent(req, reply, work) {
      let published = false;
      // With a key, audit lines ride on the statement that stores the answer (AuditBuffer); without
      // one there is no such statement, and each is written where the use case says (some audit
      // before a claim on purpose, so the claimed row is held only to COMMIT).
      const audit = req.headers[IDEMPOTENCY_HEADER] === undefined ? undefined : new AuditBuffer();
      const sent = await idempotent(
        req,
        reply,
        db,
        (trx) => work(contextFor(service, trx, who(req), () => (published = true), audit)),
        audit,
      );
      if (published) relay.kick();
      return sent;
    },
  };
}

/** The typed runtime of the service `app` belongs to; the one place its types are asserted. */
export function runtimeOf<DB, Env extends BaseEnv = BaseEnv>(app: FastifyInstance): Runtime<DB, Env> {
  return app.runtime as unknown as Runtime<DB, Env>;
}
