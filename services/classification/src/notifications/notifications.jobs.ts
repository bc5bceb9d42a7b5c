import type { JobDefinitions, Runtime } from '@eron/shared/platform';
import type { ClassificationConfig } from '../config';
import type { ClassificationTables } from '../db';
import { deliverDue } from './notifications.use-cases';

/** The notifier's sender: a job scheduler, so one instance sends at a time whatever the replicas. */
export const notificationJobs: JobDefinitions<Runtime<ClassificationTables, ClassificationConfig>> = {
  'deliver-notifications': {
    every: (rt) => rt.config.NOTIFY_POLL_MS,
    run: async (rt, _data, log) => {
      const sent = await deliverDue(rt);
      if (sent > 0) log.info({ sent }, 'Notifications delivered');
    },
  },
};
