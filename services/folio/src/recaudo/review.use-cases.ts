import { keyOf, notFound, pageLimit, pageOf, type DepositReviewRequest, type DepositReviewResult, type HeldDeposits } from '@eron/shared';
import type { Outcome } from '@eron/shared/platform';
import { folioEron } from '../accounts/account.repository';
import { eronAccountId, lockPplAccount, record } from '../ledger/ledger.repository';
import { capsInForce } from '../limits/limits.repository';
import type { Ctx, Reader } from '../runtime';
import { keepDepositor } from './deposit.repository';
import { maskDocument, REASON_TEXT } from './deposit.rules';
import {
  creditedInMonth,
  depositEron,
  heldDepositsOf,
  insertReview,
  isAuthorised,
  lockAccountOfDeposit,
  lockDeposit,
  type HeldDeposit,
} from './review.repository';
import { assertNotUploader, assertReviewRequest, assertStillHeld, reviewOutcome } from './review.rules';

/** FOL-06: the establishment's deposits held for review, oldest first; depositors never listed (FOL-05, PLT-06). */
export async function heldDeposits(r: Reader, q: { eron: string; limit?: string; after?: string }): Promise<HeldDeposits> {
  const limit = pageLimit(q.limit, 200);
  const after = q.after ? (keyOf(q.after, ['date', 'uuid'], 'after') as [string, string]) : undefined;
  const page = pageOf(await heldDepositsOf(r.db, q.eron, { after, rows: limit + 1 }), limit, (d) => [d.collection_date, d.id]);
  const deposits = page.items.map((d) => ({
    id: d.id,
    nui: d.nui,
    amount: Number(BigInt(d.amount_cents) / 100n),
    collectionDate: d.collection_date,
    channel: d.channel,
    fileId: d.file_id,
    line: d.line,
    reason: d.reason,
    reasonText: d.reason ? REASON_TEXT[d.reason] : null,
    receivedAt: d.created_at.toISOString(),
  }));
  return { eron: q.eron, deposits, next: page.next };
}

/** The establishment a deposit was booked for: the caller must act for it before anything else (PLT-03). */
export async function depositScope(r: Reader, id: string): Promise<string> {
  const found = await depositEron(r.db, id);
  if (!found) throw notFound({ es: 'No existe esa consignación', en: 'No such deposit' });
  return found.eron;
}

/**
 * FOL-06: the paymaster resolves a held deposit once — refunded, or credited if FOL-05 and FOL-04
 * allow it now, else owed back with the reason — the PPL's account locked, then the deposit, as a
 * file's approval locks them, so two reviews, or a review and an approval, serialise without a
 * deadlock; the one that comes second finds the line decided (409). Who decided, when and why are
 * kept and audited.
 * A line of a staff-uploaded file waiting for confirmation is never released by its uploader.
 */
export async function reviewDeposit(ctx: Ctx, input: { id: string; body: DepositReviewRequest }): Promise<Outcome<DepositReviewResult>> {
  const b = input.body;
  assertReviewRequest(b);
  await lockAccountOfDeposit(ctx.trx, input.id);
  const d = (await lockDeposit(ctx.trx, input.id))!;
  assertStillHeld(d);
  assertNotUploader(d, ctx.actor.sub);
  const depositorId = b.decision === 'credit' ? await keepDepositor(ctx.trx, b.depositor!) : null;
  const { out, transactionId, decidedAt } = await resolveHeld(ctx, d, { decision: b.decision, depositorId, note: b.reason });
  return {
    status: 200,
    body: {
      depositId: d.id,
      nui: d.nui,
      amount: Number(BigInt(d.amount_cents) / 100n),
      decision: b.decision,
      status: out.status,
      reason: out.reason,
      reasonText: out.reason ? REASON_TEXT[out.reason] : null,
      note: b.reason,
      depositor: b.depositor ? maskDocument(b.depositor.type, b.depositor.number) : null,
      decidedBy: ctx.actor.sub,
      decidedAt: decidedAt.toISOString(),
      transactionId,
    },
  };
}

/**
 * Resolves a held deposit (locked by the caller, still held): a credit passes the rules a deposit
 * meets on arrival (FOL-05 the depositor named, FOL-04 the payment month's cap) at this moment and
 * is owed back with the reason if it fails. Booked out of `deposits_held`, recorded once, audited.
 * Used by the paymaster's review, a bank notice confirming a staff-uploaded line and a second
 * officer's approval of a file (FOL-06).
 */
