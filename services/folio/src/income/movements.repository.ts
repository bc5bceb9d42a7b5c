import type { Trx } from '../db';

/** The Folio and its accounts now belong to the destination establishment (FOL-13). */
export async function moveToEron(trx: Trx, m: { nui: string; transferId: string; fromEron: string; toEron: string }): Promise<void> {
  await trx.updateTable('ledger_accounts').set({ eron: m.toEron }).where('nui', '=', m.nui).execute();
  await trx.updateTable('folios').set({ eron: m.toEron }).where('nui', '=', m.nui).execute();
  await trx.insertInto('folio_moves').values({ transfer_id: m.transferId, nui: m.nui, from_eron: m.fromEron, to_eron: m.toEron }).execute();
}

export async function closeFolio(trx: Trx, nui: string): Promise<void> {
  await trx.updateTable('folios').set({ status: 'closed' }).where('nui', '=', nui).execute();
}

type ExitBase = { id: string; nui: string; eron: string; exit_id: string; reason: string; amount: number };

/** What the exit leaves owed to the person (FOL-14), by account. */
export async function insertPayout(trx: Trx, p: ExitBase & { available: number; savings: number; seized: number }): Promise<void> {
  await trx
    .insertInto('payouts')
    .values({
      ...p,
      status: p.amount > 0 ? 'due' : 'paid',
      settled_as: null,
      to_nui: null,
      approval: null,
      paid_by: null,
      paid_at: null,
    })
    .execute();
}

/** What the exit holds for the persons the PPL authorised (FOL-15). */
export async function insertSettlement(trx: Trx, s: ExitBase): Promise<void> {
  await trx
    .insertInto('settlements')
    .values({ ...s, paid: 0, status: s.amount > 0 ? 'held' : 'paid' })
    .execute();
}
