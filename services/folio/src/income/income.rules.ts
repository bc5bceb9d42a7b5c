import type { ExitReason } from '@eron/shared';

/** Art. 43 / 120: 10 % of the monthly bonificación to the establishment's Caja Especial. */
export const CAJA_ESPECIAL_PERCENT = 10;
/** Art. 43: another 10 % to savings, only where the PPL authorised it. */
export const SAVINGS_PERCENT = 10;
/** Art. 41 §: a remainder under a thousand pesos is handed over in cash or to another PPL's Folio. */
export const SMALL_REMAINDER = 1_000;

export interface WorkPaySplit {
  cajaEspecial: number;
  savings: number;
  available: number;
}

/**
 * Splits a bonificación in whole pesos (FOL-11). Each deduction is rounded half-up on its own and
 * the free part takes what is left, so the three parts always add exactly to the amount.
 */
export function splitWorkPay(amount: number, savingsAuthorised: boolean): WorkPaySplit {
  // Integer arithmetic: no floating-point cents can creep into whole pesos.
  const share = (percent: number) => Math.floor((amount * percent + 50) / 100);
  const cajaEspecial = share(CAJA_ESPECIAL_PERCENT);
  const savings = savingsAuthorised ? share(SAVINGS_PERCENT) : 0;
  return { cajaEspecial, savings, available: amount - cajaEspecial - savings };
}

/** Release and house arrest pay the balance to the person (FOL-14); the rest hold it for those they authorised (FOL-15). */
export const paysOutToPerson = (reason: ExitReason): boolean => reason === 'release' || reason === 'house_arrest';

export const isSmallRemainder = (amount: number): boolean => amount > 0 && amount < SMALL_REMAINDER;

/** A bonificación is paid for work already done: never for a month that has not begun. */
export const isFutureMonth = (month: string, currentMonth: string): boolean => month > currentMonth;
