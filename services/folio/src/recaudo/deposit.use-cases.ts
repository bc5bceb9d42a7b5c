import type { DepositNotice, DepositNoticeResult } from '@eron/shared';
import type { Outcome } from '@eron/shared/platform';
import { bulkPostings, bulkTransactions, eronAccountIds } from '../ledger/ledger.repository';
import { capsInForce } from '../limits/limits.repository';
import type { Ctx } from '../runtime';
import { insertDeposits, keepDepositor, lockDepositState } from './deposit.repository';
import {
  capDates,
  decideDeposits,
  establishmentAccountsOf,
  journalEntries,
  postingsOf,
  type Decided,
  type DepositState,
} from './deposit-batch.rules';
import { assertNoticeDocument, GATED_REASONS, noticeIncoming, REASON_TEXT, type Incoming, type Processed } from './deposit.rules';
import { lockDeposit } from './review.repository';
import { resolveHeld } from './review.use-cases';

/**
 * Decides and books the bank's notices (FOL-06 a) in the caller's transaction: a handful of reads
 * with the PPL accounts locked, the decisions by the pure rules, then one INSERT each for deposits,
 * ledger transactions and postings. A bank file's lines are booked by the set statements of
 * `bookFileBatch` instead, which decide as these rules do.
 */
export async function bookDeposits(ctx: Ctx, incoming: Incoming[], who: { createdBy: string; nationalEron: string }): Promise<Processed[]> {
  const state = await lockDepositState(ctx.trx, incoming);
  const caps = new Map<string, number>();
  for (const [month, date] of capDates(incoming, state)) caps.set(month, (await capsInForce(ctx.trx, date)).deposit_month);
  const { results, fresh } = decideDeposits(incoming, state, caps, who.nationalEron);
  // A notice's depositor not on the list is kept apart all the same, for the refund.
  for (const d of fresh)
    if (d.depositorId === null && d.depositor && 'type' in d.depositor) d.depositorId = await keepDepositor(ctx.trx, d.depositor);
  if (fresh.length > 0) await book(ctx, fresh, state, who.createdBy);
  return results;
}

/**
 * Writes the batch: deposits, their ledger transactions, their postings. The statements go out one
 * after the other on the transaction's connection without waiting for each answer, so the next
 * statement's parameters are built while Postgres runs the previous one (PLT-14).
 */
async function book(ctx: Ctx, fresh: Decided[], state: DepositState, createdBy: string): Promise<void> {
  const accounts = await eronAccountIds(ctx.trx, establishmentAccountsOf(fresh));
  const entries = journalEntries(fresh);
  const txOf = new Map(entries.flatMap((e) => e.deposits.map((d) => [d.id, e.id] as const)));
  const writes = [insertDeposits(ctx.trx, fresh, txOf)];
  if (entries.length > 0) {
    writes.push(bulkTransactions(ctx.trx, entries, { createdBy, requestId: ctx.requestId }));
    writes.push(bulkPostings(ctx.trx, postingsOf(entries, state.folios, accounts)));
  }
  await Promise.all(writes);
}

/**
 * FOL-06 (a): the bank's notice of one deposit, credited once however often it is sent (its
 * operation number is its identity); over the monthly cap (FOL-04) or from a depositor the PPL did
 * not authorise (FOL-05) it is owed back.
 */
export async function notifyDeposit(
  ctx: Ctx,
  input: { notice: DepositNotice; nationalEron: string },
): Promise<Outcome<DepositNoticeResult>> {
  assertNoticeDocument(input.notice);
  const [booked] = await bookDeposits(ctx, [noticeIncoming(input.notice)], {
    createdBy: `bank:${ctx.actor.sub}`,
    nationalEron: input.nationalEron,
  });
  const r = (await confirmStaffLine(ctx, booked!, input.notice)) ?? booked;
  // PLT-06: who (the bank's key), what and the request, never the depositor; a resend changes nothing.
  if (r!.outcome !== 'duplicate')
    await ctx.audit({
      action: 'recaudo.deposit.notified',
      entity: 'recaudo_deposit',
      entityId: r!.depositId,
      details: { nui: r!.nui, amount: input.notice.amount, status: r!.status, reason: r!.reason },
    });
  return {
    status: r!.outcome === 'duplicate' ? 200 : 201,
    body: {
      depositId: r!.depositId,
      result: r!.outcome,
      status: r!.status,
      reason: r!.reason,
      reasonText: r!.reason ? REASON_TEXT[r!.reason] : null,
      amount: input.notice.amount,
    },
  };
}

/**
 * FOL-06 (b): the bank's notice of a payment a staff-uploaded file already showed confirms that
 * line: it is credited now (if FOL-05 and FOL-04 allow it, else owed back), with the notice's
 * depositor. Nothing to confirm: undefined.
 */
async function confirmStaffLine(ctx: Ctx, r: Processed, notice: DepositNotice): Promise<Processed | undefined> {
  if (r.outcome !== 'duplicate' || r.status !== 'held' || !GATED_REASONS.includes(r.reason!)) return undefined;
  const d = (await lockDeposit(ctx.trx, r.depositId))!;
  if (d.reviewed) return undefined;
  const depositorId = await keepDepositor(ctx.trx, notice.depositor);
  const { out } = await resolveHeld(ctx, d, { decision: 'credit', depositorId, note: 'Confirmada por el aviso del banco (FOL-06 a)' });
  return { ...r, outcome: out.status, status: out.status, reason: out.reason };
}
