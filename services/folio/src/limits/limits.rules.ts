import { conflict, ruleBroken, smmlvInForce, type ProblemError } from '@eron/shared';

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

const pesos = (n: number) => `$${n.toLocaleString('es-CO')}`;

/**
 * FOL-08 (7), Art. 41.7: an appliance fee is the DG's tariff in force that day times the months paid;
 * no tariff, or another amount, is refused naming the rule and the tariff. Null when it matches.
 */
export function applianceFeeProblem(
  tariff: { name: string; monthly_fee: number; resolution: string; effective_from: string } | undefined,
  r: { appliance: string; months: number; amount: number; date: string },
): ProblemError | null {
  if (!tariff)
    return ruleBroken(
      'FOL-08',
      'Art. 41',
      {
        es: `El DG no ha fijado tarifa vigente el ${r.date} para el electrodoméstico «${r.appliance}»`,
        en: `The DG set no tariff in force on ${r.date} for the appliance “${r.appliance}”`,
      },
      {
        code: 'fol-08-no-appliance-tariff',
        errors: [{ field: '/appliance/code', message: { es: 'sin tarifa del DG', en: 'no DG tariff' } }],
      },
    );
  const due = tariff.monthly_fee * r.months;
  if (r.amount === due) return null;
  return ruleBroken(
    'FOL-08',
    'Art. 41',
    {
      es: `La tarifa del DG para ${tariff.name} es ${pesos(tariff.monthly_fee)} al mes (${tariff.resolution}, desde ${tariff.effective_from}): por ${r.months} mes(es) son ${pesos(due)}, no ${pesos(r.amount)}`,
      en: `The DG tariff for ${tariff.name} is ${pesos(tariff.monthly_fee)} a month (${tariff.resolution}, from ${tariff.effective_from}): ${r.months} month(s) are ${pesos(due)}, not ${pesos(r.amount)}`,
    },
    {
      code: 'fol-08-appliance-tariff',
      errors: [{ field: '/amount', message: { es: `debe ser ${pesos(due)}`, en: `must be ${pesos(due)}` } }],
    },
  );
}

export const tariffExists = (appliance: string, from: string): ProblemError =>
  conflict(
    'appliance-tariff-exists',
    {
      es: `Ya hay una tarifa de «${appliance}» desde ${from}: fije la nueva desde otra fecha`,
      en: `There is already a tariff for “${appliance}” from ${from}: set the new one from another date`,
    },
    'FOL-08',
    'Art. 41',
  );
