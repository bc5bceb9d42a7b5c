import { addDays, conflict, notFound, ruleBroken, type ChildDecisionRequest, type ItemError } from '@eron/shared';

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

const broken = (es: string, en: string, errors?: ItemError[]) => ruleBroken(RULE, ARTICLE, { es, en }, { errors });

export const noChildRequest = () => notFound({ es: 'No existe esa solicitud', en: 'No such request' });

/** Art. 31: the request is a mother's, held in the establishment, for a child under three. */
export function assertMayRequest(mother: { sex: string; status: string }, childBirthDate: string, today: string): void {
  if (mother.sex !== 'F' || mother.status !== 'admitted') {
    throw broken('La solicitud es de una madre recluida en el establecimiento', 'The request is a mother’s, held in the establishment');
  }
  if (!isUnderThree(childBirthDate, today)) {
    throw broken('La permanencia es para hijas e hijos menores de tres años', 'Permanence is for children under three', [
      item('/child/birthDate', 'no es menor de tres años', 'not under three'),
    ]);
  }
}

/** CLS-17: a request is decided once. */
export function assertUndecided(status: string): void {
  if (status === 'pending') return;
  throw conflict('child-request-decided', { es: 'La solicitud ya fue resuelta', en: 'The request was already decided' }, RULE, 'Art. 31');
}

/** A denial states its written reasons (Art. 31). */
export function assertDenialReasons(b: ChildDecisionRequest): void {
  const gaps = denialGaps(b);
  if (gaps.length > 0) throw broken('La negativa debe motivarse por escrito', 'A denial must state its reasons', gaps);
}

/**
 * Art. 31: every gap of an approval at once — the accreditations and the examination, the mother
 * still held here, and her place in a mothers' unit: the cell given is in one, or she already is.
 */
export function assertApproval(
  b: ChildDecisionRequest,
  s: { birthDate: string; today: string; motherStatus: string | undefined; cellRegime: string | null | undefined; inMothersUnit: boolean },
): void {
  const gaps = approvalGaps(b, s.birthDate, s.today);
  if (s.motherStatus !== 'admitted') gaps.push(item('/nui', 'la madre ya no está recluida aquí', 'the mother is no longer held here'));
  if (b.cellId && s.cellRegime !== 'mothers_with_children') {
    gaps.push(item('/cellId', 'la celda no es de una unidad de madres', 'the cell is not in a mothers’ unit'));
  } else if (!b.cellId && !s.inMothersUnit) {
    gaps.push(
      item('/cellId', 'la madre no está en una unidad de madres: indique la celda', 'the mother is not in a mothers’ unit: give the cell'),
    );
  }
  if (gaps.length > 0) throw broken('Faltan requisitos del artículo 31 para aprobar', 'Article 31 requirements are missing', gaps);
}
