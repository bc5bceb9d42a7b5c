import type { Trx } from '../db';
import { lockExitOf, oweLateReturn } from '../income/exits.repository';
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

/**
 * Not confirmed: the hold goes back to the PPL and so do the caps it took (FOL-10). If the PPL left
 * meanwhile, the Folio is closed and its balance went to the exit: the hold follows it there
 * (FOL-14, FOL-15) instead of landing in a closed account.
 */
export async function releaseCredit(trx: Trx, id: string, reason: string, by: string, requestId: string) {
  const { nui } = await trx.selectFrom('phone_credits').select('nui').where('id', '=', id).executeTakeFirstOrThrow();
  // The Folio first, in the exit's order, so a release waits for an exit in flight and then sees the
  // Folio closed. Shared, not exclusive: the sweeper already holds the credit row when it gets here
  // and a route release takes Folio then credit; two share locks never wait on each other.
  const folio = await trx.selectFrom('folios').select('status').where('nui', '=', nui).forShare().executeTakeFirstOrThrow();
  const row = await trx.selectFrom('phone_credits').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
  if (row.status !== 'held') return { ...row, owedTo: null };
  const settled =
    folio.status === 'open'
      ? { tx: await giveBack(trx, row.hold_tx, reason, by, requestId), owedTo: null }
      : await followExit(trx, row, { reason, by, requestId });
  const released = await trx
    .updateTable('phone_credits')
    .set({ status: 'released', settle_tx: settled.tx, failure: reason, settled_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...released, owedTo: settled.owedTo };
}

const giveBack = async (trx: Trx, holdTx: string, reason: string, by: string, requestId: string) =>
  (await reverseUse(trx, { txId: holdTx, reason: `recarga no confirmada: ${reason}`, createdBy: by, requestId })).reversal;

/**
 * The held money goes where the rest of the balance went on exit: payouts due or settlements held.
 * The caps it took stay taken: a closed Folio spends nothing more.
 */
async function followExit(
  trx: Trx,
  row: { id: string; nui: string; eron: string; amount: number },
  r: { reason: string; by: string; requestId: string },
) {
  const owing = await lockExitOf(trx, row.nui);
  if (!owing) throw new Error(`Folio ${row.nui} is closed but no exit holds its balance`);
  const payout = owing.to === 'payout';
  const to = payout ? 'al pago de salida' : 'a la liquidación retenida';
  const tx = await record(trx, {
    kind: 'phone_credit_released_after_exit',
    eron: owing.row.eron,
    nui: row.nui,
    reference: row.id,
    concept: `Recarga telefónica no confirmada (${r.reason}), liberada después de la salida: ${to}`,
    createdBy: r.by,
    requestId: r.requestId,
    postings: [
      { accountId: await eronAccountId(trx, row.eron, 'phone_hold'), amount: -row.amount },
      { accountId: await eronAccountId(trx, owing.row.eron, payout ? 'payouts_due' : 'settlements_held'), amount: row.amount },
    ],
  });
  await oweLateReturn(trx, owing, row.amount);
  return { tx, owedTo: owing.to };
}
