import type { EventHandlers } from '@eron/shared/platform';
import type { FolioTables } from '../db';
import { saveEstablishment } from './account.repository';
import { openOnAdmission, receiveIntakeCash } from './account.use-cases';
import { dispatch } from './transit.use-cases';

/**
 * ppl.admitted opens the Folio and records the cash carried at intake as pending; its receipt by
 * the paymaster makes it available (FOL-01, CLS-10). ppl.dispatched and ppl.transferred (with income's
 * ppl.transferred) bound the transit in which the Folio cannot be spent (CLS-20). The inbox applies each event once.
 */
export const accountEvents: EventHandlers<FolioTables> = {
  'ppl.admitted': async (event, ctx) => {
    const credited = await openOnAdmission(ctx, { eventId: event.id, ...event.payload });
    if (credited !== null) ctx.log.info({ nui: event.payload.nui, amount: credited }, 'Intake cash made available');
  },
  'intake-cash.received': async (event, ctx) => {
    const credited = await receiveIntakeCash(ctx, { eventId: event.id, ...event.payload });
    if (credited !== null) ctx.log.info({ nui: event.payload.nui, amount: credited }, 'Intake cash made available');
  },
  'establishment.registered': async (event, ctx) => {
    await saveEstablishment(ctx.trx, { ...event.payload, eventId: event.id });
  },
  'ppl.dispatched': async (event, ctx) => {
    await dispatch(ctx, event.payload);
    ctx.log.info({ nui: event.payload.nui, transferId: event.payload.transferId }, 'Folio frozen in transit');
  },
};
