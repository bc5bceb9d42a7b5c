import { documentProblem, ruleBroken, type IdentityDocument, type ItemError } from '@eron/shared';

/** FOL-15 cites Art. 123: the balance is held for, and paid to, the persons the PPL authorised. */
const RULE = 'FOL-15';
const ARTICLE = 'Art. 123';

export const normalisedNumber = (d: IdentityDocument): string => d.number.replace(/\./g, '').toUpperCase();

export interface AuthorisationInput {
  writtenRequest: { date?: string; signed?: boolean; fingerprint?: boolean; documentRef?: string };
  persons: { document: IdentityDocument; names: string; relationship: string }[];
}

/**
 * The PPL's authorisation is a written, signed and fingerprinted document naming each person with a
 * valid identity document, each once; every missing or bad item is named (FOL-15, Art. 123).
 */
export function assertAuthorisation(a: AuthorisationInput): void {
  const errors: ItemError[] = [];
  const missing = (field: string, es: string, en: string) => errors.push({ field, message: { es, en } });
  const w = a.writtenRequest;
  if (!w.date) missing('/writtenRequest/date', 'Falta la fecha del escrito', 'The authorisation’s date is missing');
  if (w.signed !== true) missing('/writtenRequest/signed', 'Falta la firma de la PPL', 'The PPL’s signature is missing');
  if (w.fingerprint !== true) missing('/writtenRequest/fingerprint', 'Falta la huella de la PPL', 'The PPL’s fingerprint is missing');
  if (!w.documentRef)
    missing('/writtenRequest/documentRef', 'Falta el radicado del escrito', 'The authorisation’s filing reference is missing');
  const seen = new Set<string>();
  a.persons.forEach((p, i) => {
    const problem = documentProblem(p.document);
    if (problem) missing(`/persons/${i}/document`, `Documento inválido: ${problem}`, `Invalid document: ${problem}`);
    const key = `${p.document.type}:${normalisedNumber(p.document)}`;
    if (seen.has(key)) missing(`/persons/${i}/document`, 'La persona ya está en la lista', 'The person is already on the list');
    seen.add(key);
  });
  if (errors.length === 0) return;
  throw ruleBroken(
    RULE,
    ARTICLE,
    {
      es: 'La autorización de la PPL debe ser un escrito firmado y con huella que identifique a cada persona',
      en: 'The PPL’s authorisation must be a signed, fingerprinted document identifying each person',
    },
    { errors, code: 'fol-15-authorisation-incomplete' },
  );
}

/** A settlement is paid only to a person on the PPL's authorisation in force (FOL-15, Art. 123). */
export function assertAuthorisedPayee<P>(payee: P | undefined): asserts payee is P {
  if (payee !== undefined) return;
  throw ruleBroken(
    RULE,
    ARTICLE,
    {
      es: 'La persona no está entre las autorizadas por la PPL para recibir su saldo: regístrela con el escrito de la PPL',
      en: 'The person is not among those the PPL authorised to receive the balance: record the PPL’s written authorisation first',
    },
    { code: 'fol-15-payee-not-authorised' },
  );
}
