import { documentProblem, notFound, ruleBroken, type IdentityDocument, type ItemError } from '@eron/shared';

/** VIS-14 (Art. 61): what every lawyer visit states, in both languages. */
export const NEVER_RECORDED = {
  es: 'Visita de abogado: nunca se graba ni se intercepta, y no admite monitoreo (Art. 61).',
  en: 'Lawyer visit: never recorded or intercepted, and no monitoring may be attached (Art. 61).',
};

const item = (field: string, es: string, en: string): ItemError => ({ field, message: { es, en } });

/** VIS-14 (Art. 64): an ID card that is valid — the credential (card, licence or certificate) is in the schema. */
export function assertLawyerDocument(doc: IdentityDocument): void {
  const problem = documentProblem(doc);
  if (!problem) return;
  throw ruleBroken(
    'VIS-14',
    'Art. 64',
    { es: 'El documento de identidad del abogado no es válido', en: 'The lawyer’s ID document is not valid' },
    { code: 'lawyer-identity', errors: [item('/document/number', 'documento no válido', problem)] },
  );
}

/** VIS-14 (Art. 64): the PPL's authorisation is written and carries the PPL's fingerprint. */
export function assertFingerprint(fingerprint: boolean): void {
  if (fingerprint) return;
  throw ruleBroken(
    'VIS-14',
    'Art. 64',
    {
      es: 'La autorización escrita de la PPL debe llevar su huella dactilar',
      en: 'The PPL’s written authorisation must carry the PPL’s fingerprint',
    },
    { code: 'lawyer-authorisation-fingerprint', errors: [item('/fingerprint', 'falta la huella', 'the fingerprint is missing')] },
  );
}

const sameDocument = (a: IdentityDocument, b: IdentityDocument) =>
  a.type === b.type && a.number.replace(/\./g, '').toUpperCase() === b.number.replace(/\./g, '').toUpperCase();

/** VIS-14: at the gate, the ID shown is the lawyer's and the PPL's authorisation is on file — before entry. */
export function entryProblems(i: { lawyerDocument: IdentityDocument; shown: IdentityDocument; authorised: boolean }): ItemError[] {
  const errors: ItemError[] = [];
  if (!sameDocument(i.lawyerDocument, i.shown))
    errors.push(item('/documentShown', 'el documento no es el del abogado registrado', 'the document is not the registered lawyer’s'));
  if (!i.authorised)
    errors.push(
      item(
        '/authorisation',
        'falta la autorización escrita de la PPL con huella',
        'the PPL’s written authorisation with fingerprint is missing',
      ),
    );
  return errors;
}

export function assertEntry(i: { lawyerDocument: IdentityDocument; shown: IdentityDocument; authorised: boolean }): void {
  const errors = entryProblems(i);
  if (errors.length === 0) return;
  throw ruleBroken(
    'VIS-14',
    'Art. 64',
    { es: 'El abogado no puede ingresar', en: 'The lawyer may not enter' },
    { code: 'lawyer-entry-refused', errors },
  );
}

/** VIS-14 (Art. 61): a lawyer visit is never recorded, intercepted or monitored. */
export const monitoringRefused = () =>
  ruleBroken(
    'VIS-14',
    'Art. 61',
    {
      es: 'Una visita de abogado nunca se graba, intercepta ni monitorea',
      en: 'A lawyer visit is never recorded, intercepted or monitored',
    },
    { code: 'lawyer-visit-unmonitored' },
  );

export const noLawyer = () => notFound({ es: 'No existe ese abogado', en: 'No such lawyer' });
export const noLawyerVisit = () => notFound({ es: 'No existe esa visita de abogado', en: 'No such lawyer visit' });
