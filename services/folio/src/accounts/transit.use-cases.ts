import type { EventPayload } from '@eron/shared';
import { lockFolio } from './account.repository';
import type { Ctx } from '../runtime';
import { markArrived, markDispatched } from './transit.repository';

/**
 * CLS-20: once the origin dispatched the person, they belong to neither establishment until the
 * destination receives them, so no use of the Folio (shop, withdrawal, phone) is allowed: the
 * database refuses any while the transit is open. Taken under the Folio's lock, like transfers.
 */
export async function dispatch(ctx: Ctx, t: EventPayload<'ppl.dispatched'>): Promise<void> {
  await lockFolio(ctx.trx, t.nui);
  await markDispatched(ctx.trx, t);
}

/** CLS-20: reception ends the transit (`ppl.transferred`, whichever of the two events came first). */
export async function arrive(ctx: Ctx, t: EventPayload<'ppl.transferred'>): Promise<void> {
  await markArrived(ctx.trx, t);
}
