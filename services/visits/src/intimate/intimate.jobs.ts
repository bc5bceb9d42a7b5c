import type { JobDefinitions, Runtime } from '@eron/shared/platform';
import type { VisitsConfig } from '../config';
import type { VisitsTables } from '../db';
import { flagOverdueRequests } from './intimate.use-cases';

/** VIS-11: a job scheduler flags requests the Director has not answered within 15 business days; one instance runs it. */
export const intimateJobs: JobDefinitions<Runtime<VisitsTables, VisitsConfig>> = {
  'flag-overdue-intimate-requests': {
    every: (rt) => rt.config.INTIMATE_OVERDUE_SCAN_MS,
    run: async (rt, _data, log) => {
      const flagged = await flagOverdueRequests(rt.db);
      if (flagged > 0) log.info({ flagged }, 'Overdue intimate-visit requests flagged');
    },
  },
};
