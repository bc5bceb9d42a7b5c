import type { Trx } from '../db';
import { eronAccountId, record } from '../ledger/ledger.repository';
import { reverseUse, spend } from './spend.repository';

export interface Hold {
  id: string;
  requestKey: string;
  requestHash: string;
  nui: string;
  erons: string[] | null;
  line: string;
  amount: number;
  date: string;
  by: string;
  requestId: string;
}

/**
 * Holds the money (available → phone_hold, within the caps) and records the credit as `held`, in the
 * caller's transaction. Committed before the provider is called; if the process dies after this, the
 * sweeper settles it with the provider (FOL-10).
 */
export async function holdCredit(trx: Trx, h: Hold) {
  const o = await spend(trx, {
    nui: h.nui,
    erons: h.erons,
    amount: h.amount,
    dayAmount: h.amount,
    date: h.date,
    use: 'phone_credit',
    reference: h.id,
    concept: 'Recarga telefónica retenida mientras el proveedor confirma (Art. 41.3)',
    counter: 'phone_hold',
    createdBy: h.by,
    requestId: h.requestId,
    details: { line: h.line },
  });
  if (o.outcome !== 'ok') return o;
  await trx
    .insertInto('phone_credits')
    .values({
      id: h.id,
      request_key: h.requestKey,
      request_hash: h.requestHash,
      nui: h.nui,
      eron: o.ppl_eron!,
      line: h.line,
      amount: h.amount,
      status: 'held',
      hold_tx: o.txId,
      created_by: h.by,
    })
    .execute();
  return o;
}

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
