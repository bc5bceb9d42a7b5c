import type { Trx } from '../db';

type Transit = { nui: string; transferId: string; fromEron: string; toEron: string };

const row = (t: Transit) => ({ transfer_id: t.transferId, nui: t.nui, from_eron: t.fromEron, to_eron: t.toEron });

/** The origin handed the person over (CLS-20); an arrival seen first is kept. */
export async function markDispatched(trx: Trx, t: Transit): Promise<void> {
  const now = new Date();
  await trx
    .insertInto('folio_transits')
    .values({ ...row(t), dispatched_at: now, arrived_at: null })
    .onConflict((oc) => oc.column('transfer_id').doUpdateSet({ dispatched_at: now }).where('folio_transits.dispatched_at', 'is', null))
    .execute();
}

/** The destination received the person (CLS-20): the transit ends, whether or not its dispatch was seen. */
export async function markArrived(trx: Trx, t: Transit): Promise<void> {
  const now = new Date();
  await trx
    .insertInto('folio_transits')
    .values({ ...row(t), dispatched_at: null, arrived_at: now })
    .onConflict((oc) => oc.column('transfer_id').doUpdateSet({ arrived_at: now }).where('folio_transits.arrived_at', 'is', null))
    .execute();
}
