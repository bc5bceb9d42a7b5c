import { ruleBroken, type ItemError, type ProblemError, type ProgrammeKind, type RefusalGround } from '@eron/shared';

/** Art. 108: grounds that can never refuse or remove anyone from a programme. */
export const FORBIDDEN_GROUNDS: ReadonlySet<RefusalGround> = new Set([
  'disability',
  'sex',
  'sexual_orientation',
  'age',
  'gender_identity',
  'race',
  'ethnicity',
  'national_or_family_origin',
  'language',
  'religion',
  'political_or_philosophical_opinion',
]);

/** DIS-21: a refusal or removal gives its reasons and at least one ground, none of those Art. 108 forbids. */
export function assertExclusion(o: { grounds: RefusalGround[]; reasons: string | undefined }): void {
  const errors: ItemError[] = [];
  o.grounds.forEach((g, i) => {
    if (FORBIDDEN_GROUNDS.has(g))
      errors.push({
        field: `/grounds/${i}`,
        message: { es: `Nadie puede ser excluido por ${g} (Art. 108)`, en: `No one may be excluded on the ground of ${g} (Art. 108)` },
      });
  });
  if (errors.length)
    throw ruleBroken('DIS-21', 'Art. 108', { es: 'Motivo de exclusión prohibido', en: 'A forbidden ground of exclusion' }, { errors });
  if (o.grounds.length === 0 || !o.reasons)
    throw ruleBroken('DIS-21', 'Art. 108', {
      es: 'Toda negativa o retiro debe dar sus motivos y su motivación',
      en: 'Every refusal or removal must give its grounds and reasons',
    });
}

export const needsQualification = (): ProblemError =>
  ruleBroken('DIS-21', 'Art. 113', {
    es: 'La enseñanza exige la idoneidad acreditada del instructor',
    en: 'Teaching needs the instructor’s accredited qualification',
  });

export const noPlaces = (name: string): ProblemError =>
  ruleBroken('DIS-21', 'Art. 140', { es: `El programa ${name} no tiene cupos libres`, en: `Programme ${name} has no free places` });

export const notJeteeOrder = (): ProblemError =>
  ruleBroken('DIS-21', 'Art. 140', {
    es: 'Solo la orden de la JETEE, en una sesión de este establecimiento, asigna un programa',
    en: 'Only the JETEE’s order, in a session of this establishment, puts a PPL in a programme',
  });

export const alreadyIn = (): ProblemError =>
  ruleBroken(
    'DIS-21',
    'Art. 140',
    { es: 'La PPL ya está en el programa', en: 'The PPL is already in the programme' },
    { status: 409, code: 'already-in-programme' },
  );

/**
 * DIS-21 (Art. 110): sentenced PPL come before pre-trial PPL for work places. We refuse (422), not
 * queue: a pre-trial order may not take the last free work place while a sentenced candidate waits.
 */
export function assertWorkPriority(o: { kind: ProgrammeKind; legalStatus: string | null; free: number; sentencedWaiting: number }): void {
  if (o.kind !== 'work' || o.legalStatus === 'condenado') return;
  if (o.free <= o.sentencedWaiting)
    throw ruleBroken('DIS-21', 'Art. 110', {
      es: `Hay ${o.sentencedWaiting} condenado(s) en espera: los cupos de trabajo libres son suyos antes que de un sindicado`,
      en: `${o.sentencedWaiting} sentenced candidate(s) wait: the free work places are theirs before a pre-trial PPL’s`,
    });
}
