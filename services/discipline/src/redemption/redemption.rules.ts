import type { ProgrammeKind, Rating } from '@eron/shared';

export interface Rate {
  effective_from: string;
  days_earned: number;
  per_days: number;
  hours_per_day: number;
  source: string;
}

export interface Computed {
  rate: string;
  effectiveFrom: string;
  days: number;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Days of sentence a number of counted hours redeem under a rate: hours → days of activity → days redeemed. */
export const daysUnder = (rate: Rate, hours: number): number => (hours / rate.hours_per_day) * (rate.days_earned / rate.per_days);

const inForceOn = (rates: Rate[], date: string): Rate | undefined => rates.filter((r) => r.effective_from <= date).at(-1);

/**
 * DIS-24: a month's computation under the rate in force on each day (a month crossing a change,
 * as June 2025 for work, is split), and — favorabilidad — under the latest rate when it gives more;
 * the judge decides which applies. A deficiente month, or one not computable yet, earns nothing.
 */
export function computeMonth(o: {
  kind: ProgrammeKind;
  hours: { date: string; counted: number }[];
  rates: Rate[];
  rating: Rating;
  computable: boolean;
}): {
  inForce: Computed[];
  favourable: Computed | null;
  days: number;
} {
  const byRate = new Map<Rate, number>();
  for (const h of o.hours) {
    const rate = inForceOn(o.rates, h.date);
    if (rate) byRate.set(rate, (byRate.get(rate) ?? 0) + h.counted);
  }
  const inForce = [...byRate].map(([r, hours]) => ({ rate: r.source, effectiveFrom: r.effective_from, days: round2(daysUnder(r, hours)) }));
  const total = round2([...byRate].reduce((s, [r, hours]) => s + daysUnder(r, hours), 0));
  const latest = o.rates.at(-1);
  const allHours = o.hours.reduce((s, h) => s + h.counted, 0);
  const better = latest ? round2(daysUnder(latest, allHours)) : 0;
  const favourable = latest && better > total ? { rate: latest.source, effectiveFrom: latest.effective_from, days: better } : null;
  const earns = o.computable && o.rating !== 'deficiente';
  return { inForce, favourable, days: earns ? total : 0 };
}

export function noteOf(o: { rating: Rating; computable: boolean }): string | null {
  if (o.rating === 'deficiente') return 'Mes calificado deficiente: no redime (DIS-23)';
  if (!o.computable) return 'Horas de sindicado: se computan cuando la condena quede en firme o el juez lo solicite (Art. 112)';
  return null;
}
