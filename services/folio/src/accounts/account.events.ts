import type { EventHandlers } from '@eron/shared/platform';
import type { FolioTables } from '../db';
import { openOnAdmission } from './account.use-cases';

/** ppl.admitted opens the Folio and credits the cash carried at intake (FOL-01, CLS-10), once: the inbox applies it once. */
export const accountEvents: EventHandlers<FolioTables> = {
  'ppl.admitted': async (event, ctx) => {
    const credited = await openOnAdmission(ctx, { eventId: event.id, ...event.payload });
    if (credited !== null) ctx.log.info({ nui: event.payload.nui, amount: credited }, 'Intake cash credited');
  },
};
