import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db, Trx } from '../db';
import type { IncomeTables } from './income.tables';
import { eronAccountId, pplAccountId, record } from '../ledger/ledger.repository';
import { isSmallRemainder } from './income.rules';

type PayoutRow = Selectable<IncomeTables['payouts']>;
type SettlementRow = Selectable<IncomeTables['settlements']>;

export const lockPayout = (trx: Trx, id: string) =>
  trx.selectFrom('payouts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
export const lockSettlement = (trx: Trx, id: string) =>
  trx.selectFrom('settlements').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export async function exitsOf(db: Db, nui: string) {
  const [payouts, settlements] = await Promise.all([
    db.selectFrom('payouts').selectAll().where('nui', '=', nui).orderBy('created_at').execute(),
    db.selectFrom('settlements').selectAll().where('nui', '=', nui).orderBy('created_at').execute(),
  ]);
  return { payouts: payouts.map(payoutView), settlements: settlements.map(settlementView) };
}

export const payoutView = (p: PayoutRow) => ({
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

export const settlementView = (s: SettlementRow) => ({
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

/**
 * Hands the payout over (FOL-14): what remains of it, out of payouts due, either to the paymaster's
 * cash or, for a small remainder the Director approved, into another PPL's available account.
 */
export async function settlePayout(
  trx: Trx,
  p: PayoutRow,
  how: { as: 'payment' | 'cash' | 'folio'; toNui?: string; reference: string; by: string; requestId: string; approval?: string },
) {
  const to =
    how.as === 'folio' && how.toNui ? await pplAccountId(trx, how.toNui, 'ppl_available') : await eronAccountId(trx, p.eron, 'paymaster');
  const concept =
    how.as === 'folio'
      ? `Saldo menor de $1 000 de ${p.nui} trasladado al Folio de ${how.toNui}`
      : `Entrega del saldo de salida de ${p.nui} (${how.reference})`;
  const remaining = p.amount - p.paid;
  await record(trx, {
    kind: how.as === 'folio' ? 'payout_to_folio' : 'payout_paid',
    eron: p.eron,
    nui: how.as === 'folio' && how.toNui ? how.toNui : p.nui,
    // A late return is handed over in a hand-over of its own: (kind, reference) is unique.
    reference: p.paid === 0 ? p.id : `${p.id}/${p.paid}`,
    concept,
    createdBy: how.by,
    requestId: how.requestId,
    postings: [
      { accountId: await eronAccountId(trx, p.eron, 'payouts_due'), amount: -remaining },
      { accountId: to, amount: remaining },
    ],
  });
  const row = await trx
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
  return payoutView(row);
}

/** Pays part or all of a held settlement to one authorised person (FOL-15, Art. 123). */
export async function paySettlement(
  trx: Trx,
  s: SettlementRow,
  pay: { amount: number; document: string; names: string; authorisation: string; by: string; requestId: string },
) {
  const id = randomUUID();
  const transactionId = await record(trx, {
    kind: 'settlement_paid',
    eron: s.eron,
    nui: s.nui,
    reference: id,
    concept: `Pago a persona autorizada por ${s.nui} (${pay.authorisation})`,
    createdBy: pay.by,
    requestId: pay.requestId,
    postings: [
      { accountId: await eronAccountId(trx, s.eron, 'settlements_held'), amount: -pay.amount },
      { accountId: await eronAccountId(trx, s.eron, 'paymaster'), amount: pay.amount },
    ],
  });
  await trx
    .insertInto('settlement_payments')
    .values({
      id,
      settlement_id: s.id,
      amount: pay.amount,
      beneficiary_document: pay.document,
      beneficiary_names: pay.names,
      authorisation_reference: pay.authorisation,
      transaction_id: transactionId,
      paid_by: pay.by,
    })
    .execute();
  const paid = s.paid + pay.amount;
  const status = paid === s.amount ? ('paid' as const) : ('held' as const);
  await trx.updateTable('settlements').set({ paid, status }).where('id', '=', s.id).execute();
  return { id, settlementId: s.id, amount: pay.amount, remaining: s.amount - paid, status };
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
