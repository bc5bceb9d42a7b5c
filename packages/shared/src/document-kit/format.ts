/** How amounts and dates read on a document a Colombian officer signs. */

const PESOS = new Intl.NumberFormat('es-CO', { maximumFractionDigits: 0, useGrouping: 'always' });

/** Whole pesos as printed: `$185.000`, and a debit `-$6.600`. */
export const formatPesos = (n: number): string => `${n < 0 ? '-' : ''}$${PESOS.format(Math.abs(n))}`;

/** A calendar date `YYYY-MM-DD` as `24/11/2026`. */
export const formatDateEs = (date: string): string => {
  const [y, m, d] = date.split('-');
  return y && m && d ? `${d}/${m}/${y}` : date;
};

const BOGOTA = new Intl.DateTimeFormat('es-CO', {
  timeZone: 'America/Bogota',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant in Bogotá: `30/11/2026 10:46 (hora de Bogotá)`. */
export const formatDateTimeEs = (at: Date): string => {
  const p = Object.fromEntries(BOGOTA.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute} (hora de Bogotá)`;
};
