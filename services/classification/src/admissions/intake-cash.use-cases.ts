import { assertActorActsFor, bogotaToday, type IntakeCashLine, type IntakeCashReceiptRequest } from '@eron/shared';
import { noPpl } from '../ppl/ppl.rules';
import type { Ctx, Reader } from '../runtime';
import { insertReceipt, intakeCashBetween, lockIntakeCash } from './intake-cash.repository';
import { assertCashCarried, assertReceivedAfterSearch, cashAlreadyReceived, intakeCashDue, isOverdue } from './intake-cash.rules';

/** CLS-10 (Art. 28): the paymaster receives the intake cash with the act signed by the three; the PPL gets a copy. */
export async function receiveIntakeCash(ctx: Ctx, i: { nui: string; receipt: IntakeCashReceiptRequest }): Promise<IntakeCashLine> {
  const a = await lockIntakeCash(ctx.trx, i.nui);
  if (!a) throw noPpl(i.nui);
  assertActorActsFor(ctx.actor, a.eron);
  assertCashCarried(a);
  assertReceivedAfterSearch(i.receipt.receivedOn, a.cash_search_date);
  const row = await insertReceipt(ctx.trx, a, i.receipt, ctx.actor.sub);
  if (!row) throw cashAlreadyReceived();
  await ctx.audit({ action: 'receive-intake-cash', entity: 'ppl', entityId: a.nui, details: { receivedOn: row.received_on } });
  const dueBy = intakeCashDue(a.cash_search_date);
  return {
    nui: a.nui,
    amount: a.cash_amount,
    actaNumber: a.cash_acta,
    searchDate: a.cash_search_date,
    dueBy,
    receivedOn: row.received_on,
    overdue: row.received_on > dueBy,
  };
}

/** CLS-10: the establishment's intake cash in a period of searches, when it reached the paymaster, and which is overdue. */
export async function intakeCashList(r: Reader, i: { eron: string; from: string; to: string }): Promise<IntakeCashLine[]> {
  const rows = await intakeCashBetween(r.db, i.eron, i.from, i.to);
  const today = bogotaToday();
  return rows.map((c) => {
    const dueBy = intakeCashDue(c.cash_search_date!);
    return {
      nui: c.nui,
      amount: c.cash_amount!,
      actaNumber: c.cash_acta!,
      searchDate: c.cash_search_date!,
      dueBy,
      receivedOn: c.received_on,
      overdue: isOverdue(dueBy, c.received_on, today),
    };
  });
}
