import { conflict, forbidden, notFound, ruleBroken, type ProblemError } from '@eron/shared';

/** What `folio_spend` answers: the outcome and where the PPL stands after it (or before a refusal). */
export interface SpendOutcome {
  outcome: 'ok' | 'no_folio' | 'forbidden' | 'day_cap' | 'month_cap' | 'balance' | 'unknown_product' | 'in_transit';
  ppl_eron: string | null;
  available: number | null;
  day_cap: number | null;
  day_spent: number | null;
  month_cap: number | null;
  month_spent: number | null;
  receipt: number | null;
}

const pesos = (n: number) => `$${n.toLocaleString('es-CO')}`;

/** What remains after a use, for the response. */
export function standing(o: SpendOutcome) {
  const day = { cap: o.day_cap ?? 0, spent: o.day_spent ?? 0 };
  const month = { cap: o.month_cap ?? 0, spent: o.month_spent ?? 0 };
  return {
    available: o.available ?? 0,
    day: { ...day, remaining: Math.max(0, day.cap - day.spent) },
    month: { ...month, remaining: Math.max(0, month.cap - month.spent) },
  };
}

/** A refused use as the problem the caller sees: the rule, the article and what remains (FOL-07, FOL-02). */
export function refusal(o: SpendOutcome, nui: string, amount: number): ProblemError {
  const s = standing(o);
  switch (o.outcome) {
    case 'no_folio':
      return notFound({ es: `No hay Folio para la PPL ${nui}`, en: `No Folio for PPL ${nui}` });
    case 'forbidden':
      return forbidden({ es: 'La PPL pertenece a otro establecimiento', en: 'The PPL belongs to another establishment' });
    case 'in_transit':
      return ruleBroken(
        'CLS-20',
        'Arts. 171, 178',
        {
          es: `La PPL ${nui} está en traslado: ningún establecimiento puede usar su Folio hasta que el destino la reciba`,
          en: `PPL ${nui} is in transit: no establishment may use the Folio until the destination receives them`,
        },
        { status: 409, code: 'in-transit' },
      );
    case 'unknown_product':
      return ruleBroken('FOL-09', 'Art. 127', {
        es: 'Algún producto no está en la lista de precios de este expendio',
        en: 'Some product is not on this shop’s price list',
      });
    case 'day_cap':
      return ruleBroken(
        'FOL-07',
        'Art. 41',
        {
          es: `Supera el tope diario: quedan ${pesos(s.day.remaining)} de ${pesos(s.day.cap)} hoy; se pidieron ${pesos(amount)}`,
          en: `Over the daily cap: ${pesos(s.day.remaining)} of ${pesos(s.day.cap)} remain today; ${pesos(amount)} asked`,
        },
        { code: 'fol-07-daily-cap' },
      );
    case 'month_cap':
      return ruleBroken(
        'FOL-07',
        'Art. 41',
        {
          es: `Supera el tope mensual: quedan ${pesos(s.month.remaining)} de ${pesos(s.month.cap)} este mes; se pidieron ${pesos(amount)}`,
          en: `Over the monthly cap: ${pesos(s.month.remaining)} of ${pesos(s.month.cap)} remain this month; ${pesos(amount)} asked`,
        },
        { code: 'fol-07-monthly-cap' },
      );
    case 'ok':
    case 'balance':
      return ruleBroken(
        'FOL-02',
        'Art. 41',
        {
          es: `Saldo insuficiente: disponible ${pesos(s.available)}; se pidieron ${pesos(amount)}`,
          en: `Insufficient balance: ${pesos(s.available)} available; ${pesos(amount)} asked`,
        },
        { code: 'fol-02-insufficient-balance' },
      );
  }
}

/** FOL-10: phone credit is confirmed or released with the provider, never reversed here. */
export function assertNotPhoneCredit(use: string): void {
  if (use !== 'phone_credit') return;
  throw ruleBroken('FOL-10', 'Art. 41.3', {
    es: 'La recarga telefónica se confirma o libera con el proveedor',
    en: 'Phone credit is confirmed or released with the provider',
  });
}

/** FOL-14: once the exit settled the balance, nothing may land in the Folio again. */
export function assertReversible(folio: { status: string } | undefined): void {
  if (folio?.status === 'open') return;
  throw ruleBroken(
    'FOL-14',
    'Art. 41 §',
    {
      es: 'El Folio está cerrado: su saldo se liquidó a la salida y el uso ya no se puede reversar',
      en: 'The Folio is closed: its balance was settled on exit and the use can no longer be reversed',
    },
    { code: 'folio-closed' },
  );
}

/** FOL-02: a use is reversed at most once. */
export function assertNotReversed(use: { reversed_by: string | null }): void {
  if (!use.reversed_by) return;
  throw conflict('already-reversed', { es: 'Ese uso ya fue reversado', en: 'That use was already reversed' }, 'FOL-02', 'Art. 41');
}

export const noSuchUse = (): ProblemError => notFound({ es: 'No existe ese uso del Folio', en: 'No such use of the Folio' });