export async function resolveHeld(
  ctx: Ctx,
  d: HeldDeposit,
  r: { decision: 'credit' | 'refund'; depositorId: string | null; note: string },
) {
  let facts;
  if (r.decision === 'credit') {
    const account = await lockPplAccount(ctx.trx, d.nui, 'ppl_available');
    const folio = await folioEron(ctx.trx, d.nui);
    facts = {
      folioOpen: account !== undefined && folio?.status === 'open',
      amountCents: BigInt(d.amount_cents),
      depositorAuthorised: r.depositorId ? await isAuthorised(ctx.trx, d.nui, r.depositorId) : undefined,
      creditedThisMonth: await creditedInMonth(ctx.trx, d.nui, d.month),
      monthlyCap: (await capsInForce(ctx.trx, d.collection_date)).deposit_month,
    };
  }
  const out = reviewOutcome(r.decision, facts);
  const transactionId = await bookReview(ctx, d, out.status, out.reason ? REASON_TEXT[out.reason] : r.note);
  const decidedAt = await insertReview(ctx.trx, {
    depositId: d.id,
    decision: r.decision,
    ...out,
    note: r.note,
    depositorId: r.depositorId,
    transactionId,
    by: ctx.actor.sub,
    requestId: ctx.requestId,
  });
  await ctx.audit({
    action: 'recaudo.deposit.reviewed',
    entity: 'recaudo_deposit',
    entityId: d.id,
    details: { decision: r.decision, status: out.status, reason: out.reason, note: r.note },
  });
  return { out, transactionId, decidedAt };
}

/**
 * Out of the held deposits, to the PPL (credited) or to what is owed back (refunded). A credit to
 * a PPL whose Folio is held by another establishment than the one that held the deposit (a line
 * held for the national office, or a PPL transferred since) is booked as a transfer moves a
 * balance (FOL-17): the holding establishment's paymaster sends it out of its held deposits
 * (`deposit_national_release`), and the Folio's establishment's paymaster puts it into the PPL's
 * account (`deposit_review_credit`, booked by that establishment) — each establishment's postings
 * keep adding up, the money counts as received and held where the PPL is, and once. Returns the
 * transaction that reached the PPL (or the refund).
 */
async function bookReview(ctx: Ctx, d: HeldDeposit, status: 'credited' | 'rejected', why: string): Promise<string> {
  const pesos = Number(BigInt(d.amount_cents) / 100n);
  const held = await eronAccountId(ctx.trx, d.eron, 'deposits_held');
  const common = { reference: d.id, createdBy: ctx.actor.sub, requestId: ctx.requestId };
  if (status === 'rejected') {
    return record(ctx.trx, {
      ...common,
      kind: 'deposit_review_refund',
      eron: d.eron,
      nui: null,
      concept: `Consignación retenida, a devolver: ${why}`,
      postings: [
        { accountId: held, amount: -pesos },
        { accountId: await eronAccountId(ctx.trx, d.eron, 'refunds_due'), amount: pesos },
      ],
    });
  }
  const account = (await lockPplAccount(ctx.trx, d.nui, 'ppl_available'))!;
  const eron = (await folioEron(ctx.trx, d.nui))?.eron ?? account.eron;
  const concept = 'Consignación retenida, abonada tras revisión (FOL-06)';
  if (eron === d.eron) {
    return record(ctx.trx, {
      ...common,
      kind: 'deposit_review_credit',
      eron,
      nui: d.nui,
      concept,
      postings: [
        { accountId: held, amount: -pesos },
        { accountId: account.id, amount: pesos },
      ],
    });
  }
  await record(ctx.trx, {
    ...common,
    kind: 'deposit_national_release',
    eron: d.eron,
    nui: d.nui,
    concept: `Consignación retenida, abonada tras revisión a una PPL del establecimiento ${eron}: enviada por el pagador (FOL-06)`,
    postings: [
      { accountId: held, amount: -pesos },
      { accountId: await eronAccountId(ctx.trx, d.eron, 'paymaster'), amount: pesos },
    ],
  });
  return record(ctx.trx, {
    ...common,
    kind: 'deposit_review_credit',
    eron,
    nui: d.nui,
    concept: `${concept}: retenida por el establecimiento ${d.eron}, recibida por el pagador`,
    postings: [
      { accountId: await eronAccountId(ctx.trx, eron, 'paymaster'), amount: -pesos },
      { accountId: account.id, amount: pesos },
    ],
  });
}
