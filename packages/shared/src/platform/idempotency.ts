import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, ProblemError } from '../problem';
import type { Principal } from '../roles';
import type { PlatformTables } from './tables';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

export interface Outcome<B> {
  status: number;
  body: B;
}

const keyProblem = (status: number, code: string, es: string, en: string) =>
  new ProblemError({ status, code, title: 'Idempotency-Key', detail: { es, en }, rule: 'PLT-05' });

/**
 * Runs a money or booking POST at most once per Idempotency-Key (PLT-05).
 *
 * - Scope: a key belongs to its caller (the token's subject, the machine client's key id); the
 *   stored hash covers the method, the concrete path with its IDs and the body, so the same key on
 *   `/transfers/B/dispatch` after `/transfers/A/dispatch`, or with another body, is a 422 — never
 *   A's answer.
 * - In flight: the transaction doing the work holds a Postgres advisory lock on the key from
 *   before it looks for a stored answer until it commits or rolls back. Postgres releases that lock
 *   exactly when the transaction ends, including when its process or connection dies, so a
 *   duplicate that cannot take the lock is 409 however long the first has been running, and one
 *   that can take it knows the first is gone (its work committed with the answer, or vanished with
 *   it). No clock decides that a request is dead.
 * - Work and answer commit together, so a stored answer always means the change happened.
 * - Replay: this runs inside the handler, after the route's role check; the route's own
 *   establishment check (`assertActsFor`) runs before it too. Use cases that learn the
 *   establishment only from the data they load never run on a replay, so the answer is bound to the
 *   establishments its caller acted for when it was stored: it is handed only to a caller acting
 *   for all of them (or nationally), anyone else gets the 403 a fresh run could give. A token
 *   whose scope shrank cannot replay; it is never run twice either.
 */
export async function idempotent<DB, B>(
  req: FastifyRequest,
  reply: FastifyReply,
  db: Kysely<DB>,
  work: (trx: Transaction<DB>) => Promise<Outcome<B>>,
): Promise<FastifyReply> {
  const key = req.headers[IDEMPOTENCY_HEADER];
  if (key === undefined) {
    const out = await db.transaction().execute(work);
    return reply.code(out.status).send(out.body);
  }
  if (typeof key !== 'string' || key.length < 8 || key.length > 200) {
    throw keyProblem(
      400,
      'idempotency-key-invalid',
      'Idempotency-Key debe tener entre 8 y 200 caracteres',
      'Idempotency-Key must be 8 to 200 characters',
    );
  }
  const caller: Principal | null = req.principal ?? null;
  const scope = caller?.sub ?? '';
  const hash = createHash('sha256')
    .update(`${req.method} ${req.url}\n`)
    .update(req.rawBody ?? JSON.stringify(req.body ?? null))
    .digest('hex');
  const done = await db.transaction().execute(async (trx) => {
    const platform = trx as unknown as Transaction<PlatformTables>;
    if (!(await lockKey(platform, scope, key))) throw inFlight();
    const stored = await platform
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'status', 'response', 'actor_scope'])
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirst();
    if (stored) return { replay: true, out: answerFor(stored, caller, hash) };
    const out = await work(trx);
    await platform
      .insertInto('idempotency_keys')
      .values({ scope, key, request_hash: hash, status: out.status, response: JSON.stringify(out.body), actor_scope: actorScopeOf(caller) })
      .execute();
    return { replay: false, out };
  });
  if (done.replay) reply.header('idempotent-replayed', 'true');
  return reply.code(done.out.status).send(done.out.body);
}

/**
 * Takes the key's transaction-scoped advisory lock, or says someone holds it. Every service shares
 * one database, so the lock names the service's schema too.
 */
async function lockKey(trx: Transaction<PlatformTables>, scope: string, key: string): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`
    SELECT pg_try_advisory_xact_lock(hashtextextended('idempotency:' || current_schema() || ':' || ${scope} || ':' || ${key}, 0)) AS locked
  `.execute(trx);
  return rows[0]?.locked === true;
}

const inFlight = () =>
  keyProblem(
    409,
    'idempotency-key-in-flight',
    'Una solicitud con esta Idempotency-Key aún está en curso',
    'A request with this Idempotency-Key is still in flight',
  );

/** The establishments a caller acts for, as stored with an answer: `*` nationally, else the sorted codes. */
const actorScopeOf = (caller: Principal | null): string => (caller?.national ? '*' : [...new Set(caller?.erons ?? [])].sort().join(','));

/** Whether the caller acts for every establishment the stored answer's caller acted for. */
function covers(caller: Principal | null, stored: string | null): boolean {
  if (caller?.national) return true;
  if (stored === null || stored === '*') return false;
  const mine = new Set(caller?.erons ?? []);
  return stored.split(',').every((eron) => eron === '' || mine.has(eron));
}

function answerFor(
  stored: { request_hash: string; status: number | null; response: unknown; actor_scope: string | null },
  caller: Principal | null,
  hash: string,
): Outcome<unknown> {
  if (!covers(caller, stored.actor_scope)) {
    throw forbidden({
      es: 'La respuesta guardada para esta Idempotency-Key es de un establecimiento por el que usted no actúa',
      en: 'The answer stored for this Idempotency-Key belongs to an establishment you do not act for',
    });
  }
  if (stored.request_hash !== hash) {
    throw keyProblem(
      422,
      'idempotency-key-reused',
      'Esta Idempotency-Key ya se usó en otro recurso o con otro cuerpo',
      'This Idempotency-Key was already used on another resource or with another body',
    );
  }
  return { status: stored.status ?? 200, body: stored.response };
}

/** Keys are kept at least 24 h (PLT-05); the platform job `prune-idempotency-keys` removes older ones. */
export async function pruneIdempotencyKeys(db: Kysely<PlatformTables>, retentionHours = 48): Promise<number> {
  const hours = Math.max(24, retentionHours);
  const { numDeletedRows } = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', sql<Date>`now() - make_interval(hours => ${hours})`)
    .executeTakeFirst();
  return Number(numDeletedRows);
}
