import { systemActor, type JobDefinitions, type TraceContext } from '@eron/shared/platform';
import type { DisciplineRuntime } from '../runtime';
import { claimRun, finishRun, ratedBatch } from './conduct.repository';
import { proposeBatch } from './conduct.use-cases';

/** PPL per transaction: progress moves by this much, and a failure repeats at most one batch. */
export const BATCH = 1_000;
/** How often a run whose wake-up was lost (Redis down at the request) is found anyway. */
const SWEEP_MS = 60_000;

/**
 * DIS-13's proposal job: takes a queued run (the one woken, else the oldest), proposes the rating
 * of each PPL the establishment rates batch by batch in NUI order, each batch and its progress in
 * one transaction. Another worker skips a run already claimed.
 */
export async function runProposals(rt: DisciplineRuntime, runId?: string, trace?: TraceContext): Promise<void> {
  for (;;) {
    const run = await claimRun(rt.db, runId);
    if (!run) return;
    // With tracing on, each batch is a span of the job's trace, which continues the request's.
    const who = { actor: systemActor('conduct-proposals'), requestId: `conduct-run-${run.id}`, trace };
    try {
      let after = '';
      let rated = 0;
      for (;;) {
        const nuis = await ratedBatch(rt.db, run.eron, after, BATCH);
        if (nuis.length === 0) break;
        await rt.system(who, (ctx) => proposeBatch(ctx, { runId: run.id, eron: run.eron, quarter: run.quarter, nuis }));
        rated += nuis.length;
        after = nuis[nuis.length - 1]!;
      }
      // The count at the request may differ from who was rated (an admission meanwhile): the total says who was.
      await finishRun(rt.db, run.id, 'done', rated);
    } catch (err) {
      await finishRun(rt.db, run.id, 'failed');
      throw err;
    }
    if (runId) return;
  }
}

export const conductJobs: JobDefinitions<DisciplineRuntime> = {
  'conduct-proposals': {
    every: () => SWEEP_MS,
    run: (rt, data, _log, trace) => runProposals(rt, typeof data.runId === 'string' ? data.runId : undefined, trace),
  },
};
