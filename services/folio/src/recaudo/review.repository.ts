import { sql } from 'kysely';
import type { DepositReason } from '@eron/shared';
import type { Trx } from '../db';
import { eronAccountId, lockPplAccount, record } from '../ledger/ledger.repository';
import { capsInForce } from '../limits/limits.repository';
import { decideDeposit, REASON_TEXT } from './deposit.rules';

export interface HeldDeposit {
  id: string;
  nui: string;
  eron: string;
  amount_cents: string;
  collection_date: string;
  month: string;
  status: string;
  reviewed: boolean;
}

/** The deposit, locked so two reviews of it serialise; `reviewed` when a decision already exists. */
export async function lockDeposit(trx: Trx, id: string): Promise<HeldDeposit | undefined> {
  const { rows } = await sql<HeldDeposit>`
    SELECT d.id, d.nui, d.eron, d.amount_cents::text, d.collection_date::text, d.month, d.status,
      EXISTS (SELECT 1 FROM recaudo_deposit_reviews r WHERE r.deposit_id = d.id) AS reviewed
    FROM recaudo_deposits d WHERE d.id = ${id} FOR UPDATE OF d`.execute(trx);
  return rows[0];
}

export interface Review {
  decision: 'credit' | 'refund';
  depositor?: { type: string; number: string };
  note: string;
}

/**
 * Applies the paymaster's decision: a refund is owed back; a credit passes the rules a deposit
 * meets on arrival (FOL-05 authorised depositor, FOL-04 the payment month's cap) at this moment,
 * with the PPL account locked like every booking, and is owed back with the reason if it fails.
 */
export async function applyReview(trx: Trx, d: HeldDeposit, r: Review, who: { by: string; requestId: string }) {
  let status: 'credited' | 'rejected' = 'rejected';
  let reason: DepositReason | null = null;
  let depositorId: string | null = null;
  if (r.decision === 'credit') {
    const account = await lockPplAccount(trx, d.nui, 'ppl_available');
    const folio = await trx.selectFrom('folios').select('status').where('nui', '=', d.nui).executeTakeFirst();
    depositorId = await keepDepositor(trx, r.depositor!);
    const decision = decideDeposit({
      folioOpen: account !== undefined && folio?.status === 'open',
      amountCents: BigInt(d.amount_cents),
      returnReason: '',
      depositorAuthorised: await isAuthorised(trx, d.nui, depositorId),
      creditedThisMonth: await creditedInMonth(trx, d.nui, d.month),
      monthlyCap: (await capsInForce(trx, d.collection_date)).deposit_month,
    });
    status = decision.status === 'credited' ? 'credited' : 'rejected';
    reason = decision.reason;
  }
  const transactionId = await book(trx, d, status, reason ? REASON_TEXT[reason] : r.note, who);
  const row = await trx
    .insertInto('recaudo_deposit_reviews')
    .values({
      deposit_id: d.id,
      decision: r.decision,
      status,
      reason,
      note: r.note,
      depositor_id: depositorId,
      transaction_id: transactionId,
      decided_by: who.by,
      request_id: who.requestId,
    })
    .returning('decided_at')
    .executeTakeFirstOrThrow();
  return { status, reason, transactionId, decidedAt: row.decided_at };
}

async function book(trx: Trx, d: HeldDeposit, status: 'credited' | 'rejected', why: string, who: { by: string; requestId: string }) {
  const pesos = Number(BigInt(d.amount_cents) / 100n);
  const to =
    status === 'credited' ? (await lockPplAccount(trx, d.nui, 'ppl_available'))!.id : await eronAccountId(trx, d.eron, 'refunds_due');
  return record(trx, {
    kind: status === 'credited' ? 'deposit_review_credit' : 'deposit_review_refund',
    eron: d.eron,
    nui: status === 'credited' ? d.nui : null,
    reference: d.id,
    concept: status === 'credited' ? 'Consignación retenida, abonada tras revisión (FOL-06)' : `Consignación retenida, a devolver: ${why}`,
    createdBy: who.by,
    requestId: who.requestId,
    postings: [
      { accountId: await eronAccountId(trx, d.eron, 'deposits_held'), amount: -pesos },
      { accountId: to, amount: pesos },
    ],
  });
}

/** Kept apart like a notice's depositor, so a refund can be paid to them (PLT-06). */
async function keepDepositor(trx: Trx, doc: { type: string; number: string }): Promise<string> {
  await trx
    .insertInto('depositors')
    .values({ doc_type: doc.type, doc_number: doc.number })
    .onConflict((oc) => oc.columns(['doc_type', 'doc_number']).doNothing())
    .execute();
  const row = await trx
    .selectFrom('depositors')
    .select('id')
    .where('doc_type', '=', doc.type)
    .where('doc_number', '=', doc.number)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function isAuthorised(trx: Trx, nui: string, depositorId: string): Promise<boolean> {
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
