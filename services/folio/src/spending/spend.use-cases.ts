import { bogotaToday, type CapsStanding, type PurchaseRequest, type Receipt, type WithdrawalRequest } from '@eron/shared';
import type { Outcome } from '@eron/shared/platform';
import { folioEron } from '../accounts/account.repository';
import { folioInScope } from '../accounts/account.use-cases';
import { lockPplAccount, reverse, reverseAcross } from '../ledger/ledger.repository';
import { capsInForce, tariffInForce } from '../limits/limits.repository';
import { applianceFeeProblem } from '../limits/limits.rules';
import type { Ctx, Reader, Statement } from '../runtime';
import { remainingCaps } from './caps.repository';
import { findUse, giveBackTotals, lockFolioStatus, markReversed, purchase, spend } from './spend.repository';
import { assertNotPhoneCredit, assertNotReversed, assertReversible, noSuchUse, refusal, standing } from './spend.rules';
import { CONCEPT, COUNTER, incompleteRequest, withdrawalItems } from './withdrawal.rules';

/** What remains of a PPL's daily and monthly spending caps on a Bogotá date (FOL-07). */
export async function accountCaps(r: Reader, q: { nui: string; date?: string }): Promise<CapsStanding> {
  await folioInScope(r, q.nui);
  const date = q.date ?? bogotaToday();
  return { nui: q.nui, date, ...(await remainingCaps(r.db, q.nui, date)) };
}

/**
 * FOL-09, FOL-07: a shop sale priced from the shop's list and paid through the Folio, within the
 * caps and the balance, in one statement; the refusal names the rule and what remains.
 */
export async function buy(s: Statement, input: PurchaseRequest): Promise<Outcome<Receipt>> {
  const { nui, shop, items } = input;
  const date = bogotaToday();
  const o = await purchase(s.q, { nui, shop, items, date, createdBy: s.actor.sub, requestId: s.requestId });
  if (o.outcome !== 'ok') throw refusal(o, nui, o.total ?? 0);
  const lines = o.lines!.map(({ productId, sku, name, quantity, unitPrice, rawMaterial }) => ({
    productId,
    sku,
    name,
    quantity,
    unitPrice,
    rawMaterial,
  }));
  return {
    status: 201,
    body: { receiptNumber: `${shop}-${o.receipt}`, transactionId: o.txId, nui, shop, date, total: o.total!, lines, after: standing(o) },
  };
}

/**
 * FOL-08 (Art. 41.2, 41.4–7): a use on written request, every missing item named; FOL-07: within
 * the caps and the balance, in one statement, scoped to the actor's establishments.
 */
export async function withdraw(s: Statement, r: WithdrawalRequest) {
  const date = bogotaToday();
  const caps = await capsInForce(s.q, date);
  const items = withdrawalItems(r, caps.spend_day);
  if (items.length > 0) throw incompleteRequest(items);
  const { nui, use, amount, ...details } = r;
  if (use === 'appliance_fee') {
    // FOL-08 (7): charged at the DG's tariff in force today, and the tariff applied is kept with the use.
    const appliance = r.appliance!.code!;
    const months = r.appliance!.months ?? 1;
    const tariff = await tariffInForce(s.q, appliance, date);
    const problem = applianceFeeProblem(tariff, { appliance, months, amount, date });
    if (problem) throw problem;
    details.appliance = {
      code: appliance,
      months,
      ...(tariff && {
        name: tariff.name,
        monthlyFee: tariff.monthly_fee,
        resolution: tariff.resolution,
        effectiveFrom: tariff.effective_from,
      }),
    };
  }
  const o = await spend(s.q, {
    nui,
    erons: s.actor.national ? null : s.actor.erons,
    amount,
    dayAmount: amount,
    date,
    use,
    concept: CONCEPT[use],
    counter: COUNTER[use],
    createdBy: s.actor.sub,
    requestId: s.requestId,
    details,
  });
  if (o.outcome !== 'ok') throw refusal(o, nui, amount);
  const body = { transactionId: o.txId, voucherNumber: `${o.ppl_eron}-${o.receipt}`, nui, use, amount, date, after: standing(o) };
  return { status: 201, body };
}

/**
 * Who answers for correcting a use (PLT-03): the establishment that holds the Folio now — after a
 * transfer the destination authorises and credits the PPL, the shop that sold is debited.
 */
export async function useScope(r: Reader, txId: string): Promise<string> {
  const use = await findUse(r.db, txId);
  if (!use) throw noSuchUse();
  return (await folioEron(r.db, use.nui))?.eron ?? use.eron;
}

/**
 * Undoes a use (FOL-02): the mirror transaction (through the paymasters when the Folio moved since), and the day's and month's counters of the day it
 * was made give back what it took, under the same account lock as spending; at most once.
 */
export async function undoUse(ctx: Ctx, r: { txId: string; reason: string }) {
  const use = await findUse(ctx.trx, r.txId);
  if (!use) throw noSuchUse();
  const account = await lockPplAccount(ctx.trx, use.nui, 'ppl_available');
  assertNotReversed((await findUse(ctx.trx, r.txId))!);
  const mirror = { transactionId: r.txId, reason: r.reason, createdBy: ctx.actor.sub, requestId: ctx.requestId };
  // After a transfer (FOL-13) the money goes back through the paymasters to where the Folio is now.
  const reversal =
    account && account.eron !== use.eron
      ? await reverseAcross(ctx.trx, { ...mirror, toEron: account.eron })
      : await reverse(ctx.trx, mirror);
  await giveBackTotals(ctx.trx, use);
  await markReversed(ctx.trx, r.txId, reversal);
  return { use, reversal };
}

/**
 * FOL-02, FOL-07: a use corrected by a reversing transaction; never phone credit (FOL-10, settled
 * with the provider) and never once the exit closed the Folio (FOL-14).
 */
export async function reverseUse(
  ctx: Ctx,
  r: { txId: string; reason: string },
): Promise<Outcome<{ transactionId: string; reversalId: string }>> {
  const use = await findUse(ctx.trx, r.txId);
  if (!use) throw noSuchUse();
  assertNotPhoneCredit(use.use);
  // Locked in the exit's order (Folio, then account): once the exit settled the balance, nothing may land in it.
  assertReversible(await lockFolioStatus(ctx.trx, use.nui));
  const { reversal } = await undoUse(ctx, r);
  await ctx.audit({ action: 'reverse-use', entity: 'ledger_transaction', entityId: r.txId });
  return { status: 201, body: { transactionId: r.txId, reversalId: reversal } };
}
