import { conflict, ruleBroken, type Bilingual, type CaseDecisionBody, type ProblemError, type Role } from '@eron/shared';

// Pure: the rules know the words of the tables, not the tables (rules-are-pure).
type Severity = 'leve' | 'grave';
type Authority = 'director' | 'council_group_one' | 'council_group_two';
type CaseStatus = 'reported' | 'opened' | 'notified' | 'heard' | 'decided';

const STEP: Record<CaseStatus, Bilingual> = {
  reported: { es: 'informada', en: 'reported' },
  opened: { es: 'abierta', en: 'opened' },
  notified: { es: 'notificada', en: 'notified' },
  heard: { es: 'con descargos', en: 'heard' },
  decided: { es: 'decidida', en: 'decided' },
};

/** DIS-04: report → opening → notice → descargos → decision; any step out of order is refused. */
export function assertStep(status: CaseStatus, from: CaseStatus, step: Bilingual): void {
  if (status === from) return;
  throw ruleBroken(
    'DIS-04',
    'Art. 149',
    {
      es: `No se puede ${step.es}: la actuación está ${STEP[status].es} y debe estar ${STEP[from].es}`,
      en: `Cannot ${step.en}: the case is ${STEP[status].en} and must be ${STEP[from].en}`,
    },
    { code: 'case-step-out-of-order' },
  );
}

/** DIS-04: facts cannot be dated after the report, nor a step before the one it follows. */
export function assertNotBefore(date: string, earliest: string, field: string): void {
  if (date >= earliest) return;
  throw ruleBroken(
    'DIS-04',
    'Art. 149',
    { es: `La fecha ${date} es anterior a la actuación previa (${earliest})`, en: `Date ${date} precedes the previous step (${earliest})` },
    { code: 'case-date-out-of-order', errors: [{ field, message: { es: 'fecha fuera de orden', en: 'date out of order' } }] },
  );
}

export function assertNotFuture(date: string, today: string, field: string): void {
  if (date <= today) return;
  throw ruleBroken(
    'DIS-04',
    'Art. 149',
    { es: `La fecha ${date} es futura`, en: `Date ${date} is in the future` },
    { code: 'case-date-future', errors: [{ field, message: { es: 'fecha futura', en: 'date in the future' } }] },
  );
}

const competence = (es: string, en: string): ProblemError => ruleBroken('DIS-03', 'Art. 135', { es, en }, { code: 'case-competence' });

/** DIS-03: a leve is instructed by the investigations officer; a grave by the deputy director, once the Director knows of the report. */
export function assertInstructor(severity: Severity, roles: readonly Role[], directorInformedOn: string | undefined): string {
  if (severity === 'leve') {
    if (roles.includes('investigator')) return 'investigator';
    throw competence(
      'Una falta leve la instruye el funcionario responsable de las investigaciones a internos',
      'A leve offence is instructed by the officer in charge of inmate investigations',
    );
  }
  if (!roles.includes('deputy_director'))
    throw competence(
      'Una falta grave la instruye el subdirector del establecimiento',
      'A grave offence is instructed by the deputy director',
    );
  if (!directorInformedOn)
    throw competence(
      'Una falta grave se instruye previo conocimiento del Director sobre el informe (directorInformedOn)',
      'A grave offence is instructed only after the Director has been informed of the report (directorInformedOn)',
    );
  return 'deputy_director';
}

/** The authority that decides the first instance (DIS-03). */
export const firstInstance = (severity: Severity): Authority => (severity === 'leve' ? 'director' : 'council_group_one');

/** What the rules need of the Council decision a case or appeal decision cites. */
export interface CitedCouncilDecision {
  eron: string;
  group: 'plenary' | 'one' | 'two';
  matter: string;
  nui: string | null;
  outcome: 'approved' | 'rejected';
}

/**
 * DIS-03, DIS-07: the Director decides as himself; a Council group decides in session — the body
 * cites the decision the group voted with quorum (DIS-12) on this PPL's case or appeal, and the
 * caller is a member (or the Director presiding).
 */
export function assertAuthority(
  authority: Authority,
  roles: readonly Role[],
  cited: { given: boolean; decision: CitedCouncilDecision | undefined },
  the: { eron: string; nui: string; matter: 'case' | 'appeal' },
  rule: 'DIS-03' | 'DIS-07',
): void {
  const article = rule === 'DIS-03' ? 'Art. 135' : 'Art. 135 §1';
  const fail = (es: string, en: string, field?: string) =>
    ruleBroken(
      rule,
      article,
      { es, en },
      { code: rule === 'DIS-03' ? 'case-competence' : 'appeal-authority', ...(field ? { errors: [{ field, message: { es, en } }] } : {}) },
    );
  if (authority === 'director') {
    if (!roles.includes('director')) throw fail('Decide el Director del establecimiento', 'The Director of the establishment decides');
    if (cited.given)
      throw fail(
        'El Director decide por sí mismo: no cite una decisión del Consejo',
        'The Director decides alone: cite no Council decision',
        '/council',
      );
    return;
  }
  const group = authority === 'council_group_one' ? 'one' : 'two';
  const groupEs = group === 'one' ? 'uno' : 'dos';
  const d = cited.decision;
  if (!cited.given)
    throw fail(
      `Decide el grupo ${groupEs} del Consejo de Disciplina en sesión: cite su decisión (council.sessionId, council.decisionId)`,
      `The Disciplinary Council's group ${group} decides in session: cite its decision (council.sessionId, council.decisionId)`,
      '/council',
    );
  if (!d || d.eron !== the.eron)
    throw fail(
      'No existe esa decisión del Consejo en este establecimiento',
      'No such Council decision in this establishment',
      '/council/decisionId',
    );
  if (d.group !== group || d.matter !== the.matter || d.nui !== the.nui)
    throw fail(
      `La decisión citada no es del grupo ${groupEs} sobre ${the.matter === 'case' ? 'la falta' : 'el recurso'} de esta PPL`,
      `The decision cited is not group ${group}'s on this PPL's ${the.matter}`,
      '/council/decisionId',
    );
  if (d.outcome !== 'approved')
    throw fail(
      'La decisión citada no fue aprobada por el Consejo',
      'The Council did not approve the decision cited',
      '/council/decisionId',
    );
  if (!roles.includes('council_member') && !roles.includes('director'))
    throw fail('Solo un miembro del Consejo registra su decisión', 'Only a Council member records its decision');
}

/** DIS-04: a decision gives its reasons; a sanction decision names the sanction and an acquittal none. */
export function assertDecisionShape(b: CaseDecisionBody): void {
  if ((b.outcome === 'sanction') === (b.sanction !== undefined)) return;
  throw ruleBroken(
    'DIS-04',
    'Art. 150',
    b.outcome === 'sanction'
      ? { es: 'La decisión sancionatoria debe indicar la sanción', en: 'A sanctioning decision must state the sanction' }
      : { es: 'Una absolución no impone sanción', en: 'An acquittal imposes no sanction' },
    {
      code: 'decision-incomplete',
      errors: [{ field: '/sanction', message: { es: 'no corresponde al sentido del fallo', en: 'does not match the outcome' } }],
    },
  );
}

/** DIS-02 (Art. 149): one fact gives at most one sanction per PPL — a case is decided once. */
export const alreadyDecided = (): ProblemError =>
  conflict(
    'case-already-decided',
    {
      es: 'Estos hechos ya fueron decididos: no hay doble sanción por un mismo hecho',
      en: 'These facts were already decided: no double sanction for one fact',
    },
    'DIS-02',
    'Art. 149',
  );
