import { documentProblem, ruleBroken, type IdentityDocument, type ListEntryRequest, type ProblemError } from '@eron/shared';

/** Age in whole years on a date (both local dates). */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
export const isMinor = (birthDate: string, date: string): boolean => ageOn(birthDate, date) < 18;

/** A visitor is registered only with a valid ID document (VIS-05). */
export function assertDocumentVerified(doc: IdentityDocument): void {
  const problem = documentProblem(doc);
  if (problem === null) return;
  throw ruleBroken(
    'VIS-05',
    'Art. 68',
    { es: `Documento de identidad no válido: ${problem}`, en: `ID document not valid: ${problem}` },
    {
      errors: [{ field: '/document/number', message: { es: problem, en: problem } }],
    },
  );
}

/** Children and adolescents: first-degree relatives or a proven close bond, accredited by civil registry or sworn declaration (VIS-06, Art. 69). */
export function assertChildMayBeListed(entry: ListEntryRequest): void {
  const errors = [];
  if (entry.relationship === 'other') {
    errors.push({
      field: '/relationship',
      message: {
        es: 'Un menor solo si es pariente en primer grado o con vínculo cercano probado',
        en: 'A minor only if first-degree relative or proven close bond',
      },
    });
  }
  if (!entry.accreditation) {
    errors.push({
      field: '/accreditation',
      message: {
        es: 'Falta la acreditación (registro civil o declaración juramentada)',
        en: 'Accreditation missing (civil registry or sworn declaration)',
      },
    });
  }
  if (errors.length) {
    throw ruleBroken('VIS-06', 'Art. 69', { es: 'El menor no puede quedar autorizado', en: 'The minor cannot be authorised' }, { errors });
  }
}

export const documentTaken = (): ProblemError =>
  ruleBroken(
    'VIS-05',
    'Art. 68',
    { es: 'Ya hay un visitante con ese documento', en: 'A visitor with that document exists' },
    { status: 409, code: 'visitor-exists' },
  );
