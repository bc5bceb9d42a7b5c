import { Type } from '@sinclair/typebox';
import { loadConfig } from '@eron/shared/platform';

/** Visits' settings on top of every service's (documented in `.env.example`), checked at boot. */
export const VisitsEnv = Type.Object({
  INTIMATE_OVERDUE_SCAN_MS: Type.Integer({
    default: 3_600_000,
    minimum: 0,
    description: 'How often intimate-visit requests unanswered after 15 business days are flagged (VIS-11; 0 = never)',
  }),
});

export const loadVisitsConfig = (env?: Record<string, unknown>) => loadConfig(VisitsEnv, env);
export type VisitsConfig = ReturnType<typeof loadVisitsConfig>;
