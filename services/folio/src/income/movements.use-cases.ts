import { randomUUID } from 'node:crypto';
import type { ExitReason } from '@eron/shared';
import { lockFolio } from '../accounts/account.repository';
import { eronAccountId, lockBalances, record } from '../ledger/ledger.repository';
import { pplLegs, totalOf } from '../ledger/ledger.rules';
import type { Ctx } from '../runtime';
import { assertFolioAt, paysOutToPerson } from './income.rules';
import { closeFolio, insertPayout, insertSettlement, moveToEron } from './movements.repository';

/**
 * Moves the whole balance to the destination establishment at once (FOL-13, Art. 41 §). Two
 * transactions: the origin's paymaster sends it out of the PPL's accounts, the destination's
 * paymaster puts it back in, so each establishment's postings keep adding up and the PPL's
 * statement shows the move with a continuous running balance.
 */
export async function moveFolio(ctx: Ctx, m: { nui: string; transferId: string; fromEron: string; toEron: string }): Promise<number> {
  const { trx } = ctx;
  assertFolioAt(await lockFolio(trx, m.nui), m.nui, m.fromEron);
  const balances = await lockBalances(trx, m.nui);
  const total = totalOf(balances);
  const common = { nui: m.nui, reference: m.transferId, createdBy: 'classification', requestId: ctx.requestId };
  if (total > 0) {
    await record(trx, {
      ...common,
      kind: 'transfer_out',
      eron: m.fromEron,
      concept: `Traslado al establecimiento ${m.toEron}: saldo enviado por el pagador`,
      postings: [...pplLegs(balances, -1), { accountId: await eronAccountId(trx, m.fromEron, 'paymaster'), amount: total }],
    });
  }
  await moveToEron(trx, m);
  if (total > 0) {
    await record(trx, {
      ...common,
      kind: 'transfer_in',
      eron: m.toEron,
      concept: `Traslado desde el establecimiento ${m.fromEron}: saldo recibido por el pagador`,
      postings: [...pplLegs(balances, 1), { accountId: await eronAccountId(trx, m.toEron, 'paymaster'), amount: -total }],
    });
  }
  return total;
}

/**
 * On exit the whole balance leaves the Folio at once and the Folio closes: to the payouts due
 * to the person on release or house arrest (FOL-14), or held for the persons the PPL authorised
 * on death, escape or extradition (FOL-15, Art. 123).
 */
export async function settleExit(ctx: Ctx, e: { nui: string; eron: string; exitId: string; reason: ExitReason }) {
  const { trx } = ctx;
  assertFolioAt(await lockFolio(trx, e.nui), e.nui, e.eron);
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
      requestId: ctx.requestId,
      postings: [
        ...pplLegs(balances, -1),
        { accountId: await eronAccountId(trx, e.eron, toPerson ? 'payouts_due' : 'settlements_held'), amount: total },
      ],
    });
  }
  const base = { id, nui: e.nui, eron: e.eron, exit_id: e.exitId, reason: e.reason, amount: total };
  if (toPerson) {
    const { ppl_available, ppl_savings, ppl_seized } = balances;
    await insertPayout(trx, { ...base, available: ppl_available.balance, savings: ppl_savings.balance, seized: ppl_seized.balance });
  } else await insertSettlement(trx, base);
  await closeFolio(trx, e.nui);
  return { id, total, toPerson };
}
