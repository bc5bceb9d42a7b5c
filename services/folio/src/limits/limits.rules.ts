import { smmlvInForce } from '@eron/shared';

/** The three capped figures (FOL-03): deposits a month, spending a day and a month. */
export type CapKind = 'deposit_month' | 'spend_day' | 'spend_month';
export type Caps = Record<CapKind, number>;

/**
 * The caps by law on a Bogotá date (FOL-03, Arts. 40 §1, 41): deposits 2 SMMLV a month, spending
 * 2 SMLDV a day and 2 SMMLV a month — unless the DG set another figure effective by then.
 */
export function legalCaps(date: string): Caps {
  const monthly = smmlvInForce(Number(date.slice(0, 4)));
  const daily = Math.floor(monthly / 30);
  return { deposit_month: 2 * monthly, spend_day: 2 * daily, spend_month: 2 * monthly };
}

export function capsOn(date: string, overrides: { kind: CapKind; amount: number; effective_from: string }[]): Caps {
  const caps = legalCaps(date);
  for (const kind of Object.keys(caps) as CapKind[]) {
    const latest = overrides
      .filter((o) => o.kind === kind && o.effective_from <= date)
      .sort((a, b) => b.effective_from.localeCompare(a.effective_from))[0];
    if (latest) caps[kind] = latest.amount;
  }
  return caps;
}
