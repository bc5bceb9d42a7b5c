import type { EventHandlers } from '@eron/shared/platform';
import type { DisciplineTables } from '../db';
import { recordAdmission, recordEstablishment, recordExit, recordStatus, recordTransfer } from './ppl.use-cases';

/** Classification's events keep discipline's directory of PPL and establishments (PLT-07, PLT-08). */
export const pplEvents: EventHandlers<DisciplineTables> = {
  'ppl.admitted': async (event, ctx) => recordAdmission(ctx, event.payload, event.occurredAt),
  'ppl.transferred': async (event, ctx) => recordTransfer(ctx, event.payload, event.occurredAt),
  'ppl.exited': async (event, ctx) => recordExit(ctx, event.payload, event.occurredAt),
  'establishment.registered': async (event, ctx) => recordEstablishment(ctx, event.payload),
  // A conviction is firm from the date the court's decision says (DIS-24), else from when it was recorded.
  'ppl.status-changed': async (event, ctx) =>
    recordStatus(
      ctx,
      event.payload,
      new Date(event.payload.conviction?.firmOn ? `${event.payload.conviction.firmOn}T00:00:00-05:00` : event.occurredAt),
    ),
};
