import { ruleBroken, type ItemError, type ProblemError, type RegimeDay, type VisitSession } from '@eron/shared';

/** Everything VIS-08 checks, gathered before deciding: every failure is listed, not only the first. */
export interface BookingFacts {
  nui: string;
  held: boolean;
  session: VisitSession | null;
  date: string;
  today: string;
  horizon: string;
  day: RegimeDay | undefined;
  personsPerVisit: number;
  visitsPerWeek: number;
  bookedThisWeek: number;
  bookedThatDay: boolean;
  visitors: { id: string; listed: boolean; banned: boolean; gender: 'M' | 'F' | null; minor: boolean }[];
  area: { sameEstablishment: boolean; forChildren: boolean } | undefined;
  placesLeft: number;
  extradition: { required: boolean; authorised: boolean };
  suppressed: boolean;
  /** VIS-06: the PPL has an intimate visit that day (Art. 69: children never come on it). */
  intimateThatDay: boolean;
  /** VIS-04: the weekday a trans or intersex PPL chose, whatever the day's gender rule; null when none. */
  chosenWeekday: number | null;
  /** VIS-06: the PPL already has a visit with minors booked in the date's month. */
  childrenVisitThisMonth: boolean;
}

/**
 * VIS-06 (Art. 69): children may visit at least once a month. The month's first visit with minors
 * is kept from the limits on how often the PPL is visited — the weekly limit (VIS-02) and a
 * sanction's suppression (VIS-09) — but from nothing that protects the children or the place
 * (list, accreditation, adult, children's area, intimate visit that day, capacity, one visit a day).
 */
export const guaranteedChildrenVisit = (f: Pick<BookingFacts, 'visitors' | 'childrenVisitThisMonth'>): boolean =>
  !f.childrenVisitThisMonth && f.visitors.some((v) => v.minor);

const item = (field: string, rule: string, es: string, en: string): ItemError => ({
  field,
  message: { es: `${rule}: ${es}`, en: `${rule}: ${en}` },
});

/** Every failing check of VIS-08, each naming its rule; empty when the booking may be taken. */
export function bookingFailures(f: BookingFacts): ItemError[] {
  const out: ItemError[] = [];
  if (!f.held)
    out.push(item('/nui', 'VIS-08', 'la PPL no está recluida hoy en el establecimiento', 'the PPL is not held at the establishment now'));
  if (f.held && f.session === null)
    out.push(item('/nui', 'VIS-03', 'la unidad de la PPL no tiene jornada de visita', 'the PPL’s unit has no visiting session'));
  if (f.date <= f.today || f.date > f.horizon)
    out.push(item('/date', 'VIS-08', 'fecha fuera del periodo de reservas', 'date outside the booking window'));
  if (!f.day) out.push(item('/date', 'VIS-01', 'no es día de visita en el régimen vigente', 'not a visit day under the regime in force'));
  if (f.visitors.length > f.personsPerVisit) {
    out.push(
      item('/visitorIds', 'VIS-02', `máximo ${f.personsPerVisit} personas por visita`, `at most ${f.personsPerVisit} persons per visit`),
    );
  }
  const guaranteed = guaranteedChildrenVisit(f);
  if (f.bookedThatDay) out.push(item('/date', 'VIS-02', 'ya tiene una visita ese día', 'already has a visit that day'));
  else if (f.bookedThisWeek >= f.visitsPerWeek && !guaranteed) {
    out.push(
      item('/date', 'VIS-02', `ya tiene ${f.visitsPerWeek} visita(s) esa semana`, `already has ${f.visitsPerWeek} visit(s) that week`),
    );
  }
  f.visitors.forEach((v, i) => {
    if (!v.listed)
      out.push(item(`/visitorIds/${i}`, 'VIS-05', 'no está en la lista de visitantes autorizados', 'not on the authorised list'));
    if (v.banned) out.push(item(`/visitorIds/${i}`, 'VIS-05', 'tiene prohibido el ingreso', 'is banned'));
    // The gender the visitor identifies with decides (VIS-04), unless it is the day a trans or intersex PPL
    // chose (Art. 68 §1); children come with the adult who brings them.
    const chosen = f.day !== undefined && f.day.weekday === f.chosenWeekday;
    if (f.day && f.day.visitors !== 'all' && !chosen && !v.minor && v.gender !== f.day.visitors) {
      out.push(item(`/visitorIds/${i}`, 'VIS-04', 'el día no corresponde a su género', 'the day is not for their gender'));
    }
  });
  const minors = f.visitors.filter((v) => v.minor).length;
  if (minors > 0 && minors === f.visitors.length)
    out.push(
      item('/visitorIds', 'VIS-06', 'un menor viene siempre con un adulto responsable', 'a minor always comes with a responsible adult'),
    );
  if (minors > 0 && f.intimateThatDay)
    out.push(
      item('/date', 'VIS-06', 'los menores no visitan el día de una visita íntima', 'minors never visit on the day of an intimate visit'),
    );
  if (!f.area) out.push(item('/areaId', 'VIS-01', 'el área no es de este establecimiento', 'the area is not of this establishment'));
  else if (minors > 0 && !f.area.forChildren)
    out.push(
      item(
        '/areaId',
        'VIS-06',
        'una visita con menores va a un área designada para ellos',
        'a visit with minors goes to a children’s area',
      ),
    );
  if (f.area && f.placesLeft < f.visitors.length)
    out.push(item('/areaId', 'VIS-08', 'el área no tiene cupo en esa jornada', 'the area is full for that session'));
  if (f.extradition.required && !f.extradition.authorised) {
    out.push(
      item(
        '/nui',
        'VIS-07',
        'falta la autorización de la Fiscalía (asuntos internacionales)',
        'the Fiscalía’s international affairs authorisation is missing',
      ),
    );
  }
  if (f.suppressed && !guaranteed)
    out.push(item('/date', 'VIS-09', 'visita suspendida por sanción disciplinaria', 'visit suppressed by a disciplinary sanction'));
  return out;
}

export const bookingRefused = (errors: ItemError[]): ProblemError =>
  ruleBroken('VIS-08', 'Arts. 68–69', { es: 'La visita no se puede reservar', en: 'The visit cannot be booked' }, { errors });

export const areaFull = (): ProblemError =>
  bookingRefused([item('/areaId', 'VIS-08', 'el área no tiene cupo en esa jornada', 'the area is full for that session')]);
