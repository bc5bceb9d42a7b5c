import { assertActorActsFor, type Account, type EventPayload } from '@eron/shared';
import { formatDateEs } from '@eron/shared/documents';
import { eronAccountId, pplAccountId, record } from '../ledger/ledger.repository';
import { lockExitOf, oweLateReturn } from '../income/exits.repository';
import type { Ctx, Reader } from '../runtime';
import { findFolio, folioEron, lockFolio, openFolio } from './account.repository';
import { assertFolioOpen, noFolio } from './account.rules';
import { intakeCashOf, lockIntakeCash, markBooked, saveAdmittedCash, saveReceipt } from './intake-cash.repository';
import { intakeCashView, readyToBook } from './intake-cash.rules';

/** A PPL's Folio with its balances and the intake cash still pending (CLS-10), for those who act for its establishment (FOL-01). */
export async function getAccount(r: Reader, nui: string, intakeCeiling: number): Promise<Account> {
  // One snapshot: balances and the intake cash's state must agree while a receipt commits (CLS-10).
  const [folio, cash] = await r.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => [await findFolio(trx, nui), await intakeCashOf(trx, nui)] as const);
  if (!folio) throw noFolio(nui);
  assertActorActsFor(r.actor, folio.eron);
  const intakeCash = intakeCashView(cash, intakeCeiling);
  return {
    nui: folio.nui,
    eron: folio.eron,
    status: folio.status,
    available: folio.available,
    savings: folio.savings,
    seized: folio.seized,
    openedAt: folio.opened_at.toISOString(),
    pending: intakeCash?.status === 'pending' ? intakeCash.amount : 0,
    intakeCash,
  };
}

/** The Folio's establishment, when the caller acts for it: the gate of every read about one PPL. */
export async function folioInScope(r: Reader, nui: string): Promise<{ eron: string; status: string }> {
  const folio = await folioEron(r.db, nui);
  if (!folio) throw noFolio(nui);
  assertActorActsFor(r.actor, folio.eron);
  return folio;
}

/** The Folio, locked, in the actor's scope and open: the common gate of every booking on it. */
export async function openFolioInScope(ctx: Ctx, nui: string, rule: string, article: string) {
  const folio = await lockFolio(ctx.trx, nui);
  if (!folio) throw noFolio(nui);
  assertActorActsFor(ctx.actor, folio.eron);
  assertFolioOpen(folio, nui, rule, article);
  return folio;
}

/**
 * On admission the Folio opens (FOL-01, Art. 40), whatever else the event carries. Cash carried
 * at intake is recorded as pending (CLS-10, Art. 28) under the person's NUI, never reused, so a
 * reused acta number cannot stop the opening; it becomes available with the paymaster's receipt.
 * Returns the amount made available now (when the receipt came first), if any.
 */
export async function openOnAdmission(ctx: Ctx, admitted: { eventId: string } & EventPayload<'ppl.admitted'>): Promise<number | null> {
  const { nui, eron, cashAtIntake, names, surnames } = admitted;
  const opened = await openFolio(ctx.trx, { nui, eron, eventId: admitted.eventId, names, surnames });
  if (!opened || !cashAtIntake) return null;
  const { amount, actaNumber: acta, searchDate } = cashAtIntake;
  await saveAdmittedCash(ctx.trx, { nui, eron, acta, amount, searchDate, eventId: admitted.eventId });
  return bookIntakeCash(ctx, nui);
}

/**
 * CLS-10: the paymaster of the establishment where the person is now received the cash with the
 * act's three signatures: it becomes available (now, or when the admission arrives if this came
 * first). Returns the amount made available, if any.
 */
export async function receiveIntakeCash(ctx: Ctx, r: { eventId: string } & EventPayload<'intake-cash.received'>): Promise<number | null> {
  await saveReceipt(ctx.trx, { nui: r.nui, eron: r.eron, receivedOn: r.receivedOn, eventId: r.eventId });
  return bookIntakeCash(ctx, r.nui);
}

/**
 * Books received intake cash once: from the paymaster of the establishment that holds the Folio
 * now (after a transfer, the destination's) to the PPL's available balance. A Folio already closed
 * by the exit takes it to what the exit left owed (see `oweAfterExit`).
 */
async function bookIntakeCash(ctx: Ctx, nui: string): Promise<number | null> {
  const folio = await lockFolio(ctx.trx, nui);
  const cash = await lockIntakeCash(ctx.trx, nui);
  if (!folio || !readyToBook(cash)) return null;
  const received = `Dinero de la requisa de ingreso en ${cash.eron}, acta ${cash.acta}; recibido por el pagador el ${formatDateEs(cash.received_on!)}`;
  const transactionId =
    folio.status === 'open'
      ? await record(ctx.trx, {
          kind: 'intake_cash',
          eron: folio.eron,
          nui,
          reference: `${nui}/${cash.acta}`,
          concept: received,
          createdBy: 'classification',
          requestId: ctx.requestId,
          postings: [
            { accountId: await pplAccountId(ctx.trx, nui, 'ppl_available'), amount: cash.amount },
            { accountId: await eronAccountId(ctx.trx, folio.eron, 'paymaster'), amount: -cash.amount },
          ],
        })
      : await oweAfterExit(ctx, { nui, eron: folio.eron, acta: cash.acta, amount: cash.amount, concept: received });
  await markBooked(ctx.trx, nui, transactionId);
  return cash.amount;
}

/**
 * CLS-10 × FOL-14/FOL-15: cash the paymaster receives after the exit is still the person's. It
 * goes from the paymaster's cash to what the exit left owed — the payout due to the person, or the
 * settlement held for those the PPL authorised — which grows by it and is due again, so the same
 * hand-over returns it and the ledger balances.
 */
async function oweAfterExit(ctx: Ctx, c: { nui: string; eron: string; acta: string; amount: number; concept: string }): Promise<string> {
  const owing = await lockExitOf(ctx.trx, c.nui);
  if (!owing) throw new Error(`Folio ${c.nui} is closed but no exit holds its balance`);
  const payout = owing.to === 'payout';
  const transactionId = await record(ctx.trx, {
    kind: 'intake_cash_after_exit',
    eron: owing.row.eron,
    nui: c.nui,
    reference: `${c.nui}/${c.acta}`,
    concept: `${c.concept}, después de la salida: ${payout ? 'al pago de salida' : 'a la liquidación retenida'}`,
    createdBy: 'classification',
    requestId: ctx.requestId,
    postings: [
      { accountId: await eronAccountId(ctx.trx, c.eron, 'paymaster'), amount: -c.amount },
      { accountId: await eronAccountId(ctx.trx, owing.row.eron, payout ? 'payouts_due' : 'settlements_held'), amount: c.amount },
    ],
  });
  await oweLateReturn(ctx.trx, owing, c.amount);
  return transactionId;
}
