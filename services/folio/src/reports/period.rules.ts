import { addDays, ProblemError, ruleBroken } from '@eron/shared';

/** Bogotá is UTC−5 all year: a local date starts at 05:00 UTC. */
export const bogotaStart = (date: string): Date => new Date(`${date}T00:00:00-05:00`);

export const monthBounds = (month: string): { from: string; to: string } => {
  const from = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
};

/** Art. 128: the shop's accounts of a month are due within the first five calendar days of the next. */
export const shopAccountsDue = (month: string): string => addDays(monthBounds(month).to, 5);

export const monthsOfYear = (year: number): string[] => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

/** Shop sales reach the shop account under these ledger kinds (the spending capability's purchases). */
export const SALE_KINDS = ['purchase', 'shop_sale', 'shop_purchase'] as const;
export const SHOP_CAJA_SHARE_KIND = 'shop_caja_share';
/** Deposits reach a PPL (received) or are owed back (rejected) under these kinds: on arrival, or when a held one is decided (FOL-06). */
export const RECEIVED_KINDS = ['deposit', 'deposit_review_credit'] as const;
export const REJECTED_KINDS = ['deposit_rejected', 'deposit_review_refund'] as const;

/** Issue 8: a statement covers at most a year and a day (bounded reads, PLT). */
export const STATEMENT_DAYS = 366;

/** FOL-16: a period runs from `from` to `to`, with from ≤ to. */
export function assertPeriod(from: string, to: string): void {
  if (from <= to) return;
  throw new ProblemError({
    status: 400,
    code: 'bad-period',
    title: 'Bad request',
    detail: { es: 'El período va de from a to, con from ≤ to', en: 'The period runs from `from` to `to`, with from ≤ to' },
    errors: [{ field: 'querystring:/from', message: { es: 'posterior a to', en: 'after to' } }],
  });
}

/** FOL-17, Art. 128: only a month that has ended has its shop accounts sent. */
export function assertMonthEnded(month: string, currentMonth: string): void {
  if (month < currentMonth) return;
  throw ruleBroken('FOL-17', 'Art. 128', {
    es: 'Solo se rinden cuentas de meses cerrados',
    en: 'Only a month that has ended can be submitted',
  });
}

/**
 * FOL-17, Art. 128: a month with shop sales is due by the 5th calendar day of the next; unsent by
 * then, or sent later, it is overdue.
 */
export function shopAccountsMonth(m: { month: string; sales: number; submittedOn: string | null; today: string }): {
  due: boolean;
  dueDate: string;
  overdue: boolean;
} {
  const dueDate = shopAccountsDue(m.month);
  const due = m.sales > 0;
  const overdue = due && (m.submittedOn ? m.submittedOn > dueDate : m.today > dueDate);
  return { due, dueDate, overdue };
}
