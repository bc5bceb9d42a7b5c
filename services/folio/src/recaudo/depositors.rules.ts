/** FOL-05 (Art. 40 §2): who may deposit for a PPL, and how often the list may change. */
export const MAX_DEPOSITORS_PER_PPL = 5;
export const MAX_PPL_PER_DEPOSITOR = 5;
const CHANGE_INTERVAL_MONTHS = 12;

export interface ListChange {
  first: boolean;
  changedAt: Date;
}

export function addMonths(at: Date, months: number): Date {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/**
 * When the list may next change. The first registration is free; after it, one change per 12
 * months: a change is allowed when no change other than the first registration happened in the
 * 12 months before it. So a PPL may register, correct the list once, then wait 12 months.
 */
export function nextChangeFrom(changes: ListChange[]): Date | null {
  const later = changes.filter((c) => !c.first).sort((a, b) => b.changedAt.getTime() - a.changedAt.getTime());
  return later[0] ? addMonths(later[0].changedAt, CHANGE_INTERVAL_MONTHS) : null;
}

export const mayChange = (changes: ListChange[], now: Date): boolean => {
  const next = nextChangeFrom(changes);
  return next === null || now >= next;
};

export const documentKey = (d: { type: string; number: string }): string => `${d.type}:${d.number.replace(/\./g, '').toUpperCase()}`;
