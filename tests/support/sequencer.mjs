import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative } from 'node:path';

// jest's own sequencer, reached through jest (pnpm does not hoist it to the root).
const here = createRequire(import.meta.url);
const fromJestCore = createRequire(createRequire(here.resolve('jest')).resolve('@jest/core'));
const Sequencer = fromJestCore('@jest/test-sequencer').default;

/**
 * The order jest starts test files in: longest first, so that neither of CI's two workers is left
 * with a long file at the end while the other idles (the fresh-clone run's log ends with the
 * 101 s walk-through and the 96 s money property test).
 *
 * Jest sorts by each file's last duration, which it keeps in its cache — but a fresh clone (CI)
 * has none, and jest then sorts by file size, which puts the slowest files (the fuzz runs, the
 * walk-through, the image and Swagger UI tests: small files that start much) last. So: jest's own
 * last duration when it has one; else the duration below, measured on the CI run on record (2 cores,
 * fresh clone); else an estimate from the file's size. Files that failed last time still go first.
 */
const MEASURED_S = {
  'tests/faults/drills.test.ts': 128,
  'tests/e2e/readme-walkthroughs.test.ts': 101,
  'services/folio/test/money-invariants.test.ts': 96,
  'tests/build/image.test.ts': 61,
  'tests/e2e/swagger-ui.test.ts': 29,
  'tests/e2e/seed.test.ts': 24,
  'tests/fuzz/discipline.fuzz.test.ts': 24,
  'tests/fuzz/classification.fuzz.test.ts': 22,
  'tests/fuzz/visits.fuzz.test.ts': 21,
  'tests/fuzz/folio.fuzz.test.ts': 19,
  'tests/e2e/tokens.test.ts': 19,
  'services/visits/test/bookings-load.test.ts': 16,
};

/** A file of no known duration: a few seconds to start its world, then about a second per 4 KB of tests. */
const estimateMs = (bytes) => 2_000 + bytes / 4;

class LongestFirst extends Sequencer {
  sort(tests) {
    const duration = (test) => {
      const cached = this.time(test);
      if (cached !== undefined) return cached;
      const measured = MEASURED_S[relative(test.context.config.rootDir, test.path).split('\\').join('/')];
      if (measured !== undefined) return measured * 1_000;
      return estimateMs(statSync(test.path, { throwIfNoEntry: false })?.size ?? 0);
    };
    // test.duration stays jest's own figure (or none): jest reads it to decide whether to run in band.
    for (const test of tests) test.duration = this.time(test);
    const keyed = tests.map((test) => ({ test, failed: this.hasFailed(test), ms: duration(test) }));
    keyed.sort((a, b) => (a.failed !== b.failed ? (a.failed ? -1 : 1) : b.ms - a.ms));
    return keyed.map(({ test }) => test);
  }
}

export default LongestFirst;
