import { createHash, randomUUID } from 'node:crypto';
import { bogotaToday, type PhoneCredit, type PhoneCreditRequest } from '@eron/shared';
import { lockExitOf, oweLateReturn } from '../income/exits.repository';
import { eronAccountId, record } from '../ledger/ledger.repository';
import type { Ctx, Flow } from '../runtime';
import {
  claimStaleCredit,
  creditNui,
  findCreditByKey,
  insertCredit,
  lockCredit,
  markConfirmed,
  markReleased,
  shareFolioStatus,
} from './phone.repository';
import { assertReplayable, inFlight, notLoaded, type CreditStatus } from './phone.rules';
import { spend } from './spend.repository';
import { refusal, standing } from './spend.rules';
import { undoUse } from './spend.use-cases';
import { cancel, creditStatus, recharge, type Telephony } from './telephony.client';

type CreditRow = { id: string; nui: string; amount: number; status: CreditStatus; provider_tx: string | null };
const view = (r: CreditRow): PhoneCredit => ({
  id: r.id,
  nui: r.nui,
  amount: r.amount,
  status: r.status,
  providerTransactionId: r.provider_tx,
});

/**
 * FOL-10 (Arts. 41.3, 63): phone credit, hold → provider → confirm or release. The hold (within the
 * FOL-07 caps) is committed before the provider is called, so no account lock is held across the
 * network; the PPL is charged only for credit the provider confirms. The Idempotency-Key (or a fresh
 * id) is the request key, and our id is the provider reference it deduplicates on.
 */
export async function buyPhoneCredit(
  flow: Flow,
  input: { request: PhoneCreditRequest; idempotencyKey?: string; telephony: Telephony },
): Promise<PhoneCredit> {
  const { nui, line, amount } = input.request;
  const requestKey = `${flow.actor.sub} ${input.idempotencyKey ?? randomUUID()}`;
  const requestHash = createHash('sha256').update(JSON.stringify(input.request)).digest('hex');
  const seen = await findCreditByKey(flow.db, requestKey);
  if (seen) {
    assertReplayable(seen, requestHash);
    return view(seen);
  }
  const id = randomUUID();
  const held = await flow.step(async (ctx) => {
    const o = await holdCredit(ctx, { id, requestKey, requestHash, nui, line, amount, date: bogotaToday() });
    if (o.outcome !== 'ok') throw refusal(o, nui, amount);
    return o;
  });
  const answer = await recharge(input.telephony, { reference: id, line, amount });
  if (answer.ok) {
    const row = await flow.step((ctx) => confirmCredit(ctx, id, answer.providerTransactionId));
    return { ...view(row), after: standing(held) };
  }
  await cancel(input.telephony, id);
  const released = await flow.step((ctx) => releaseCredit(ctx, id, answer.reason));
  if (released.owedTo)
    flow.log.info({ creditId: id, nui, owedTo: released.owedTo }, 'FOL-10 phone credit released after the exit, owed with it');
  throw notLoaded(answer.reason);
}

/**
 * Holds the money (available → phone_hold, within the caps, in the actor's scope) and records the
 * credit as `held`; a refusal holds nothing and says why. Committed before the provider is called;
 * if the process dies after this, the sweeper settles it with the provider (FOL-10).
 */
export async function holdCredit(
  ctx: Ctx,
  h: { id: string; requestKey: string; requestHash: string; nui: string; line: string; amount: number; date: string },
) {
  const o = await spend(ctx.trx, {
    nui: h.nui,
    erons: ctx.actor.national ? null : ctx.actor.erons,
    amount: h.amount,
    dayAmount: h.amount,
    date: h.date,
    use: 'phone_credit',
    reference: h.id,
    concept: 'Recarga telefónica retenida mientras el proveedor confirma (Art. 41.3)',
    counter: 'phone_hold',
    createdBy: ctx.actor.sub,
    requestId: ctx.requestId,
    details: { line: h.line },
  });
  if (o.outcome !== 'ok') return o;
  try {
    await insertCredit(ctx.trx, { ...h, eron: o.ppl_eron!, holdTx: o.txId, by: ctx.actor.sub });
  } catch (err) {
    // The same request key at once: the other one holds it.
    if ((err as { code?: string }).code === '23505') throw inFlight();
    throw err;
  }
  return o;
}

/** The provider confirmed: the held money goes to the providers' account, once (FOL-10). */
export async function confirmCredit(ctx: Ctx, id: string, providerTx: string) {
  const row = await lockCredit(ctx.trx, id);
  if (row.status !== 'held') return row;
  const settle = await record(ctx.trx, {
    kind: 'phone_credit_confirmed',
    eron: row.eron,
    nui: row.nui,
    reference: id,
    concept: `Recarga telefónica confirmada por el proveedor (${providerTx})`,
    createdBy: ctx.actor.sub,
    requestId: ctx.requestId,
    postings: [
      { accountId: await eronAccountId(ctx.trx, row.eron, 'phone_hold'), amount: -row.amount },
      { accountId: await eronAccountId(ctx.trx, row.eron, 'providers'), amount: row.amount },
    ],
  });
  await ctx.audit({
    action: 'confirm-phone-credit',
    entity: 'phone_credit',
    entityId: id,
    details: { nui: row.nui, amount: row.amount, providerTransactionId: providerTx },
  });
  return markConfirmed(ctx.trx, id, settle, providerTx);
}

