import { conflict, ruleBroken, type ExitReason, type ProblemError } from '@eron/shared';

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

/** An event that cannot apply stays failed in the queue for inspection and replay, never dropped (PLT-08). */
export class EventNotApplicable extends Error {}

/** A transfer or exit moves a Folio that is open, and held where the event says it is (FOL-13 … FOL-15). */
export function assertFolioAt(folio: { status: string; eron: string } | undefined, nui: string, eron: string): void {
  if (!folio) throw new EventNotApplicable(`No Folio for NUI ${nui}`);
  if (folio.status !== 'open') throw new EventNotApplicable(`Folio ${nui} is ${folio.status}`);
  if (folio.eron !== eron) throw new EventNotApplicable(`Folio ${nui} is held at ${folio.eron}, not ${eron}`);
}

/** FOL-11 (Art. 120): a bonificación is paid for a month already worked. */
export function assertMonthWorked(month: string, currentMonth: string): void {
  if (!isFutureMonth(month, currentMonth)) return;
  throw ruleBroken(
    'FOL-11',
    'Art. 120',
    { es: 'La bonificación se paga por un mes ya trabajado', en: 'Work pay is for a month already worked' },
    { errors: [{ field: '/month', message: { es: 'mes futuro', en: 'future month' } }] },
  );
}

export const workPayBooked = (nui: string, month: string): ProblemError =>
  conflict(
    'work-pay-already-booked',
    { es: `La bonificación de ${month} ya se registró para ${nui}`, en: `Work pay for ${month} is already booked for ${nui}` },
    'FOL-11',
    'Art. 43',
  );

/** FOL-12 (Art. 44): seized cash is recorded against its holder, or as of an owner unknown — one of the two. */
export function assertOwnerGiven(b: { nui?: string; ownerUnknown?: true }): void {
  if ((b.nui === undefined) !== (b.ownerUnknown === undefined)) return;
  throw ruleBroken(
    'FOL-12',
    'Art. 44',
    {
      es: 'Indique la PPL que tenía el dinero (nui) o que el dueño no se pudo establecer (ownerUnknown)',
      en: 'Give the holder (nui) or ownerUnknown, not both',
    },
    { status: 400, code: 'seizure-owner', errors: [{ field: '/nui', message: { es: 'nui u ownerUnknown', en: 'nui or ownerUnknown' } }] },
  );
}

/** FOL-12: the holder is held where the cash was seized. */
export function assertHeldAt(folio: { eron: string }, nui: string, eron: string): void {
  if (folio.eron === eron) return;
  throw ruleBroken('FOL-12', 'Art. 44', { es: `La PPL ${nui} no está en ${eron}`, en: `PPL ${nui} is not held at ${eron}` });
}

export const actaRecorded = (acta: string): ProblemError =>
  ruleBroken(
    'FOL-12',
    'Art. 44',
    { es: `El acta ${acta} ya se registró`, en: `Acta ${acta} is already recorded` },
    { status: 409, code: 'seizure-acta-recorded' },
  );

const small = (es: string, en: string, field?: string): ProblemError =>
  ruleBroken('FOL-14', 'Art. 41 §', { es, en }, field ? { errors: [{ field, message: { es, en } }] } : {});

/** FOL-14: a payout is handed over while due, once. */
export function assertPayoutDue(p: { status: string }): void {
  if (p.status !== 'due') throw conflict('already-paid', { es: 'Ya se entregó', en: 'Already paid' }, 'FOL-14', 'Art. 41 §');
}

/** FOL-14, Art. 41 §: the paymaster hands over what remains, unless it is under $1 000 (the Director decides that). */
export function assertNotSmall(remaining: number): void {
  if (!isSmallRemainder(remaining)) return;
  throw small('Saldo menor de $1 000: requiere la aprobación del Director', 'Remainder under $1 000: needs the Director’s approval');
}

/** FOL-14, Art. 41 §: the Director decides only a remainder under $1 000. */
export function assertSmall(remaining: number): void {
  if (isSmallRemainder(remaining)) return;
  throw small('El saldo no es menor de $1 000: se entrega completo a la persona', 'Not under $1 000: the whole balance goes to the person');
}

/** FOL-14, Art. 41 §: a small remainder goes in cash, or to the open Folio of another PPL of the same establishment. */
export function assertRemainderTarget(
  b: { choice: 'cash' | 'folio'; toNui?: string },
  p: { nui: string; eron: string },
  target: { status: string; eron: string } | undefined,
): void {
  if (b.choice === 'cash') {
    if (b.toNui) throw small('toNui solo con choice=folio', 'toNui only with choice=folio', '/toNui');
    return;
  }
  if (!b.toNui || b.toNui === p.nui) throw small('Indique el NUI de otra PPL', 'Give another PPL’s NUI', '/toNui');
  if (!target || target.status !== 'open' || target.eron !== p.eron) {
    throw small('La PPL nombrada no tiene un Folio abierto en este establecimiento', 'The named PPL has no open Folio here', '/toNui');
  }
}

/** FOL-15 (Art. 123): the beneficiary's document must be valid. */
export function assertBeneficiaryDocument(problem: string | null): void {
  if (!problem) return;
  throw ruleBroken(
    'FOL-15',
    'Art. 123',
    { es: 'Documento no válido', en: problem },
    { status: 400, errors: [{ field: '/beneficiary/document/number', message: { es: 'documento no válido', en: problem } }] },
  );
}

/** FOL-15: payments of a held settlement add up to at most what it holds. */
export function assertWithinSettlement(amount: number, s: { amount: number; paid: number }): void {
  if (amount <= s.amount - s.paid) return;
  throw ruleBroken(
    'FOL-15',
    'Art. 123',
    { es: `Quedan ${s.amount - s.paid} por pagar`, en: `Only ${s.amount - s.paid} is left to pay` },
    { errors: [{ field: '/amount', message: { es: 'mayor que lo retenido', en: 'more than held' } }] },
  );
}
