import { Type } from '@sinclair/typebox';
import { loadConfig } from '@eron/shared/platform';

/** Visits' settings on top of every service's (documented in `.env.example`), checked at boot. */
export const VisitsEnv = Type.Object({
  VISITS_BOOKING_HORIZON_DAYS: Type.Integer({
    default: 60,
    minimum: 1,
    maximum: 366,
    description: 'How many days ahead a visit can be booked (the regime calendar is generated that far)',
  }),
  INTIMATE_OVERDUE_SCAN_MS: Type.Integer({
    default: 3_600_000,
    minimum: 0,
    description: 'How often intimate-visit requests unanswered after 15 business days are flagged (VIS-11; 0 = never)',
  }),
});

export const loadVisitsConfig = (env?: Record<string, unknown>) => loadConfig(VisitsEnv, env);
export type VisitsConfig = ReturnType<typeof loadVisitsConfig>;
