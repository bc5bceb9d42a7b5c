import { systemActor, type JobDefinitions } from '@eron/shared/platform';
import type { DisciplineRuntime } from '../runtime';
import { runFirmness } from './sanction.use-cases';

/** DIS-08: every hour one instance makes firm the sanctions whose appeal term ended with no appeal. */
export const sanctionJobs: JobDefinitions<DisciplineRuntime> = {
  'firm-sanctions': {
    every: () => 3_600_000,
    run: async (rt, _data, log) => {
      const who = { actor: systemActor('firm-sanctions'), requestId: `firm-sanctions-${Date.now()}` };
      const firm = await rt.system(who, (ctx) => runFirmness(ctx));
      if (firm.length > 0) log.info({ firm: firm.length }, 'Sanctions made firm');
    },
  },
};
