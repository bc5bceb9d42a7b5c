import type { JobDefinitions, Runtime } from '@eron/shared/platform';
import type { DisciplineConfig } from '../config';
import type { DisciplineTables } from '../db';
import { flagOverdueComplaints } from './complaints.use-cases';

/** DIS-19: every 15 minutes one instance flags complaints not sent on in 24 h or not reported in 36 h. */
export const complaintJobs: JobDefinitions<Runtime<DisciplineTables, DisciplineConfig>> = {
  'flag-overdue-complaints': {
    every: () => 15 * 60_000,
    run: async (rt, _data, log) => {
      const flagged = await flagOverdueComplaints(rt.db);
      if (flagged > 0) log.info({ flagged }, 'Overdue complaints flagged');
    },
  },
};
