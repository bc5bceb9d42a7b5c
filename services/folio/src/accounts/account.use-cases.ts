import { assertActorActsFor, type Account, type EventPayload } from '@eron/shared';
import { eronAccountId, pplAccountId, record } from '../ledger/ledger.repository';
import type { Ctx, Reader } from '../runtime';
import { findFolio, folioEron, lockFolio, openFolio } from './account.repository';
import { assertFolioOpen, noFolio } from './account.rules';

/** A PPL's Folio with its balances, for those who act for its establishment (FOL-01). */
export async function getAccount(r: Reader, nui: string): Promise<Account> {
  const folio = await findFolio(r.db, nui);
  if (!folio) throw noFolio(nui);
  assertActorActsFor(r.actor, folio.eron);
  return {
    nui: folio.nui,
    eron: folio.eron,
    status: folio.status,
    available: folio.available,
    savings: folio.savings,
    seized: folio.seized,
    openedAt: folio.opened_at.toISOString(),
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
 * On admission the Folio opens (FOL-01, Art. 40) and cash carried at intake, handed to the
 * paymaster with an acta, is credited once (CLS-10, Art. 28): the caller applies the event once,
 * and the acta is the transaction's unique reference. Returns the amount credited, if any.
 */
export async function openOnAdmission(ctx: Ctx, admitted: { eventId: string } & EventPayload<'ppl.admitted'>): Promise<number | null> {
  const { nui, eron, cashAtIntake } = admitted;
  const opened = await openFolio(ctx.trx, { nui, eron, eventId: admitted.eventId });
  if (!opened || !cashAtIntake) return null;
  await record(ctx.trx, {
    kind: 'intake_cash',
    eron,
    nui,
    reference: `${eron}/${cashAtIntake.actaNumber}`,
    concept: `Dinero recibido en la requisa de ingreso, acta ${cashAtIntake.actaNumber}`,
    createdBy: 'classification',
    requestId: ctx.requestId,
    postings: [
      { accountId: await pplAccountId(ctx.trx, nui, 'ppl_available'), amount: cashAtIntake.amount },
      { accountId: await eronAccountId(ctx.trx, eron, 'paymaster'), amount: -cashAtIntake.amount },
    ],
  });
  return cashAtIntake.amount;
}
