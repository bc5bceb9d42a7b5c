import { conflict, ruleBroken, type ProblemError } from '@eron/shared';

/** A sale price never more than 10 % over the acquisition cost (Art. 125); whole pesos, so compare ×10. */
export function priceProblem(p: { unitCost: number; price: number }): ProblemError | null {
  if (p.price * 10 <= p.unitCost * 11) return null;
  const max = Math.floor((p.unitCost * 11) / 10);
  return ruleBroken(
    'FOL-09',
    'Art. 125',
    {
      es: `El precio de venta no puede superar en más del 10 % el costo de adquisición: máximo $${max}`,
      en: `The sale price cannot exceed the acquisition cost by more than 10 %: at most $${max}`,
    },
    { errors: [{ field: '/price', message: { es: `máximo $${max}`, en: `at most $${max}` } }] },
  );
}

/** The Caja Especial's share: 30 % of a month's profit where the establishment runs the shop (Art. 128). */
export const cajaShare = (runBy: string, profit: number): number =>
  runBy === 'establishment' && profit > 0 ? Math.floor((profit * 30) / 100) : 0;

/** A month can be closed once it is over in Bogotá (Art. 128: accounts in the first days of the next). */
export function monthOpenProblem(month: string, currentMonth: string): ProblemError | null {
  if (month < currentMonth) return null;
  return ruleBroken('FOL-09', 'Art. 128', {
    es: `El mes ${month} no ha terminado; se cierra desde el primer día del mes siguiente`,
    en: `Month ${month} is not over; it can be closed from the first day of the next month`,
  });
}

export const monthClosed = (month: string): ProblemError =>
  conflict('shop-month-closed', { es: `El mes ${month} ya está cerrado`, en: `Month ${month} is already closed` }, 'FOL-09', 'Art. 128');
