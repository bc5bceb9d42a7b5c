import { addDays, isBusinessDay, ruleBroken, type Reconciliation } from '@eron/shared';

/** The longest range one reconciliation covers. */
export const MAX_DAYS = 92;

type Bucket = { count: number; amount: number };
const bucketOf = (row: { count: number; cents: bigint } | undefined): Bucket =>
  row ? { count: row.count, amount: Number(row.cents / 100n) } : { count: 0, amount: 0 };

/** FOL-17: a range runs forward, at most MAX_DAYS days. */
export function assertRange(from: string, to: string): void {
  if (to >= from && addDays(from, MAX_DAYS) >= to) return;
  throw ruleBroken(
    'FOL-17',
    'Art. 40',
    { es: `El rango debe ir de from a to, a lo sumo ${MAX_DAYS} días`, en: `The range must run from ≤ to, at most ${MAX_DAYS} days` },
    { status: 400, errors: [{ field: 'querystring:/to', message: { es: 'Rango inválido', en: 'Invalid range' } }] },
  );
}

/**
 * FOL-17, FOL-06: each calendar day of the range with the files received — a past business day
 * without one is flagged — and the establishment's deposits by status (as the paymaster decided
 * a reviewed one); what was rejected is owed back. Lines of its officers' uploads booked on the
 * national account are shown apart, never in those figures: the national account counts them.
 */
export function reconciliationDays(
  range: { from: string; to: string; today: string },
  files: { day: string; n: number }[],
  deposits: { day: string; status: string; count: number; cents: bigint }[],
  /** Lines of the establishment's uploads booked on the national account: held for it (`national`) or naming no Folio. */
  national: { day: string; national: boolean; count: number; cents: bigint }[] = [],
): Reconciliation['days'] {
  const days: Reconciliation['days'] = [];
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) {
    const received = files.find((f) => f.day === day)?.n ?? 0;
    const of = (status: string): Bucket => bucketOf(deposits.find((d) => d.day === day && d.status === status));
    const rejected = of('rejected');
    const business = isBusinessDay(day);
    days.push({
      date: day,
      businessDay: business,
      filesReceived: received,
      fileMissing: business && received === 0 && day < range.today,
      credited: of('credited'),
      rejected,
      held: of('held'),
      refundsDue: rejected.amount,
      heldForNationalOffice: bucketOf(national.find((d) => d.day === day && d.national)),
      namingNoFolio: bucketOf(national.find((d) => d.day === day && !d.national)),
    });
  }
  return days;
}
