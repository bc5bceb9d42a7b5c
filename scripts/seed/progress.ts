import { performance } from 'node:perf_hooks';

/**
 * Runs `work` over `items` with at most `concurrency` in flight, and prints the phase's progress
 * on stderr (a line every two seconds and one at the end: done/total, rate, elapsed). Plain lines
 * rather than a redrawn bar, so a CI log or a piped run reads the same.
 */
export async function each<T>(
  phase: string,
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
  quiet = false,
): Promise<void> {
  const started = performance.now();
  let next = 0;
  let done = 0;
  const line = (): void => {
    if (quiet) return;
    const s = (performance.now() - started) / 1000;
    const pct = items.length ? Math.floor((100 * done) / items.length) : 100;
    const bar = '#'.repeat(Math.floor(pct / 5)).padEnd(20, '.');
    process.stderr.write(
      `  ${phase.padEnd(26)} [${bar}] ${done}/${items.length} ${(done / Math.max(s, 0.001)).toFixed(0)}/s ${s.toFixed(1)} s\n`,
    );
  };
  const timer = setInterval(line, 2000);
  try {
    const lane = async (): Promise<void> => {
      while (next < items.length) {
        const item = items[next++]!;
        await work(item);
        done += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  } finally {
    clearInterval(timer);
  }
  line();
}

/**
 * Polls every `pollMs` until `check` is true (events reaching another service), printing what it
 * waits for.
 */
export async function until(
  what: string,
  check: () => Promise<boolean>,
  { timeoutMs = 15 * 60_000, pollMs = 100, quiet = false } = {},
): Promise<void> {
  const started = Date.now();
  let said = 0;
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    if (!quiet && Date.now() - said > 2000) {
      process.stderr.write(`  waiting: ${what}\n`);
      said = Date.now();
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/**
 * `until`, silent when the seed is (a test). A large country's consumers may lag its requests by
 * many minutes on a busy machine, and its checks count large tables: the time allowed grows with
 * the country (30 ms a person, at least 15 minutes) and the checks are spaced out (up to 1 s).
 */
export const quietUntil = (
  seed: { quiet: boolean; persons: readonly unknown[] },
  what: string,
  check: () => Promise<boolean>,
): Promise<void> =>
  until(what, check, {
    timeoutMs: Math.max(15 * 60_000, seed.persons.length * 30),
    pollMs: Math.min(1000, 100 + Math.floor(seed.persons.length / 100)),
    quiet: seed.quiet,
  });
