import type { EventHandlers } from '@eron/shared/platform';
import type { FolioTables } from '../db';
import { arrive } from '../accounts/transit.use-cases';
import { EventNotApplicable } from './income.rules';
import { moveFolio, settleExit } from './movements.use-cases';

/**
 * ppl.transferred (FOL-13; it also ends the transit, CLS-20) and ppl.exited (FOL-14, FOL-15), applied once by the inbox. An event
 * that cannot apply (no Folio, closed, held elsewhere) is logged and thrown, so the inbox rolls
 * back and the job stays failed for replay — money is never moved or skipped silently.
 */
export const incomeEvents: EventHandlers<FolioTables> = {
  'ppl.transferred': async (event, ctx) => {
    const { nui, transferId, fromEron, toEron } = event.payload;
    try {
      await arrive(ctx, event.payload);
      const total = await moveFolio(ctx, { nui, transferId, fromEron, toEron });
      ctx.log.info({ nui, fromEron, toEron, total }, 'Folio moved to the destination establishment');
    } catch (err) {
      if (err instanceof EventNotApplicable) ctx.log.error({ nui, transferId, reason: err.message }, 'Transfer not applied to the Folio');
      throw err;
    }
  },
  'ppl.exited': async (event, ctx) => {
    const { nui, eron, exitId, reason } = event.payload;
    try {
      const out = await settleExit(ctx, { nui, eron, exitId, reason });
      ctx.log.info({ nui, eron, reason, total: out.total, payout: out.toPerson }, 'Folio settled and closed on exit');
    } catch (err) {
      if (err instanceof EventNotApplicable) ctx.log.error({ nui, exitId, reason: err.message }, 'Exit not applied to the Folio');
      throw err;
    }
  },
};
