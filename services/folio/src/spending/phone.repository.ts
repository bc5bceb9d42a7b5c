import type { Trx } from '../db';
import { eronAccountId, record } from '../ledger/ledger.repository';
import { reverseUse } from './spend.repository';

/** The provider confirmed: the held money goes to the providers' account, once (FOL-10). */
export async function confirmCredit(trx: Trx, id: string, providerTx: string, by: string, requestId: string) {
  const row = await trx.selectFrom('phone_credits').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
  if (row.status !== 'held') return row;
  const settle = await record(trx, {
    kind: 'phone_credit_confirmed',
    eron: row.eron,
    nui: row.nui,
    reference: id,
    concept: `Recarga telefónica confirmada por el proveedor (${providerTx})`,
    createdBy: by,
    requestId,
    postings: [
      { accountId: await eronAccountId(trx, row.eron, 'phone_hold'), amount: -row.amount },
      { accountId: await eronAccountId(trx, row.eron, 'providers'), amount: row.amount },
    ],
  });
  return trx
    .updateTable('phone_credits')
    .set({ status: 'confirmed', settle_tx: settle, provider_tx: providerTx, settled_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Not confirmed: the hold goes back to the PPL and so do the caps it took (FOL-10). */
export async function releaseCredit(trx: Trx, id: string, reason: string, by: string, requestId: string) {
  const row = await trx.selectFrom('phone_credits').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
  if (row.status !== 'held') return row;
  const { reversal } = await reverseUse(trx, { txId: row.hold_tx, reason: `recarga no confirmada: ${reason}`, createdBy: by, requestId });
  return trx
    .updateTable('phone_credits')
    .set({ status: 'released', settle_tx: reversal, failure: reason, settled_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
