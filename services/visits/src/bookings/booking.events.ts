import type { EventHandlers } from '@eron/shared/platform';
import type { VisitsTables } from '../db';
import { restoreVisits, suppressVisits } from './booking.use-cases';

/** Discipline's firm sanctions suppress visit opportunities; lifting restores them (VIS-09). */
export const bookingEvents: EventHandlers<VisitsTables> = {
  'sanction.firm': async (event, ctx) => {
    const dates = await suppressVisits(ctx, event.payload);
    ctx.log.info({ sanctionId: event.payload.sanctionId, suppressed: dates.length }, 'Visits suppressed by sanction');
  },
  'sanction.lifted': async (event, ctx) => restoreVisits(ctx, event.payload),
};
