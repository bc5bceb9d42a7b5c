import { addDays, bogotaToday } from '@eron/shared';
import { systemActor, type JobDefinitions, type Runtime } from '@eron/shared/platform';
import type { VisitsConfig } from '../config';
import type { VisitsTables } from '../db';
import { unreportedDays } from './gate.repository';
import { sendIncidentReport } from './gate.use-cases';

/** VIS-20 (Art. 68 §1): after each visit day, its incident report goes to the regional director; one instance runs it hourly. */
export const gateJobs: JobDefinitions<Runtime<VisitsTables, VisitsConfig>> = {
  'send-visit-day-incident-reports': {
    every: () => 3_600_000,
    run: async (rt, _data, log) => {
      const today = bogotaToday();
      const days = await unreportedDays(rt.db, addDays(today, -7), today);
      for (const d of days) {
        const who = { actor: systemActor('visit-day-report'), requestId: `incident-report-${d.eron}-${d.date}` };
        await rt.system(who, (ctx) => sendIncidentReport(ctx, { eron: d.eron, date: d.date }));
      }
      if (days.length > 0) log.info({ reports: days.length }, 'Visit-day incident reports sent to the regional directors');
    },
  },
};
