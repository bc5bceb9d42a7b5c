import type { Selectable } from 'kysely';
import type { Db, Trx } from '../db';
import type { IncomeTables } from './income.tables';

export type PayoutRow = Selectable<IncomeTables['payouts']>;
export type SettlementRow = Selectable<IncomeTables['settlements']>;

export const lockPayout = (trx: Trx, id: string) =>
  trx.selectFrom('payouts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
export const lockSettlement = (trx: Trx, id: string) =>
  trx.selectFrom('settlements').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export async function exitsOf(db: Db, nui: string) {
  const [payouts, settlements] = await Promise.all([
    db.selectFrom('payouts').selectAll().where('nui', '=', nui).orderBy('created_at').execute(),
    db.selectFrom('settlements').selectAll().where('nui', '=', nui).orderBy('created_at').execute(),
  ]);
  return { payouts, settlements };
}

/** The payout handed over in full: `paid` reaches its amount (a late return makes it due again). */
export const markPayoutPaid = (
  trx: Trx,
  p: PayoutRow,
  how: { as: 'payment' | 'cash' | 'folio'; toNui?: string; approval?: string; by: string },
) =>
  trx
    .updateTable('payouts')
    .set({
      paid: p.amount,
      status: 'paid',
      settled_as: how.as,
      to_nui: how.toNui ?? null,
      approval: how.approval ?? null,
      paid_by: how.by,
      paid_at: new Date(),
    })
    .where('id', '=', p.id)
    .returningAll()
    .executeTakeFirstOrThrow();

/** One payment of a held settlement to an authorised person (confidential identity), and what the settlement has paid. */
export async function insertSettlementPayment(
  trx: Trx,
  s: SettlementRow,
  pay: { id: string; amount: number; document: string; names: string; authorisation: string; transactionId: string; by: string },
): Promise<{ paid: number; status: 'paid' | 'held' }> {
  await trx
    .insertInto('settlement_payments')
    .values({
      id: pay.id,
      settlement_id: s.id,
      amount: pay.amount,
      beneficiary_document: pay.document,
      beneficiary_names: pay.names,
      authorisation_reference: pay.authorisation,
      transaction_id: pay.transactionId,
      paid_by: pay.by,
    })
    .execute();
  const paid = s.paid + pay.amount;
  const status = paid === s.amount ? ('paid' as const) : ('held' as const);
  await trx.updateTable('settlements').set({ paid, status }).where('id', '=', s.id).execute();
  return { paid, status };
}

export type ExitOwing = { to: 'payout'; row: PayoutRow } | { to: 'settlement'; row: SettlementRow };

/**
 * The exit that took the NUI's balance, locked against a payment in flight. A Folio closes once
 * (a person admitted again gets a new NUI), so there is at most one: a payout or a settlement.
 */
export async function lockExitOf(trx: Trx, nui: string): Promise<ExitOwing | undefined> {
  const payout = await trx.selectFrom('payouts').selectAll().where('nui', '=', nui).forUpdate().executeTakeFirst();
  if (payout) return { to: 'payout', row: payout };
  const settlement = await trx.selectFrom('settlements').selectAll().where('nui', '=', nui).forUpdate().executeTakeFirst();
  return settlement ? { to: 'settlement', row: settlement } : undefined;
}

/**
 * Money that reaches the exit after it (a phone credit held before it, released after it: FOL-10,
 * FOL-14, FOL-15) is owed with the rest of the balance: the payout or settlement grows by it and is
 * due again, even when what the exit left was already handed over.
 */
export async function oweLateReturn(trx: Trx, owing: ExitOwing, amount: number): Promise<void> {
  if (owing.to === 'payout') {
    await trx
      .updateTable('payouts')
      .set((eb) => ({ amount: eb('amount', '+', amount), available: eb('available', '+', amount), status: 'due' }))
      .where('id', '=', owing.row.id)
      .execute();
  } else {
    await trx
      .updateTable('settlements')
      .set((eb) => ({ amount: eb('amount', '+', amount), status: 'held' }))
      .where('id', '=', owing.row.id)
      .execute();
  }
}
