import { sql } from 'kysely';
import type { Db, Trx } from '../db';

export const findCreditByKey = (db: Db, requestKey: string) =>
  db.selectFrom('phone_credits').selectAll().where('request_key', '=', requestKey).executeTakeFirst();

export const creditNui = async (trx: Trx, id: string) =>
  (await trx.selectFrom('phone_credits').select('nui').where('id', '=', id).executeTakeFirstOrThrow()).nui;

/** The credit, locked: its confirmation and its release serialise here. */
export const lockCredit = (trx: Trx, id: string) =>
  trx.selectFrom('phone_credits').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();

/**
 * The Folio's status, in the exit's order, so a release waits for an exit in flight and then sees
 * the Folio closed. Shared, not exclusive: the sweeper already holds the credit row when it gets
 * here and a route release takes Folio then credit; two share locks never wait on each other.
 */
export const shareFolioStatus = (trx: Trx, nui: string) =>
  trx.selectFrom('folios').select('status').where('nui', '=', nui).forShare().executeTakeFirstOrThrow();

export async function insertCredit(
  trx: Trx,
  c: {
    id: string;
    requestKey: string;
    requestHash: string;
    nui: string;
    eron: string;
    line: string;
    amount: number;
    holdTx: string;
    by: string;
  },
): Promise<void> {
  await trx
    .insertInto('phone_credits')
    .values({
      id: c.id,
      request_key: c.requestKey,
      request_hash: c.requestHash,
      nui: c.nui,
      eron: c.eron,
      line: c.line,
      amount: c.amount,
      status: 'held',
      hold_tx: c.holdTx,
      created_by: c.by,
    })
    .execute();
}

export const markConfirmed = (trx: Trx, id: string, settleTx: string, providerTx: string) =>
  trx
    .updateTable('phone_credits')
    .set({ status: 'confirmed', settle_tx: settleTx, provider_tx: providerTx, settled_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const markReleased = (trx: Trx, id: string, settleTx: string, failure: string) =>
  trx
    .updateTable('phone_credits')
    .set({ status: 'released', settle_tx: settleTx, failure, settled_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

/**
 * The oldest credit left held past the timeout by a request that died, claimed with SKIP LOCKED
 * so instances side by side never settle the same credit twice; `seen` are this sweep's already.
 */
export const claimStaleCredit = (trx: Trx, holdTimeoutMs: number, seen: string[]) =>
  trx
    .selectFrom('phone_credits')
    .select('id')
    .where('status', '=', 'held')
    .where('created_at', '<', sql<Date>`now() - ${holdTimeoutMs} * interval '1 millisecond'`)
    .$if(seen.length > 0, (q) => q.where('id', 'not in', seen))
    .orderBy('created_at')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
