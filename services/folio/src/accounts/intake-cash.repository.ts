import type { Db, Trx } from '../db';

/** The admission's half of the intake cash (CLS-10); a receipt that came first is kept. */
export async function saveAdmittedCash(
  trx: Trx,
  c: { nui: string; eron: string; acta: string; amount: number; searchDate: string; eventId: string },
): Promise<void> {
  const admitted = { eron: c.eron, acta: c.acta, amount: c.amount, search_date: c.searchDate, admitted_event: c.eventId };
  await trx
    .insertInto('intake_cash')
    .values({ nui: c.nui, ...admitted })
    .onConflict((oc) => oc.column('nui').doUpdateSet(admitted).where('intake_cash.admitted_event', 'is', null))
    .execute();
}

/** The paymaster's receipt (CLS-10); recorded once, whichever half came first. */
export async function saveReceipt(trx: Trx, r: { nui: string; eron: string; receivedOn: string; eventId: string }): Promise<void> {
  const received = { received_on: r.receivedOn, received_eron: r.eron, received_event: r.eventId };
  await trx
    .insertInto('intake_cash')
    .values({ nui: r.nui, ...received })
    .onConflict((oc) => oc.column('nui').doUpdateSet(received).where('intake_cash.received_event', 'is', null))
    .execute();
}

export const lockIntakeCash = (trx: Trx, nui: string) =>
  trx.selectFrom('intake_cash').selectAll().where('nui', '=', nui).forUpdate().executeTakeFirst();

export async function markBooked(trx: Trx, nui: string, transactionId: string): Promise<void> {
  await trx.updateTable('intake_cash').set({ transaction_id: transactionId }).where('nui', '=', nui).execute();
}

/** The PPL's intake cash as folio knows it (CLS-10), with the kind of the transaction that booked it. */
export const intakeCashOf = (db: Db | Trx, nui: string) =>
  db
    .selectFrom('intake_cash')
    .leftJoin('ledger_transactions as t', 't.id', 'intake_cash.transaction_id')
    .selectAll('intake_cash')
    .select('t.kind as booked_as')
    .where('intake_cash.nui', '=', nui)
    .executeTakeFirst();
