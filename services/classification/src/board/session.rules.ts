import { BOARD_SEATS, type BoardSessionRequest, type ItemError } from '@eron/shared';

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

/** The session's acta: numbered per establishment and year (Art. 141.5). */
export const actaNumber = (eron: string, year: number, number: number): string => `JAPC-${eron}-${year}-${String(number).padStart(4, '0')}`;
