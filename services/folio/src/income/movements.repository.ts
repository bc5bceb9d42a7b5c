import { randomUUID } from 'node:crypto';
import type { ExitReason } from '@eron/shared';
import type { Trx } from '../db';
import { eronAccountId, record } from '../ledger/ledger.repository';
import { lockBalances, lockFolio, pplLegs, totalOf } from './income.repository';
import { paysOutToPerson } from './income.rules';

/** An event that cannot apply stays failed in the queue for inspection and replay, never dropped. */
export class EventNotApplicable extends Error {}

async function openFolioAt(trx: Trx, nui: string, eron: string) {
  const folio = await lockFolio(trx, nui);
  if (!folio) throw new EventNotApplicable(`No Folio for NUI ${nui}`);
  if (folio.status !== 'open') throw new EventNotApplicable(`Folio ${nui} is ${folio.status}`);
  if (folio.eron !== eron) throw new EventNotApplicable(`Folio ${nui} is held at ${folio.eron}, not ${eron}`);
  return folio;
}

/**
 * Moves the whole balance to the destination establishment at once (FOL-13, Art. 41 §). Two
 * transactions: the origin's paymaster sends it out of the PPL's accounts, the destination's
 * paymaster puts it back in, so each establishment's postings keep adding up and the PPL's
 * statement shows the move with a continuous running balance.
 */
export async function moveFolio(trx: Trx, m: { nui: string; transferId: string; fromEron: string; toEron: string; requestId?: string }) {
  await openFolioAt(trx, m.nui, m.fromEron);
  const balances = await lockBalances(trx, m.nui);
  const total = totalOf(balances);
  const common = { nui: m.nui, reference: m.transferId, createdBy: 'classification', requestId: m.requestId };
  if (total > 0) {
    await record(trx, {
      ...common,
      kind: 'transfer_out',
      eron: m.fromEron,
      concept: `Traslado al establecimiento ${m.toEron}: saldo enviado por el pagador`,
      postings: [...pplLegs(balances, -1), { accountId: await eronAccountId(trx, m.fromEron, 'paymaster'), amount: total }],
    });
  }
  await trx.updateTable('ledger_accounts').set({ eron: m.toEron }).where('nui', '=', m.nui).execute();
  await trx.updateTable('folios').set({ eron: m.toEron }).where('nui', '=', m.nui).execute();
  if (total > 0) {
    await record(trx, {
      ...common,
      kind: 'transfer_in',
      eron: m.toEron,
      concept: `Traslado desde el establecimiento ${m.fromEron}: saldo recibido por el pagador`,
      postings: [...pplLegs(balances, 1), { accountId: await eronAccountId(trx, m.toEron, 'paymaster'), amount: -total }],
    });
  }
  await trx.insertInto('folio_moves').values({ transfer_id: m.transferId, nui: m.nui, from_eron: m.fromEron, to_eron: m.toEron }).execute();
  return total;
}

/**
 * On exit the whole balance leaves the Folio at once and the Folio closes: to the payouts due
 * to the person on release or house arrest (FOL-14), or held for the persons the PPL authorised
 * on death, escape or extradition (FOL-15, Art. 123).
 */
export async function settleExit(trx: Trx, e: { nui: string; eron: string; exitId: string; reason: ExitReason; requestId?: string }) {
  await openFolioAt(trx, e.nui, e.eron);
  const balances = await lockBalances(trx, e.nui);
  const total = totalOf(balances);
  const toPerson = paysOutToPerson(e.reason);
  const id = randomUUID();
  if (total > 0) {
    await record(trx, {
      kind: toPerson ? 'exit_payout' : 'exit_settlement',
      eron: e.eron,
      nui: e.nui,
      reference: e.exitId,
      concept: toPerson
        ? `Salida (${e.reason}): saldo total por entregar a la persona`
        : `Salida (${e.reason}): saldo liquidado para los autorizados`,
      createdBy: 'classification',
      requestId: e.requestId,
      postings: [
        ...pplLegs(balances, -1),
        { accountId: await eronAccountId(trx, e.eron, toPerson ? 'payouts_due' : 'settlements_held'), amount: total },
      ],
    });
  }
  const base = { id, nui: e.nui, eron: e.eron, exit_id: e.exitId, reason: e.reason, amount: total };
  if (toPerson) {
    await trx
      .insertInto('payouts')
      .values({
        ...base,
        available: balances.ppl_available.balance,
        savings: balances.ppl_savings.balance,
        seized: balances.ppl_seized.balance,
        status: total > 0 ? 'due' : 'paid',
        settled_as: null,
        to_nui: null,
        approval: null,
        paid_by: null,
        paid_at: null,
      })
      .execute();
  } else {
    await trx
      .insertInto('settlements')
      .values({ ...base, paid: 0, status: total > 0 ? 'held' : 'paid' })
      .execute();
  }
  await trx.updateTable('folios').set({ status: 'closed' }).where('nui', '=', e.nui).execute();
  return { id, total, toPerson };
}
