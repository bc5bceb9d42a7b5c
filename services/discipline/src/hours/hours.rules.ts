import { addDays, isHoliday, ruleBroken, type ProblemError } from '@eron/shared';

const ART = 'Arts. 111–113, 132.17';

/** The caps in force on the day, from the dated rate row (DIS-22). */
export interface Caps {
  daily_cap: number;
  weekly_cap: number | null;
}

/** Sunday or a Colombian public holiday (PLT-09). */
export const isRestDay = (date: string): boolean => new Date(`${date}T00:00:00Z`).getUTCDay() === 0 || isHoliday(date);

/** The Monday of the date's week (weeks run Monday to Sunday, Art. 132.17). */
export const weekStart = (date: string): string => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));

/**
 * DIS-22: how many of a day's hours count. Past the daily cap, or the weekly one for work, they are
 * kept on record but not counted; on a Sunday or holiday nothing counts without the Director's
 * written authorisation. The reason says which.
 */
export function countHours(o: { date: string; hours: number; caps: Caps; weekSoFar: number; authorised: boolean }): {
  counted: number;
  excess: number;
  reason: string | null;
} {
  if (isRestDay(o.date) && !o.authorised)
    return { counted: 0, excess: o.hours, reason: 'Domingo o festivo sin autorización escrita del Director: no cuenta (DIS-22)' };
  const reasons: string[] = [];
  let counted = o.hours;
  if (counted > o.caps.daily_cap) {
    counted = o.caps.daily_cap;
    reasons.push(`Supera el máximo diario de ${o.caps.daily_cap} horas`);
  }
  if (o.caps.weekly_cap !== null && o.weekSoFar + counted > o.caps.weekly_cap) {
    counted = Math.max(0, o.caps.weekly_cap - o.weekSoFar);
    reasons.push(`Supera el máximo semanal de ${o.caps.weekly_cap} horas`);
  }
  const excess = o.hours - counted;
  return { counted, excess, reason: excess > 0 ? `${reasons.join('; ')}: el exceso queda registrado y no cuenta (DIS-22)` : null };
}

export const notInProgramme = (nui: string): ProblemError =>
  ruleBroken('DIS-22', ART, {
    es: `La PPL ${nui} no estaba en el programa por orden de la JETEE ese día`,
    en: `PPL ${nui} was not in the programme by order of the JETEE that day`,
  });

export const notHeldHere = (nui: string, eron: string): ProblemError =>
  ruleBroken('DIS-22', ART, { es: `La PPL ${nui} no está recluida en el ERON ${eron}`, en: `PPL ${nui} is not held at ERON ${eron}` });

export const futureDay = (): ProblemError =>
  ruleBroken('DIS-22', ART, { es: 'No se registran horas de días futuros', en: 'Hours of future days are not recorded' });

export const notTheOfficer = (): ProblemError =>
  ruleBroken('DIS-22', ART, {
    es: 'Solo el funcionario responsable del programa registra sus horas',
    en: 'Only the programme’s officer records its hours',
  });

export const dayRecorded = (): ProblemError =>
  ruleBroken(
    'DIS-22',
    ART,
    { es: 'Las horas de ese día ya están registradas', en: 'That day’s hours are already recorded' },
    { status: 409, code: 'hours-recorded' },
  );
