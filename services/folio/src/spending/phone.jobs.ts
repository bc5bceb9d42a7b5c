import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { JobDefinitions } from '@eron/shared/platform';
import { systemFlow, type FolioRuntime } from '../runtime';
import { sweepHeldCredits, type SweepResult } from './phone.use-cases';

/** One sweep of the phone credits a dead request left held (FOL-10), as the system. */
export async function runPhoneSweep(rt: FolioRuntime, log: FastifyBaseLogger): Promise<SweepResult> {
  const flow = systemFlow(rt, 'phone-sweeper', `phone-sweep-${randomUUID()}`, log);
  const r = await sweepHeldCredits(flow, { telephony: rt.config, holdTimeoutMs: rt.config.PHONE_HOLD_TIMEOUT_MS });
  if (r.confirmed + r.released + r.undecided > 0) log.info({ phoneSweep: r }, 'FOL-10 held phone credits swept');
  return r;
}

/** `phone-sweep`: every PHONE_SWEEP_INTERVAL_MS (0 = never), one instance at a time runs each sweep. */
export const phoneJobs: JobDefinitions<FolioRuntime> = {
  'phone-sweep': {
    every: (rt) => rt.config.PHONE_SWEEP_INTERVAL_MS,
    run: async (rt, _data, log) => {
      await runPhoneSweep(rt, log);
    },
  },
};
