import { createHash } from 'node:crypto';
import { sql, type Kysely, type QueryCreator, type Transaction } from 'kysely';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, ProblemError } from '../problem';
import type { Principal } from '../roles';
import type { AuditBuffer } from './context';
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
 * - One round trip claims a fresh key (PLT-13, PLT-15): the lock and an `INSERT … ON CONFLICT DO
 *   NOTHING` of the key's row in one statement. The conflict check reads the latest committed row,
 *   not the statement's snapshot, so a first request that committed just before the lock was taken
 *   is seen; only then is the stored answer read, in a statement of its own (a fresh snapshot).
 * - Work and answer commit together (the key's row gets its answer, and the deferred audit lines are
 *   written, in the statement before COMMIT), so a stored answer always means the change happened.
 * - Replay: this runs inside the handler, after the route's role check; the route's own
 *   establishment check (`assertActsFor`) runs before it too. Use cases that learn the
 *   establishment only from the data they load never run on a replay, so the answer is bound to the
 *   establishments its caller acted for when it was stored: it is handed only to a caller acting
 *   for all of them (or nationally), anyone else gets the 403 a fresh run could give. A token
 *   whose scope shrank cannot replay; it is never run twice either.
 * - `audit`: the buffer the work's context keeps its audit lines in when a key was sent; they are
 *   written by the statement that stores the answer.
 */
export async function idempotent<DB, B>(
  req: FastifyRequest,
  reply: FastifyReply,
  db: Kysely<DB>,
  work: (trx: Transaction<DB>) => Promise<Outcome<B>>,
  audit?: AuditBuffer,
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
    const claim = await claimKey(platform, { scope, key, request_hash: hash, actor_scope: actorScopeOf(caller) });
    if (claim === 'in-flight') throw inFlight();
    if (claim === 'answered') {
      const stored = await platform
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status', 'response', 'actor_scope'])
        .where('scope', '=', scope)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      return { replay: true, out: answerFor(stored, caller, hash) };
    }
    const out = await work(trx);
    const answer = (q: QueryCreator<PlatformTables>) =>
      q
        .updateTable('idempotency_keys')
        .set({ status: out.status, response: JSON.stringify(out.body) })
        .where('scope', '=', scope)
        .where('key', '=', key);
    await (audit ? audit.flushWith(platform, answer) : answer(platform).execute());
    return { replay: false, out };
  });
  if (done.replay) reply.header('idempotent-replayed', 'true');
  return reply.code(done.out.status).send(done.out.body);
}

/**
 * Takes the key's transaction-scoped advisory lock and, holding it, writes the key's row without an
 * answer yet — in one statement. `in-flight`: someone holds the lock; `answered`: the row exists
 * (a first request committed it); `fresh`: this transaction owns the key. Every service shares one
 * database, so the lock names the service's schema too.
 */
async function claimKey(
  trx: Transaction<PlatformTables>,
  k: { scope: string; key: string; request_hash: string; actor_scope: string },
): Promise<'in-flight' | 'answered' | 'fresh'> {
  const { rows } = await sql<{ locked: boolean; fresh: boolean }>`
    WITH lock AS (
      SELECT pg_try_advisory_xact_lock(hashtextextended('idempotency:' || current_schema() || ':' || ${k.scope} || ':' || ${k.key}, 0)) AS locked
    ), claimed AS (
      INSERT INTO idempotency_keys (scope, key, request_hash, actor_scope)
      SELECT ${k.scope}, ${k.key}, ${k.request_hash}, ${k.actor_scope} FROM lock WHERE lock.locked
      ON CONFLICT (scope, key) DO NOTHING
      RETURNING 1
    )
    SELECT lock.locked, EXISTS (SELECT 1 FROM claimed) AS fresh FROM lock
  `.execute(trx);
  const r = rows[0];
  return !r?.locked ? 'in-flight' : r.fresh ? 'fresh' : 'answered';
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
