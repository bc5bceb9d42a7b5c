import { conflict, ruleBroken, type ProblemError } from '@eron/shared';

// Pure: the rules know the words of the tables, not the tables (rules-are-pure).
type Severity = 'leve' | 'grave';
type Authority = 'director' | 'council_group_one' | 'council_group_two';

/**
 * DIS-07 (Arts. 135 §1, 149): reposición before the same authority; apelación, in subsidy, before
 * the Council's group one for a leve and group two for a grave.
 */
export function appealAuthority(severity: Severity, kind: 'reposicion' | 'apelacion'): Authority {
  if (severity === 'leve') return kind === 'reposicion' ? 'director' : 'council_group_one';
  return kind === 'reposicion' ? 'council_group_one' : 'council_group_two';
}

const dis07 = (code: string, es: string, en: string, field?: string): ProblemError =>
  ruleBroken('DIS-07', 'Art. 135 §1', { es, en }, { code, ...(field ? { errors: [{ field, message: { es, en } }] } : {}) });

/** DIS-07: filed within the establishment's term after the decision's notice, not before it. */
export function assertInTerm(filedOn: string, notifiedOn: string, dueOn: string): void {
  if (filedOn > dueOn)
    throw dis07(
      'appeal-late',
      `El recurso es extemporáneo: el término venció el ${dueOn}`,
      `The appeal is late: the term ended on ${dueOn}`,
      '/filedOn',
    );
  if (filedOn < notifiedOn)
    throw dis07(
      'appeal-before-notice',
      `El recurso no puede ser anterior a la notificación (${notifiedOn})`,
      `An appeal cannot precede the notice (${notifiedOn})`,
      '/filedOn',
    );
}

/** DIS-07: only a sanction not yet firm, lifted or revoked can be appealed. */
export function assertAppealable(outcome: string, sanctionStatus: string | undefined): void {
  if (outcome === 'sanction' && sanctionStatus === 'imposed') return;
  throw dis07('not-appealable', 'No hay sanción recurrible en esta actuación', 'There is no appealable sanction in this case');
}

/** DIS-07: group two's Ministerio Público delegate must differ from group one's in first instance. */
export function assertOtherDelegate(first: string | undefined, second: string | undefined): void {
  const norm = (s: string | undefined) => (s ?? '').trim().toLocaleLowerCase('es');
  if (norm(first) !== norm(second)) return;
  throw dis07(
    'same-delegate',
    'El delegado del Ministerio Público del grupo dos debe ser distinto del de primera instancia',
    "Group two's Ministerio Público delegate must differ from the one in first instance",
    '/council/ministerioPublicoDelegate',
  );
}

export const alreadyAppealed = (): ProblemError =>
  conflict(
    'already-appealed',
    { es: 'Ya se interpuso reposición contra esta decisión', en: 'A reposición was already filed against this decision' },
    'DIS-07',
    'Art. 135 §1',
  );

export const appealDecided = (): ProblemError =>
  conflict('appeal-decided', { es: 'El recurso ya fue resuelto', en: 'The appeal was already decided' }, 'DIS-07', 'Art. 135 §1');
