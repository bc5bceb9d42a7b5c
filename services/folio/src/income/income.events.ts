import type { EventHandlers } from '@eron/shared/platform';
import type { FolioTables } from '../db';

/** ppl.transferred (FOL-13) and ppl.exited (FOL-14, FOL-15). */
export const incomeEvents: EventHandlers<FolioTables> = {};
