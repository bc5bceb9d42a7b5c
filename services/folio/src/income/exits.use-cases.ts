import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import {
  assertActorActsFor,
  documentProblem,
  notFound,
  type Payout,
  type PayoutPaymentRequest,
  type Settlement,
  type SettlementPayment,
  type SettlementPaymentRequest,
  type SmallRemainderRequest,
} from '@eron/shared';
import type { Outcome } from '@eron/shared/platform';
import { lockFolio } from '../accounts/account.repository';
import { folioInScope } from '../accounts/account.use-cases';
import { eronAccountId, pplAccountId, record } from '../ledger/ledger.repository';
import { authorisedPayee } from '../beneficiaries/beneficiaries.use-cases';
import type { Ctx, Reader } from '../runtime';
import {
  exitsOf,
  insertSettlementPayment,
  lockPayout,
  lockSettlement,
  markPayoutPaid,
  type PayoutRow,
  type SettlementRow,
} from './exits.repository';
import {
  assertBeneficiaryDocument,
  assertNotSmall,
  assertPayoutDue,
  assertRemainderTarget,
  assertSmall,
  assertWithinSettlement,
  isSmallRemainder,
} from './income.rules';

const missing = (what: string, id: string) => notFound({ es: `No existe ${what} ${id}`, en: `No ${what} ${id}` });

const payoutView = (p: PayoutRow): Payout => ({
  id: p.id,
  nui: p.nui,
  eron: p.eron,
  exitId: p.exit_id,
  reason: p.reason,
  amount: p.amount,
  available: p.available,
  savings: p.savings,
  seized: p.seized,
  paid: p.paid,
  remaining: p.amount - p.paid,
  smallRemainder: isSmallRemainder(p.amount - p.paid),
  status: p.status,
  settledAs: p.settled_as,
  toNui: p.to_nui,
  createdAt: p.created_at.toISOString(),
  paidAt: p.paid_at?.toISOString() ?? null,
});

const settlementView = (s: SettlementRow): Settlement => ({
  id: s.id,
  nui: s.nui,
  eron: s.eron,
  exitId: s.exit_id,
  reason: s.reason,
  amount: s.amount,
  paid: s.paid,
  remaining: s.amount - s.paid,
  status: s.status,
  createdAt: s.created_at.toISOString(),
});

/** What the exit left owed: payouts (FOL-14) and held settlements (FOL-15). */
export async function exitSettlements(r: Reader, nui: string): Promise<{ payouts: Payout[]; settlements: Settlement[] }> {
  await folioInScope(r, nui);
  const { payouts, settlements } = await exitsOf(r.db, nui);
  return { payouts: payouts.map(payoutView), settlements: settlements.map(settlementView) };
}

/** The payout due, locked against a payment in flight, of an establishment the actor acts for. */
async function duePayout(ctx: Ctx, id: string): Promise<PayoutRow> {
  const p = await lockPayout(ctx.trx, id);
  if (!p) throw missing('pago de salida', id);
  assertActorActsFor(ctx.actor, p.eron);
  assertPayoutDue(p);
  return p;
}

/**
 * Hands the payout over (FOL-14): what remains of it, out of payouts due, either to the paymaster's
 * cash or, for a small remainder the Director approved, into another PPL's available account.
 */
async function handOver(
  ctx: Ctx,
  p: PayoutRow,
  how: { as: 'payment' | 'cash' | 'folio'; toNui?: string; reference: string; approval?: string },
): Promise<Payout> {
  const { trx } = ctx;
  const toFolio = how.as === 'folio' && how.toNui;
  const to = toFolio ? await pplAccountId(trx, how.toNui!, 'ppl_available') : await eronAccountId(trx, p.eron, 'paymaster');
  const remaining = p.amount - p.paid;
  await record(trx, {
    kind: how.as === 'folio' ? 'payout_to_folio' : 'payout_paid',
    eron: p.eron,
    nui: toFolio ? how.toNui! : p.nui,
    // A late return is handed over in a hand-over of its own: (kind, reference) is unique.
    reference: p.paid === 0 ? p.id : `${p.id}/${p.paid}`,
    concept:
      how.as === 'folio'
        ? `Saldo menor de $1 000 de ${p.nui} trasladado al Folio de ${how.toNui}`
        : `Entrega del saldo de salida de ${p.nui} (${how.reference})`,
    createdBy: ctx.actor.sub,
    requestId: ctx.requestId,
    postings: [
      { accountId: await eronAccountId(trx, p.eron, 'payouts_due'), amount: -remaining },
      { accountId: to, amount: remaining },
    ],
  });
  return payoutView(await markPayoutPaid(trx, p, { ...how, by: ctx.actor.sub }));
}

