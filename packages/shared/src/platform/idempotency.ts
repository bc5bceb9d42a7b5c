import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from '../problem';
import type { PlatformTables } from './tables';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** A claim that never completed belongs to a request that died before committing. */
const STALE_CLAIM = '5 minutes';

export interface Outcome<B> {
  status: number;
  body: B;
}

const keyProblem = (status: number, code: string, es: string, en: string) =>
  new ProblemError({ status, code, title: 'Idempotency-Key', detail: { es, en }, rule: 'PLT-05' });

/**
 * Runs a money or booking POST at most once per Idempotency-Key (PLT-05). The key is claimed in
 * its own statement, the work and the stored response commit together, so a stored response
 * always means the change happened and an unfinished claim means it did not.
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
  const platform = db as unknown as Kysely<PlatformTables>;
  const scope = `${String(req.routeOptions.method)} ${req.routeOptions.url} ${req.principal?.sub ?? ''}`;
  const hash = createHash('sha256')
    .update(req.rawBody ?? JSON.stringify(req.body ?? null))
    .digest('hex');
  const replay = await claim(platform, scope, key, hash);
  if (replay) return reply.code(replay.status).header('idempotent-replayed', 'true').send(replay.body);
  try {
    const out = await db.transaction().execute(async (trx) => {
      const result = await work(trx);
      await (trx as unknown as Transaction<PlatformTables>)
        .updateTable('idempotency_keys')
        .set({ status: result.status, response: JSON.stringify(result.body) })
        .where('scope', '=', scope)
        .where('key', '=', key)
        .execute();
      return result;
    });
    return reply.code(out.status).send(out.body);
  } catch (err) {
    await platform.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).where('status', 'is', null).execute();
    throw err;
  }
}

async function claim(db: Kysely<PlatformTables>, scope: string, key: string, hash: string): Promise<Outcome<unknown> | null> {
  const claimed = await db
    .insertInto('idempotency_keys')
    .values({ scope, key, request_hash: hash, status: null, response: null })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (claimed) return null;
  const row = await db.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
  if (!row) return claim(db, scope, key, hash);
  if (row.request_hash !== hash) {
    throw keyProblem(
      422,
      'idempotency-key-reused',
      'Esta Idempotency-Key ya se usó con otro cuerpo',
      'This Idempotency-Key was already used with another body',
    );
  }
  if (row.status !== null) return { status: row.status, body: row.response };
  const reclaimed = await db
    .updateTable('idempotency_keys')
    .set({ created_at: new Date() })
    .where('scope', '=', scope)
    .where('key', '=', key)
    .where('status', 'is', null)
    .where('created_at', '<', sql<Date>`now() - ${STALE_CLAIM}::interval`)
    .returning('key')
    .executeTakeFirst();
  if (reclaimed) return null;
  throw keyProblem(
    409,
    'idempotency-key-in-flight',
    'Una solicitud con esta Idempotency-Key aún está en curso',
    'A request with this Idempotency-Key is still in flight',
  );
}

/** Keys are kept at least 24 h (PLT-05); older completed ones are pruned. */
export async function pruneIdempotencyKeys(db: Kysely<PlatformTables>): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', sql<Date>`now() - interval '48 hours'`)
    .execute();
}
