/**
 * How every benchmark measures (issue 12, benchmark method): contenders alternate over rounds,
 * figures are medians with their min–max, ratios are taken round by round, and the figures go to
 * bench/RESULTS.md as one markdown table. Pure; bench/support.ts re-exports it.
 */

/** A figure over rounds: the median and the spread. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  values: number[];
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export const spread = (xs: readonly number[]): Spread => ({
  median: median(xs),
  min: xs.length ? Math.min(...xs) : NaN,
  max: xs.length ? Math.max(...xs) : NaN,
  values: [...xs],
});

/** "median (min–max)" with the given decimals and unit, e.g. `812 (790–840) req/s`. */
export function fmt(s: Spread, digits = 0, unit = ''): string {
  const n = (x: number) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
  const u = unit ? ` ${unit}` : '';
  return s.values.length > 1 ? `${n(s.median)} (${n(s.min)}–${n(s.max)})${u}` : `${n(s.median)}${u}`;
}

/** The order of the contenders in a round: rotated one place each round (two contenders: B C, C B, B C …). */
export function orderOf<K>(names: readonly K[], round: number): K[] {
  const k = round % Math.max(1, names.length);
  return [...names.slice(k), ...names.slice(0, k)];
}

/**
 * Runs every contender once per round, `rounds` times, in an order that rotates each round, so
 * that no contender always runs first (or after the same neighbour) on a shared machine; returns
 * each contender's results in round order. `log` gets one line per run.
 */
export async function alternate<K extends string, T>(
  rounds: number,
  contenders: Record<K, (round: number) => Promise<T> | T>,
  log: (line: string) => void = (l) => console.log(l),
  show: (r: T) => string = (r) => String(r),
): Promise<Record<K, T[]>> {
  const names = Object.keys(contenders) as K[];
  const out = Object.fromEntries(names.map((n) => [n, [] as T[]])) as Record<K, T[]>;
  for (let round = 0; round < rounds; round += 1) {
    for (const name of orderOf(names, round)) {
      const r = await contenders[name](round);
      out[name].push(r);
      log(`round ${round + 1}/${rounds} ${name}: ${show(r)}`);
    }
  }
  return out;
}

/** Candidate / baseline round by round (the pair ran in the same round), as a spread. */
export const ratios = (candidate: readonly number[], baseline: readonly number[]): Spread =>
  spread(candidate.map((c, i) => c / baseline[i]!));

/** One line of bench/RESULTS.md: a PLT figure, its baseline from the same run, the target and the verdict. */
export interface Figure {
  /** The rule the figure answers, e.g. `PLT-13`. */
  rule: string;
  /** What was measured, in plain words. */
  what: string;
  candidate: string;
  baseline: string;
  /** The figure compared with the target (a ratio, a difference, a time). */
  value: string;
  target: string;
  /** null: reported, no target to meet. */
  met: boolean | null;
  /** Why a target is missed (or what to know about the figure). */
  why?: string;
}

export interface BenchReport {
  bench: string;
  command: string;
  figures: Figure[];
  notes: string[];
}

export const verdict = (met: boolean | null): string => (met === null ? 'reported' : met ? 'met' : 'NOT met');

/** A markdown table; pipes in cells are escaped. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    `| ${headers.map(cell).join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}
