import { sql } from 'kysely';
import { lockKeys } from '@eron/shared/platform';
import type { DepositReason } from '@eron/shared';
import type { Db, Trx } from '../db';

export interface HeldDeposit {
  id: string;
  nui: string;
  eron: string;
  amount_cents: string;
  collection_date: string;
  month: string;
  status: string;
  reason: DepositReason | null;
  depositor_id: string | null;
  file_id: string | null;
  /** Who uploaded the deposit's file, when it came in one. */
  uploaded_by: string | null;
  reviewed: boolean;
}

/**
 * Locks what deciding a deposit may credit, before the deposit itself: its PPL's account (or, with
 * no Folio, the NUI's lock), in the order a file's approval and every booking take them — account,
 * then deposit — so a review and an approval of the same line wait for each other instead of
 * deadlocking. A deposit's NUI never changes, so reading it without the deposit's lock is safe.
 */
export async function lockAccountOfDeposit(trx: Trx, id: string): Promise<void> {
  const locked = await sql`SELECT a.id FROM recaudo_deposits d
      JOIN ledger_accounts a ON a.kind = 'ppl_available' AND a.nui = d.nui
     WHERE d.id = ${id} FOR UPDATE OF a`.execute(trx);
  if (locked.rows.length === 0)
    await sql`SELECT pg_advisory_xact_lock(hashtextextended('recaudo-nui:' || d.nui, 0)) FROM recaudo_deposits d WHERE d.id = ${id}`.execute(
      trx,
    );
}

/**
 * The deposit, locked so two reviews of it serialise; `reviewed` when a decision already exists.
 * Whether it was reviewed is read after the lock is held, in a statement of its own: read by the
 * statement that waited for the lock, it would miss the review whose transaction held it.
 */
export async function lockDeposit(trx: Trx, id: string): Promise<HeldDeposit | undefined> {
  const { rows } = await sql<Omit<HeldDeposit, 'reviewed'>>`
    SELECT d.id, d.nui, d.eron, d.amount_cents::text, d.collection_date::text, d.month, d.status, d.reason, d.depositor_id, d.file_id,
      (SELECT f.uploaded_by FROM recaudo_files f WHERE f.id = d.file_id) AS uploaded_by
    FROM recaudo_deposits d WHERE d.id = ${id} FOR UPDATE OF d`.execute(trx);
  if (!rows[0]) return undefined;
  const review = await trx.selectFrom('recaudo_deposit_reviews').select('deposit_id').where('deposit_id', '=', id).executeTakeFirst();
  return { ...rows[0], reviewed: review !== undefined };
}

/** Where a deposit was booked (its establishment), for the caller's scope. */
export const depositEron = (db: Db, id: string) => db.selectFrom('recaudo_deposits').select('eron').where('id', '=', id).executeTakeFirst();

/** A page of the establishment's deposits held for review and not yet decided, oldest first (by collection date, then id). */
export async function heldDepositsOf(db: Db, eron: string, page: { after?: [string, string]; rows: number }) {
  const after = page.after ? sql`AND (d.collection_date, d.id) > (${page.after[0]}::date, ${page.after[1]}::uuid)` : sql``;
  const { rows } = await sql<{
    id: string;
    nui: string;
    amount_cents: string;
    collection_date: string;
    channel: 'notice' | 'file';
    file_id: string | null;
    line: number | null;
    reason: DepositReason | null;
    created_at: Date;
  }>`SELECT d.id, d.nui, d.amount_cents, d.collection_date::text, d.channel, d.file_id, d.line, d.reason, d.created_at
    FROM recaudo_deposits d WHERE d.eron = ${eron} AND d.status = 'held'
      AND NOT EXISTS (SELECT 1 FROM recaudo_deposit_reviews r WHERE r.deposit_id = d.id) ${after}
    ORDER BY d.collection_date, d.id LIMIT ${page.rows}`.execute(db);
  return rows;
}

/** The paymaster's one decision on a held deposit; the deposit row itself never changes. */
export async function insertReview(
  trx: Trx,
  r: {
    depositId: string;
    decision: 'credit' | 'refund';
    status: 'credited' | 'rejected';
    reason: DepositReason | null;
    note: string;
    depositorId: string | null;
    transactionId: string;
    by: string;
    requestId: string;
  },
): Promise<Date> {
  const row = await trx
    .insertInto('recaudo_deposit_reviews')
    .values({
      deposit_id: r.depositId,
      decision: r.decision,
      status: r.status,
      reason: r.reason,
      note: r.note,
      depositor_id: r.depositorId,
      transaction_id: r.transactionId,
      decided_by: r.by,
      request_id: r.requestId,
    })
    .returning('decided_at')
    .executeTakeFirstOrThrow();
  return row.decided_at;
}

export async function isAuthorised(trx: Trx, nui: string, depositorId: string): Promise<boolean> {
  const hit = await trx
    .selectFrom('depositor_authorisations')
    .select('id')
    .where('nui', '=', nui)
    .where('depositor_id', '=', depositorId)
    .where('removed_by', 'is', null)
    .executeTakeFirst();
  return hit !== undefined;
}

/** Pesos credited to the PPL in the month: on arrival, or after a review (FOL-04). */
export async function creditedInMonth(trx: Trx, nui: string, month: string): Promise<number> {
  const { rows } = await sql<{ cents: string | null }>`
    SELECT sum(d.amount_cents) AS cents FROM recaudo_deposits d LEFT JOIN recaudo_deposit_reviews r ON r.deposit_id = d.id
    WHERE d.nui = ${nui} AND d.month = ${month} AND COALESCE(r.status, d.status) = 'credited'`.execute(trx);
  return Number(BigInt(rows[0]?.cents ?? 0) / 100n);
}

/** The file's lines held for confirmation and not yet decided, in the file's order (FOL-06 b). */
export async function gatedDepositIds(trx: Trx, fileId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    SELECT d.id FROM recaudo_deposits d WHERE d.file_id = ${fileId} AND d.status = 'held'
       AND d.reason IN ('awaiting_confirmation', 'national_review')
       AND NOT EXISTS (SELECT 1 FROM recaudo_deposit_reviews r WHERE r.deposit_id = d.id)
     ORDER BY d.line`.execute(trx);
  return rows.map((r) => r.id);
}

/**
 * Locks, up front, the PPL accounts an approval of the file may credit, in id order as every
 * booking and bank file does (and the NUIs without one, as `lockDepositState`): two approvals, or
 * an approval and a bank file, naming the same PPL in other orders never deadlock (PLT-05).
 */
export async function lockGatedAccounts(trx: Trx, fileId: string): Promise<void> {
  const { rows } = await sql<{ nui: string; account: string | null }>`
    SELECT DISTINCT d.nui, a.id AS account FROM recaudo_deposits d
      LEFT JOIN ledger_accounts a ON a.kind = 'ppl_available' AND a.nui = d.nui
     WHERE d.file_id = ${fileId} AND d.status = 'held' AND d.reason IN ('awaiting_confirmation', 'national_review')`.execute(trx);
  const accounts = rows.flatMap((r) => (r.account ? [r.account] : []));
  const orphans = rows.filter((r) => !r.account).map((r) => `recaudo-nui:${r.nui}`);
  if (accounts.length > 0)
    await sql`SELECT id FROM ledger_accounts WHERE id = ANY(${accounts}::uuid[]) ORDER BY id FOR UPDATE`.execute(trx);
  await lockKeys(trx, orphans);
}
