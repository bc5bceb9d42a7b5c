import { systemActor, type JobDefinitions, type Runtime } from '@eron/shared/platform';
import type { DisciplineConfig } from '../config';
import type { DisciplineTables } from '../db';
import { boards } from './jetee.repository';
import { flagMissedMonths } from './jetee.use-cases';

/** DIS-20: each establishment whose JETEE held no session in a calendar month is flagged; one instance runs it every 6 hours. */
export const jeteeJobs: JobDefinitions<Runtime<DisciplineTables, DisciplineConfig>> = {
  'flag-jetee-missed-months': {
    every: () => 6 * 3_600_000,
    run: async (rt, _data, log) => {
      let flagged = 0;
      for (const b of await boards(rt.db)) {
        const who = { actor: systemActor('jetee-missed-months'), requestId: `jetee-missed-${b.eron}` };
        flagged += await rt.system(who, (ctx) => flagMissedMonths(ctx, { eron: b.eron, since: b.constituted_at }));
      }
      if (flagged > 0) log.info({ flagged }, 'Months without a JETEE session flagged');
    },
  },
};
