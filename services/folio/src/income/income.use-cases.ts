import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import {
  bogotaMonth,
  type SavingsAuthorisationRequest,
  type Seizure,
  type SeizureRequest,
  type WorkPayment,
  type WorkPaymentRequest,
} from '@eron/shared';
import type { Outcome } from '@eron/shared/platform';
import { openFolioInScope } from '../accounts/account.use-cases';
import { eronAccountId, pplAccountId, record } from '../ledger/ledger.repository';
import type { Ctx } from '../runtime';
import { findWorkPayment, insertSavingsAuthorisation, insertWorkPayment, savingsAuthorised, seizureRecorded } from './income.repository';
import { actaRecorded, assertHeldAt, assertMonthWorked, assertOwnerGiven, splitWorkPay, workPayBooked } from './income.rules';

/** FOL-11, Art. 43: the PPL's written authorisation to save 10 % of work pay; the latest document is in force. */
export async function setSavingsAuthorisation(ctx: Ctx, input: { nui: string } & SavingsAuthorisationRequest) {
  const { nui, authorised, document } = input;
  await openFolioInScope(ctx, nui, 'FOL-11', 'Art. 43');
  const row = await insertSavingsAuthorisation(ctx.trx, { nui, authorised, document, by: ctx.actor.sub });
  await ctx.audit({ action: 'set-savings-authorisation', entity: 'folio', entityId: nui, details: { authorised } });
  return { nui, authorised, document, recordedAt: row.recorded_at.toISOString() };
}

/**
 * FOL-11 (Arts. 43, 120): a month's bonificación, once per PPL and month, split by law — 10 % to
 * the Caja Especial, 10 % to savings where authorised, the rest available — and paid by the
 * establishment's paymaster. The ledger reference `nui/month` makes a second payment impossible.
 */
export async function payWork(ctx: Ctx, b: WorkPaymentRequest): Promise<Outcome<WorkPayment>> {
  const folio = await openFolioInScope(ctx, b.nui, 'FOL-11', 'Art. 43');
  assertMonthWorked(b.month, bogotaMonth());
  if (await findWorkPayment(ctx.trx, b.nui, b.month)) throw workPayBooked(b.nui, b.month);
  const split = splitWorkPay(b.amount, await savingsAuthorised(ctx.trx, b.nui));
  const { trx } = ctx;
  const parts = [
    { accountId: await eronAccountId(trx, folio.eron, 'paymaster'), amount: -b.amount },
    { accountId: await pplAccountId(trx, b.nui, 'ppl_available'), amount: split.available },
  ];
  if (split.cajaEspecial > 0) parts.push({ accountId: await eronAccountId(trx, folio.eron, 'caja_especial'), amount: split.cajaEspecial });
  if (split.savings > 0) parts.push({ accountId: await pplAccountId(trx, b.nui, 'ppl_savings'), amount: split.savings });
  const transactionId = await record(trx, {
    kind: 'work_pay',
    eron: folio.eron,
    nui: b.nui,
    reference: `${b.nui}/${b.month}`,
    concept: `Bonificación ${b.month}, ${b.workFront} (planilla ${b.payrollReference})`,
    createdBy: ctx.actor.sub,
    requestId: ctx.requestId,
    postings: parts.filter((x) => x.amount !== 0),
  });
  const id = randomUUID();
  await insertWorkPayment(trx, { id, nui: b.nui, eron: folio.eron, month: b.month, amount: b.amount, split, transactionId });
  await ctx.audit({ action: 'pay-work', entity: 'work_payment', entityId: id, details: { nui: b.nui, month: b.month, amount: b.amount } });
  return { status: 201, body: { id, nui: b.nui, eron: folio.eron, month: b.month, amount: b.amount, ...split, transactionId } };
}

/**
 * FOL-12, Art. 44: cash seized in a search, against the PPL who held it (returned in full at
 * release) or to the establishment's unknown-owner account; each acta once.
 */
export async function recordSeizure(ctx: Ctx, b: SeizureRequest): Promise<Outcome<Static<typeof Seizure>>> {
  assertOwnerGiven(b);
  if (b.nui) assertHeldAt(await openFolioInScope(ctx, b.nui, 'FOL-12', 'Art. 44'), b.nui, b.eron);
  if (await seizureRecorded(ctx.trx, b.eron, b.actaNumber)) throw actaRecorded(b.actaNumber);
  const nui = b.nui ?? null;
  const credit = nui ? await pplAccountId(ctx.trx, nui, 'ppl_seized') : await eronAccountId(ctx.trx, b.eron, 'unknown_owner_cash');
  const transactionId = await record(ctx.trx, {
    kind: nui ? 'seizure' : 'seizure_unknown_owner',
    eron: b.eron,
    nui,
    reference: `${b.eron}/${b.actaNumber}`,
    concept: nui ? `Dinero incautado, acta ${b.actaNumber}` : `Dinero incautado de dueño no establecido, acta ${b.actaNumber}`,
    createdBy: ctx.actor.sub,
    requestId: ctx.requestId,
    postings: [
      { accountId: credit, amount: b.amount },
      { accountId: await eronAccountId(ctx.trx, b.eron, 'paymaster'), amount: -b.amount },
    ],
  });
  await ctx.audit({ action: 'record-seizure', entity: 'ledger_transaction', entityId: transactionId, details: { nui, amount: b.amount } });
  const account = nui ? ('ppl_seized' as const) : ('unknown_owner_cash' as const);
  return { status: 201, body: { transactionId, eron: b.eron, amount: b.amount, nui, account } };
}
