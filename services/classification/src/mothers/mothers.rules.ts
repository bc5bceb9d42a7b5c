import { addDays, type ChildDecisionRequest, type ItemError } from '@eron/shared';

export const RULE = 'CLS-17';
export const ARTICLE = 'Art. 31';
/** Days before the third birthday the alert is raised (CLS-17). */
export const ALERT_DAYS = 30;

/** The day the child turns three; a 29 February birthday turns on 1 March. */
export function turnsThreeOn(birthDate: string): string {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(y + 3, m - 1, d));
  return at.toISOString().slice(0, 10);
}

/** Art. 31: born on or before today and not yet three. */
export const isUnderThree = (birthDate: string, today: string): boolean => birthDate <= today && today < turnsThreeOn(birthDate);

/** CLS-17: the child turns three within the alert window starting today (inclusive both ends). */
export function inAlertWindow(birthDate: string, today: string, days = ALERT_DAYS): boolean {
  const on = turnsThreeOn(birthDate);
  return on >= today && on <= addDays(today, days);
}

/** Whole days from today until the child turns three. */
export const daysUntilThree = (birthDate: string, today: string): number =>
  Math.round((Date.parse(turnsThreeOn(birthDate)) - Date.parse(today)) / 86_400_000);

const item = (field: string, es: string, en: string): ItemError => ({ field, message: { es, en } });

/**
 * Art. 31: what an approval still lacks — filiation and the absence of risk accredited, the
 * establishment's doctor's examination (date, doctor) — and a child still under three. Every gap.
 */
export function approvalGaps(b: ChildDecisionRequest, birthDate: string, today: string): ItemError[] {
  const gaps: ItemError[] = [];
  if (!b.filiationDocument) gaps.push(item('/filiationDocument', 'falta acreditar la filiación', 'filiation is not accredited'));
  if (!b.noRiskConcept)
    gaps.push(item('/noRiskConcept', 'falta acreditar que no hay riesgo para la niña o el niño', 'the absence of risk is not accredited'));
  if (!b.medicalExamDate)
    gaps.push(
      item('/medicalExamDate', 'falta la fecha del examen del médico del establecimiento', 'the doctor’s examination date is missing'),
    );
  else if (b.medicalExamDate > today || b.medicalExamDate < birthDate)
    gaps.push(item('/medicalExamDate', 'la fecha del examen no es válida', 'the examination date is not valid'));
  if (!b.doctor) gaps.push(item('/doctor', 'falta el médico del establecimiento que examinó', 'the examining doctor is missing'));
  if (!isUnderThree(birthDate, today))
    gaps.push(item('/child/birthDate', 'la niña o el niño no es menor de tres años', 'the child is not under three'));
  return gaps;
}

/** A denial states its written reasons. */
export const denialGaps = (b: ChildDecisionRequest): ItemError[] =>
  b.reasons?.trim() ? [] : [item('/reasons', 'la negativa requiere motivación escrita', 'a denial needs written reasons')];
