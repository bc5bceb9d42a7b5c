import { addDays, bogotaToday } from '../calendar';

/** mulberry32: a small seeded generator, so a failing seed can be run again. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The first Saturday at least two days from today in Bogotá: inside every booking window the visits tests set. */
export function nextSaturday(): string {
  let d = addDays(bogotaToday(), 2);
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 6) d = addDays(d, 1);
  return d;
}
