import { conflict, notFound, ruleBroken, smldv, type IdentityDocument, type ItemError, type SealExemption } from '@eron/shared';
import { ageOn } from '../visitors/visitor.rules';

const item = (field: string, es: string, en: string): ItemError => ({ field, message: { es, en } });

const sameDocument = (a: { type: string; number: string }, b: IdentityDocument) =>
  a.type === b.type && a.number.replace(/\./g, '').toUpperCase() === b.number.replace(/\./g, '').toUpperCase();

/** What the gate knows when a visitor comes to the door (VIS-19). */
export interface CheckInFacts {
  booking: { date: string; status: string };
  today: string;
  suspended: boolean;
  onBooking: boolean;
  identity: { type: string; number: string } | undefined;
  shown: IdentityDocument;
  exemption: SealExemption | undefined;
  credential: string | undefined;
  birthDate: string | undefined;
}

/** VIS-19: every reason the visitor cannot come in, all listed. */
export function checkInProblems(f: CheckInFacts): ItemError[] {
  const errors: ItemError[] = [];
  if (f.booking.date !== f.today)
    errors.push(item('/bookingId', `la visita no es de hoy (${f.booking.date})`, `the booking is not for today (${f.booking.date})`));
  if (f.booking.status !== 'booked') errors.push(item('/bookingId', 'la visita fue cancelada', 'the booking was cancelled'));
  if (f.suspended) errors.push(item('/bookingId', 'la visita fue suspendida', 'the visit was suspended'));
  if (!f.onBooking) errors.push(item('/visitorId', 'el visitante no está en la reserva', 'the visitor is not on the booking'));
  else if (!f.identity || !sameDocument(f.identity, f.shown))
    errors.push(item('/documentShown', 'el documento no corresponde al visitante', 'the document shown is not the visitor’s'));
  if (f.exemption === 'under_12' && (!f.birthDate || ageOn(f.birthDate, f.today) >= 12))
    errors.push(item('/exemption', 'el visitante no es menor de 12 años', 'the visitor is not under 12'));
  if (f.exemption && f.exemption !== 'under_12' && !f.credential)
    errors.push(item('/credential', 'la exención exige la credencial del cargo', 'the exemption needs the credential of office'));
  return errors;
}

export function assertCheckIn(f: CheckInFacts): void {
  const errors = checkInProblems(f);
  if (errors.length === 0) return;
  throw ruleBroken(
    'VIS-19',
    'Art. 68',
    { es: 'El visitante no puede ingresar', en: 'The visitor may not come in' },
    { code: 'gate-check-in-refused', errors },
  );
}

/** VIS-19: the ink seal, unless the visitor is exempt (under-12s, judges, magistrates, prosecutors, defenders, attorneys). */
export const sealOf = (exemption: SealExemption | undefined) =>
  exemption ? { seal: 'exempt' as const, exemption } : { seal: 'applied' as const, exemption: null };

/** VIS-19: a lost or damaged token costs 3 SMLDV of the year it happens. */
export const lostTokenFee = (date: string): number => 3 * smldv(Number(date.slice(0, 4)));

/** VIS-19: check-out is against the token, or — when it is lost or damaged — against the visitor. */
export function assertCheckOut(b: { token?: number; visitorId?: string; tokenState: string }): void {
  const errors: ItemError[] = [];
  if (b.tokenState === 'returned' && b.token === undefined)
    errors.push(item('/token', 'la salida se registra contra la ficha', 'check-out is against the token'));
  if (b.tokenState !== 'returned' && b.visitorId === undefined)
    errors.push(
      item('/visitorId', 'sin ficha, la salida se registra contra el visitante', 'without a token, check-out is against the visitor'),
    );
  if (errors.length === 0) return;
  throw ruleBroken(
    'VIS-19',
    'Art. 68',
    { es: 'Salida sin ficha ni visitante', en: 'Check-out with neither token nor visitor' },
    {
      code: 'gate-check-out',
      errors,
    },
  );
}

export const noBooking = () => notFound({ es: 'No existe esa visita en el establecimiento', en: 'No such booking at the establishment' });
export const noOneInside = () =>
  notFound({ es: 'Nadie adentro con esa ficha o visitante', en: 'No one inside with that token or visitor' });
export const alreadyInside = () =>
  conflict('gate-already-inside', { es: 'El visitante ya ingresó', en: 'The visitor is already inside' }, 'VIS-19', 'Art. 68');
export const alreadySuspended = () =>
  conflict('visit-already-suspended', { es: 'La visita ya fue suspendida', en: 'The visit is already suspended' }, 'VIS-20', 'Art. 85');
