import {
  assertActorActsFor,
  pageLimit,
  bogotaToday,
  type IntakeCashLine,
  type IntakeCashPage,
  type IntakeCashQuery,
  type IntakeCashReceiptRequest,
} from '@eron/shared';
import { assertPeriod, keyOf, pageOf } from '../paging.rules';
import { noPpl } from '../ppl/ppl.rules';
import type { Ctx, Reader } from '../runtime';
import { insertReceipt, intakeCashBetween, lockIntakeCash } from './intake-cash.repository';
import {
  assertCashCarried,
  assertNotInTransit,
  assertReceivedAfterSearch,
  cashAlreadyReceived,
  INTAKE_CASH_DAYS,
  intakeCashDue,
  isOverdue,
} from './intake-cash.rules';

/**
 * CLS-10 (Art. 28): the paymaster of the establishment where the person is now (after a transfer,
 * the destination's) receives the intake cash with the act signed by the three; the PPL gets a
 * copy, and folio makes the cash available (`intake-cash.received`).
 */
export async function receiveIntakeCash(ctx: Ctx, i: { nui: string; receipt: IntakeCashReceiptRequest }): Promise<IntakeCashLine> {
  const a = await lockIntakeCash(ctx.trx, i.nui);
  if (!a) throw noPpl(i.nui);
  assertNotInTransit(a.status);
  assertActorActsFor(ctx.actor, a.current_eron);
  assertCashCarried(a);
  assertReceivedAfterSearch(i.receipt.receivedOn, a.cash_search_date);
  const row = await insertReceipt(ctx.trx, a, i.receipt, ctx.actor.sub);
  if (!row) throw cashAlreadyReceived();
  const { nui, cash_amount: amount, cash_acta: actaNumber } = a;
  await ctx.publish('intake-cash.received', { nui, eron: a.current_eron, amount, actaNumber, receivedOn: row.received_on });
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

/**
 * CLS-10: a page of the establishment's intake cash in a period of searches (at most 31 days), when
 * it reached the paymaster, and which is overdue.
 */
export async function intakeCashList(r: Reader, q: IntakeCashQuery & { eron: string }): Promise<IntakeCashPage> {
  assertPeriod(q.from, q.to, INTAKE_CASH_DAYS);
  const limit = pageLimit(q.limit, 100);
  const after = q.after ? keyOf(q.after, ['date', 'nui'], 'after') : undefined;
  const rows = await intakeCashBetween(r.db, {
    eron: q.eron,
    from: q.from,
    to: q.to,
    after: after && { date: after[0]!, nui: after[1]! },
    rows: limit + 1,
  });
  const today = bogotaToday();
  const page = pageOf(rows, limit, (c) => [c.cash_search_date!, c.nui]);
  return {
    eron: q.eron,
    items: page.items.map((c) => {
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
    }),
    next: page.next,
  };
}
