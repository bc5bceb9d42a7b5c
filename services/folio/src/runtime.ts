import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '@eron/shared';
import {
  IDEMPOTENCY_HEADER,
  runtimeOf,
  systemActor,
  traceOf,
  type Ctx as PlatformCtx,
  type Outcome,
  type Reader as PlatformReader,
  type Runtime,
  type TraceContext,
} from '@eron/shared/platform';
import type { FolioConfig } from './config';
import type { Db, FolioTables, Trx } from './db';

/** What a folio use case is given: its transaction, actor, request ID, publish and audit. */
export type Ctx = PlatformCtx<FolioTables>;
export type Reader = PlatformReader<FolioTables>;
export type FolioRuntime = Runtime<FolioTables, FolioConfig>;

/** Folio's typed platform: database, settings, jobs, and the ways a route runs a use case. */
export const runtime = (app: FastifyInstance): FolioRuntime => runtimeOf<FolioTables, FolioConfig>(app);

/** Folio's background jobs (app.ts `definition.jobs`). */
export type FolioJob = 'recaudo-files' | 'phone-sweep';

/**
 * What a use case of several transactions is given — a flow that waits on something outside
 * between them (the telephony provider, FOL-10) or leaves work to a job (a bank file, FOL-06):
 * each `step` is a use-case context of its own and commits before it returns; `trigger` wakes a
 * job, so only for what already committed, and never fails the flow (the job's schedule finds
 * what a lost wake-up missed); `log` is the request's or the job's.
 */
export interface Flow extends Reader {
  log: FastifyBaseLogger;
  step<R>(work: (ctx: Ctx) => Promise<R>): Promise<R>;
  trigger(job: FolioJob, data: Record<string, unknown>, key: string): Promise<void>;
}

function flowOf(rt: FolioRuntime, reader: Reader, step: Flow['step'], log: FastifyBaseLogger, trace?: TraceContext): Flow {
  return {
    ...reader,
    log,
    step,
    // The job continues the request's trace (tracing on only).
    trigger: (job, data, key) =>
      rt.jobs
        .trigger(job, data, key, trace)
        .catch((err: unknown) => log.warn({ err, job, key }, 'Job not woken; its schedule will find the work')),
  };
}

/** A request's flow: each step a transaction of the request's actor, woken relay and all. */
export function requestFlow(app: FastifyInstance, req: FastifyRequest): Flow {
  const rt = runtime(app);
  return flowOf(rt, rt.reader(req), (work) => rt.transact(req, work), req.log, traceOf(req));
}

/** A job's flow: the system acts (`system:<what>`). */
export function systemFlow(rt: FolioRuntime, what: string, requestId: string, log: FastifyBaseLogger): Flow {
  const who = { actor: systemActor(what), requestId };
  return flowOf(rt, { db: rt.db, ...who }, (work) => rt.system(who, work), log);
}

/**
 * What a one-statement money write is given (PLT-13): the pool, when it runs alone in autocommit,
 * or PLT-05's transaction when the caller sent an Idempotency-Key.
 */
export interface Statement {
  q: Db | Trx;
  actor: Principal;
  requestId: string;
}

/** Runs a one-statement money write: alone in autocommit without a key (the hot path), else inside PLT-05's transaction. */
export async function oneStatement<B>(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  work: (s: Statement) => Promise<Outcome<B>>,
): Promise<FastifyReply> {
  const rt = runtime(app);
  if (req.headers[IDEMPOTENCY_HEADER] === undefined) {
    const out = await work({ q: rt.db, actor: req.principal, requestId: req.id });
    return reply.code(out.status).send(out.body);
  }
  return rt.idempotent(req, reply, (ctx) => work({ q: ctx.trx, actor: ctx.actor, requestId: ctx.requestId }));
}