/** FOL-14, Art. 41 §: the paymaster hands the person what remains of the exit balance, at once. */
export async function payPayout(ctx: Ctx, input: { id: string } & Static<typeof PayoutPaymentRequest>): Promise<Outcome<Payout>> {
  const p = await duePayout(ctx, input.id);
  assertNotSmall(p.amount - p.paid);
  const body = await handOver(ctx, p, { as: 'payment', reference: `${input.method} ${input.reference}` });
  await ctx.audit({ action: 'pay-payout', entity: 'payout', entityId: p.id, details: { amount: p.amount - p.paid, method: input.method } });
  return { status: 200, body };
}

/**
 * FOL-14, Art. 41 §: under $1 000, the Director approves handing it in cash or moving it to the
 * open Folio of another PPL of the establishment the person names.
 */
export async function settleSmallRemainder(ctx: Ctx, input: { id: string } & SmallRemainderRequest): Promise<Outcome<Payout>> {
  const p = await duePayout(ctx, input.id);
  assertSmall(p.amount - p.paid);
  const target = input.choice === 'folio' && input.toNui && input.toNui !== p.nui ? await lockFolio(ctx.trx, input.toNui) : undefined;
  assertRemainderTarget(input, p, target);
  const body = await handOver(ctx, p, { as: input.choice, toNui: input.toNui, reference: input.approval, approval: input.approval });
  await ctx.audit({
    action: 'approve-small-remainder',
    entity: 'payout',
    entityId: p.id,
    details: { amount: p.amount - p.paid, choice: input.choice, toNui: input.toNui },
  });
  return { status: 200, body };
}

/**
 * FOL-15, Arts. 41 § and 123: a held settlement paid to a person the PPL authorised, in one or
 * several payments up to the amount held; the beneficiary's identity is confidential.
 */
export async function paySettlement(
  ctx: Ctx,
  input: { id: string } & SettlementPaymentRequest,
): Promise<Outcome<Static<typeof SettlementPayment>>> {
  assertBeneficiaryDocument(documentProblem(input.beneficiary.document));
  const s = await lockSettlement(ctx.trx, input.id);
  if (!s) throw missing('liquidación', input.id);
  assertActorActsFor(ctx.actor, s.eron);
  assertWithinSettlement(input.amount, s);
  const payee = await authorisedPayee(ctx, s.nui, input.beneficiary.document);
  const id = randomUUID();
  const transactionId = await record(ctx.trx, {
    kind: 'settlement_paid',
    eron: s.eron,
    nui: s.nui,
    reference: id,
    concept: `Pago a persona autorizada por ${s.nui} (${input.authorisationReference})`,
    createdBy: ctx.actor.sub,
    requestId: ctx.requestId,
    postings: [
      { accountId: await eronAccountId(ctx.trx, s.eron, 'settlements_held'), amount: -input.amount },
      { accountId: await eronAccountId(ctx.trx, s.eron, 'paymaster'), amount: input.amount },
    ],
  });
  // Paid to the person as the PPL's authorisation recorded them (FOL-15), under the paymaster's reference.
  const document = `${payee.doc_type} ${payee.doc_number}`;
  const authorisation = `${payee.authorisation} · ${input.authorisationReference}`;
  const pay = { id, amount: input.amount, document, names: payee.names, authorisation };
  const { paid, status } = await insertSettlementPayment(ctx.trx, s, { ...pay, transactionId, by: ctx.actor.sub });
  await ctx.audit({ action: 'pay-settlement', entity: 'settlement', entityId: s.id, details: { amount: input.amount, paymentId: id } });
  return { status: 201, body: { id, settlementId: s.id, amount: input.amount, remaining: s.amount - paid, status } };
}
