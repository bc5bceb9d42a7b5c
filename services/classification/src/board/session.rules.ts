import { BOARD_SEATS, conflict, notFound, ruleBroken, type BoardSessionRequest, type ItemError } from '@eron/shared';

const SEAT_NAMES: Record<(typeof BOARD_SEATS)[number], { es: string; en: string }> = {
  presiding: { es: 'quien preside (Director o subdirector)', en: 'the presiding Director or deputy' },
  legal: { es: 'el responsable del área jurídica', en: 'the head of the legal area' },
  health: { es: 'el responsable de sanidad', en: 'the head of health care' },
  guard_commander: { es: 'el comandante de vigilancia', en: 'the guard commander' },
  social_work: { es: 'trabajo social o psicología', en: 'a social worker or psychologist' },
};

/** CLS-11 (Art. 141): the seats of the board nobody attended for; a session needs all of them. */
export function missingSeats(attendees: BoardSessionRequest['attendees']): ItemError[] {
  const present = new Set(attendees.map((a) => a.seat));
  return BOARD_SEATS.filter((s) => !present.has(s)).map((s) => ({
    field: '/attendees',
    message: { es: `falta ${SEAT_NAMES[s].es}`, en: `${SEAT_NAMES[s].en} is missing` },
  }));
}

/** CLS-11 (Art. 141): refuses a session without every seat, listing the missing ones. */
export function assertFullBoard(attendees: BoardSessionRequest['attendees']): void {
  const missing = missingSeats(attendees);
  if (missing.length === 0) return;
  throw ruleBroken(
    'CLS-11',
    'Art. 141',
    { es: 'La Junta no puede sesionar sin todos sus miembros', en: 'The board cannot sit without all its members' },
    { errors: missing },
  );
}

/** The session's acta: numbered per establishment and year (Art. 141.5). */
export const actaNumber = (eron: string, year: number, number: number): string => `JAPC-${eron}-${year}-${String(number).padStart(4, '0')}`;

/** CLS-11: the board sits once a day. */
export const sessionTaken = (date: string) =>
  conflict('board-session-exists', { es: `La Junta ya sesionó el ${date}`, en: `The board already sat on ${date}` }, 'CLS-11', 'Art. 30');

export const noSession = () => notFound({ es: 'No existe esa sesión de la Junta', en: 'No such board session' });
