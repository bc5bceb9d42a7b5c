import {
  assertActorActsFor,
  canActFor,
  type LegalStatus,
  type Transfer,
  type TransferDelayRequest,
  type TransferOrderRequest,
} from '@eron/shared';
import type { Outcome } from '@eron/shared/platform';
import type { Db, Trx } from '../db';
import { lockPpl } from '../ppl/ppl.repository';
import { noPpl } from '../ppl/ppl.rules';
import type { Ctx, Reader } from '../runtime';
import { findEstablishment } from '../structure/structure.repository';
import {
  delaysOf,
  dispatch,
  findTransfer,
  hasOpenTransfer,
  insertDelay,
  insertTransfer,
  lockTransfer,
  receive,
  transferView,
  type TransferRow,
} from './movements.repository';
import {
  assertOrderer,
  assertTransferable,
  assertTransferStep,
  noTransfer,
  type nextTransferStep,
  transferRecipient,
} from './movements.rules';
import { notify } from './notify.use-cases';

const view = async (db: Db | Trx, t: TransferRow): Promise<Transfer> => transferView(t, await delaysOf(db, t.id));

/** Locks the transfer, checks the caller acts for the side that moves and that the step fits. */
async function step(ctx: Ctx, id: string, name: keyof typeof nextTransferStep, side: 'from' | 'to'): Promise<TransferRow> {
  const t = await lockTransfer(ctx.trx, id);
  if (!t) throw noTransfer(id);
  assertActorActsFor(ctx.actor, side === 'from' ? t.from_eron : t.to_eron);
  assertTransferStep(name, t.status);
  return t;
}

/** CLS-20 (Art. 171): the DG (or a delegated regional director) orders a transfer; the judge or authority is notified. */
export async function orderTransfer(ctx: Ctx, b: TransferOrderRequest): Promise<Outcome<Transfer>> {
  const ppl = await lockPpl(ctx.trx, b.nui);
  if (!ppl) throw noPpl(b.nui);
  const as = assertOrderer(ctx.actor, ppl.eron, b.toEron, b.delegation);
  const openTransfer = ppl.status === 'admitted' && (await hasOpenTransfer(ctx.trx, ppl.nui));
  const destinationExists = ppl.eron !== b.toEron && !!(await findEstablishment(ctx.trx, b.toEron));
  assertTransferable({ status: ppl.status, openTransfer, fromEron: ppl.eron, toEron: b.toEron, destinationExists });
  const t = await insertTransfer(ctx.trx, { nui: ppl.nui, fromEron: ppl.eron, as, by: ctx.actor.sub }, b);
  await notify(ctx, [transferRecipient(ppl.legal_status as LegalStatus)], 'transfer-ordered', ppl.eron, ppl.nui);
  await ctx.audit({
    action: 'order-transfer',
    entity: 'transfer',
    entityId: t.id,
    details: { nui: t.nui, from: t.from_eron, to: t.to_eron },
  });
  return { status: 201, body: await view(ctx.trx, t) };
}

/** CLS-20: the origin hands the person over; the placement ends and they are in transit (folio stops spending: `ppl.dispatched`). */
export async function dispatchTransfer(ctx: Ctx, id: string): Promise<Outcome<Transfer>> {
  const t = await step(ctx, id, 'dispatch', 'from');
  await lockPpl(ctx.trx, t.nui);
  const done = await dispatch(ctx.trx, t, ctx.actor.sub);
  await ctx.publish('ppl.dispatched', { nui: t.nui, transferId: t.id, fromEron: t.from_eron, toEron: t.to_eron });
  await ctx.audit({ action: 'dispatch-transfer', entity: 'transfer', entityId: t.id, details: { nui: t.nui } });
  return { status: 200, body: await view(ctx.trx, done) };
}

/** CLS-20 (Art. 178 §1): a force-majeure delay, reported to the DG. */
export async function delayTransfer(ctx: Ctx, i: { id: string; delay: TransferDelayRequest }): Promise<Transfer> {
  const t = await step(ctx, i.id, 'delay', 'from');
  await insertDelay(ctx.trx, t.id, i.delay, ctx.actor.sub);
  await notify(ctx, ['dg'], 'transfer-delayed', t.from_eron, t.nui);
  await ctx.audit({ action: 'delay-transfer', entity: 'transfer', entityId: t.id, details: { cause: i.delay.cause } });
  return view(ctx.trx, t);
}

/** CLS-20: the destination receives the person, who now belongs to it; `ppl.transferred`. */
export async function receiveTransfer(ctx: Ctx, id: string): Promise<Outcome<Transfer>> {
  const t = await step(ctx, id, 'reception', 'to');
  await lockPpl(ctx.trx, t.nui);
  const done = await receive(ctx.trx, t, ctx.actor.sub);
  await ctx.publish('ppl.transferred', { nui: t.nui, transferId: t.id, fromEron: t.from_eron, toEron: t.to_eron });
  await ctx.audit({ action: 'receive-transfer', entity: 'transfer', entityId: t.id, details: { nui: t.nui } });
  return { status: 200, body: await view(ctx.trx, done) };
}

/** A transfer with its delays, to whoever acts for either end (CLS-20). */
export async function getTransfer(r: Reader, id: string): Promise<Transfer> {
  const t = await findTransfer(r.db, id);
  if (!t) throw noTransfer(id);
  if (!canActFor(r.actor, t.from_eron)) assertActorActsFor(r.actor, t.to_eron);
  return view(r.db, t);
}