/**
 * Not confirmed: the hold goes back to the PPL and so do the caps it took (FOL-10). If the PPL left
 * meanwhile, the Folio is closed and its balance went to the exit: the hold follows it there
 * (FOL-14, FOL-15) instead of landing in a closed account.
 */
export async function releaseCredit(ctx: Ctx, id: string, reason: string) {
  const folio = await shareFolioStatus(ctx.trx, await creditNui(ctx.trx, id));
  const row = await lockCredit(ctx.trx, id);
  if (row.status !== 'held') return { ...row, owedTo: null };
  const settled =
    folio.status === 'open'
      ? { tx: (await undoUse(ctx, { txId: row.hold_tx, reason: `recarga no confirmada: ${reason}` })).reversal, owedTo: null }
      : await followExit(ctx, row, reason);
  await ctx.audit({
    action: 'release-phone-credit',
    entity: 'phone_credit',
    entityId: id,
    details: { nui: row.nui, amount: row.amount, reason, owedTo: settled.owedTo },
  });
  return { ...(await markReleased(ctx.trx, id, settled.tx, reason)), owedTo: settled.owedTo };
}

/**
 * The held money goes where the rest of the balance went on exit: payouts due or settlements held.
 * The caps it took stay taken: a closed Folio spends nothing more.
 */
async function followExit(ctx: Ctx, row: { id: string; nui: string; eron: string; amount: number }, reason: string) {
  const owing = await lockExitOf(ctx.trx, row.nui);
  if (!owing) throw new Error(`Folio ${row.nui} is closed but no exit holds its balance`);
  const payout = owing.to === 'payout';
  const to = payout ? 'al pago de salida' : 'a la liquidación retenida';
  const tx = await record(ctx.trx, {
    kind: 'phone_credit_released_after_exit',
    eron: owing.row.eron,
    nui: row.nui,
    reference: row.id,
    concept: `Recarga telefónica no confirmada (${reason}), liberada después de la salida: ${to}`,
    createdBy: ctx.actor.sub,
    requestId: ctx.requestId,
    postings: [
      { accountId: await eronAccountId(ctx.trx, row.eron, 'phone_hold'), amount: -row.amount },
      { accountId: await eronAccountId(ctx.trx, owing.row.eron, payout ? 'payouts_due' : 'settlements_held'), amount: row.amount },
    ],
  });
  await oweLateReturn(ctx.trx, owing, row.amount);
  return { tx, owedTo: owing.to };
}

/** Enough for any backlog a crash leaves; the next sweep takes the rest. */
const MAX_PER_SWEEP = 200;

export type SweepOutcome = 'confirmed' | 'released' | 'undecided';
export type SweepResult = Record<SweepOutcome, number>;

/**
 * Settles phone credits left `held` by a request that died between the hold and the provider's
 * answer (FOL-10): the provider is asked what became of our reference; confirmed → charged once to
 * the providers' account, otherwise the reference is voided and the hold goes back to the PPL with
 * its caps. One credit per transaction, claimed with SKIP LOCKED, so instances side by side never
 * settle the same credit twice. A provider that does not answer leaves the credit for the next sweep.
 */
export async function sweepHeldCredits(flow: Flow, s: { telephony: Telephony; holdTimeoutMs: number }): Promise<SweepResult> {
  const result: SweepResult = { confirmed: 0, released: 0, undecided: 0 };
  const seen: string[] = [];
  for (let i = 0; i < MAX_PER_SWEEP; i += 1) {
    const outcome = await flow.step(async (ctx) => {
      const row = await claimStaleCredit(ctx.trx, s.holdTimeoutMs, seen);
      if (!row) return null;
      seen.push(row.id);
      return settleHeld(ctx, flow, s.telephony, row.id);
    });
    if (!outcome) break;
    result[outcome] += 1;
  }
  return result;
}

async function settleHeld(ctx: Ctx, flow: Flow, telephony: Telephony, id: string): Promise<SweepOutcome> {
  const answer = await creditStatus(telephony, id);
  if (!answer.known) return 'undecided';
  if (answer.status === 'confirmed') {
    await confirmCredit(ctx, id, answer.providerTransactionId);
    return 'confirmed';
  }
  // Voided first, so credit the provider might still load never outlives the release.
  await cancel(telephony, id);
  const released = await releaseCredit(ctx, id, 'the provider has no record of it after the request died');
  if (released.owedTo)
    flow.log.info(
      { creditId: id, nui: released.nui, owedTo: released.owedTo },
      'FOL-10 phone credit released after the exit, owed with it',
    );
  return 'released';
}
