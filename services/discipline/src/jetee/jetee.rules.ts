import { ruleBroken, type ItemError, type JeteeMember, type JeteeSeat, type ProblemError } from '@eron/shared';

const ART = 'Art. 140';

/** The seats of Art. 140: each slot filled by exactly one member, one of the seats it allows. */
const SLOTS: { seats: JeteeSeat[]; es: string; en: string }[] = [
  { seats: ['director'], es: 'el Director', en: 'the Director' },
  {
    seats: ['deputy_director', 'director_designee'],
    es: 'el subdirector o quien designe el Director',
    en: 'the deputy director or whom the Director names',
  },
  { seats: ['treatment_head'], es: 'el responsable de atención y tratamiento', en: 'the head of attention and treatment' },
  {
    seats: ['guard_commander', 'designated_officer'],
    es: 'el comandante de vigilancia o el funcionario que designe',
    en: 'the guard commander or the officer he designates',
  },
];

/** DIS-20: the board has its four seats, one member each, and no one else. */
export function assertBoard(members: JeteeMember[]): void {
  const errors: ItemError[] = [];
  for (const slot of SLOTS) {
    const n = members.filter((m) => slot.seats.includes(m.seat)).length;
    if (n !== 1)
      errors.push({
        field: '/members',
        message: {
          es: `La JETEE necesita exactamente un miembro para ${slot.es} (hay ${n})`,
          en: `The JETEE needs exactly one member as ${slot.en} (has ${n})`,
        },
      });
  }
  if (errors.length)
    throw ruleBroken(
      'DIS-20',
      ART,
      { es: 'La JETEE no está conformada como ordena el Art. 140', en: 'The JETEE is not composed as Art. 140 requires' },
      { errors },
    );
}

export const noBoard = (eron: string): ProblemError =>
  ruleBroken('DIS-20', ART, { es: `El ERON ${eron} no ha conformado su JETEE`, en: `ERON ${eron} has not constituted its JETEE` });

/** DIS-20: a session is held on a past or present day, attended only by the board's members. */
export function assertSession(o: { heldOn: string; today: string; attendees: string[]; members: Set<string> }): void {
  const errors: ItemError[] = [];
  if (o.heldOn > o.today)
    errors.push({ field: '/heldOn', message: { es: 'La sesión no puede ser futura', en: 'A session cannot be in the future' } });
  o.attendees.forEach((a, i) => {
    if (!o.members.has(a))
      errors.push({ field: `/attendees/${i}`, message: { es: 'No es miembro de la JETEE', en: 'Not a member of the JETEE' } });
  });
  if (new Set(o.attendees).size !== o.attendees.length)
    errors.push({ field: '/attendees', message: { es: 'Asistentes repetidos', en: 'Attendees repeated' } });
  if (errors.length)
    throw ruleBroken('DIS-20', ART, { es: 'La sesión de la JETEE no es válida', en: 'The JETEE session is not valid' }, { errors });
}

export const nextMonth = (m: string): string => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};

/** DIS-20: the calendar months of [from, to] in which no session was held. */
export function monthsWithout(from: string, to: string, held: Set<string>): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) if (!held.has(m)) out.push(m);
  return out;
}

export const badRange = (): ProblemError =>
  ruleBroken(
    'DIS-20',
    ART,
    { es: 'El periodo es inválido o supera 10 años', en: 'The period is invalid or longer than 10 years' },
    { status: 400, code: 'bad-period' },
  );
