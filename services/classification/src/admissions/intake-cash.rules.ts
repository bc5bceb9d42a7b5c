import { addDays, conflict, ruleBroken } from '@eron/shared';

/** The longest period of searches the establishment's intake-cash list covers at once: a month. */
export const INTAKE_CASH_DAYS = 31;

/** CLS-10: the cash reaches the paymaster no later than the day after the intake search. */
export const intakeCashDue = (searchDate: string): string => addDays(searchDate, 1);

/** CLS-10: received after the day following the search, or still not received by then. */
export const isOverdue = (dueBy: string, receivedOn: string | null, today: string): boolean =>
  receivedOn ? receivedOn > dueBy : today > dueBy;

/** CLS-10 (Art. 28): there is cash to receive — the admission recorded it with its acta and search date. */
export function assertCashCarried<A extends { cash_amount: number | null; cash_search_date: string | null; cash_acta: string | null }>(
  a: A,
): asserts a is A & { cash_amount: number; cash_search_date: string; cash_acta: string } {
  if (a.cash_amount && a.cash_search_date && a.cash_acta) return;
  throw ruleBroken('CLS-10', 'Art. 28', { es: 'La persona no ingresó con dinero', en: 'The person carried no cash at intake' });
}

/** CLS-10 (Art. 28): the cash cannot reach the paymaster before the search found it. */
export function assertReceivedAfterSearch(receivedOn: string, searchDate: string): void {
  if (receivedOn >= searchDate) return;
  throw ruleBroken(
    'CLS-10',
    'Art. 28',
    { es: 'El dinero no pudo recibirse antes de la requisa', en: 'The cash cannot be received before the search' },
    { errors: [{ field: '/receivedOn', message: { es: 'antes de la requisa', en: 'before the search' } }] },
  );
}

export const cashAlreadyReceived = () =>
  conflict('intake-cash-received', { es: 'Ese dinero ya se recibió', en: 'That cash was already received' }, 'CLS-10', 'Art. 28');

/** CLS-20: in transit the person belongs to neither establishment, so neither paymaster receives their cash until arrival. */
export function assertNotInTransit(pplStatus: string): void {
  if (pplStatus !== 'in_transit') return;
  throw ruleBroken(
    'CLS-20',
    'Arts. 171, 178',
    {
      es: 'La persona está en traslado: el pagador del establecimiento de destino recibe el dinero a su llegada',
      en: 'The person is in transit: the destination’s paymaster receives the cash on arrival',
    },
    { status: 409, code: 'in-transit' },
  );
}
