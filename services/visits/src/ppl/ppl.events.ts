import type { EventHandlers } from '@eron/shared/platform';
import type { VisitsTables } from '../db';
import { recordAdmission, recordExit, recordPlacement, recordStatus, recordTransfer } from './ppl.use-cases';

/** Classification's events keep the visits side's directory of PPL and units (PLT-07, PLT-08). */
export const pplEvents: EventHandlers<VisitsTables> = {
  'ppl.admitted': async (event, ctx) => recordAdmission(ctx, event.payload, event.occurredAt),
  'ppl.placed': async (event, ctx) => recordPlacement(ctx, event.payload, event.occurredAt),
  'ppl.transferred': async (event, ctx) => recordTransfer(ctx, event.payload, event.occurredAt),
  'ppl.exited': async (event, ctx) => recordExit(ctx, event.payload, event.occurredAt),
  'ppl.status-changed': async (event, ctx) => recordStatus(ctx, event.payload),
};
