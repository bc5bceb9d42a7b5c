import { Type, type Static } from '@sinclair/typebox';

/**
 * Colombian identity documents. Each type has its own shape; NIT carries the DIAN check digit
 * (Orden Administrativa 4 de 1989), computed with the prime weights below.
 */
export const DocumentType = Type.Union(
  [
    Type.Literal('CC', { description: 'Cédula de ciudadanía' }),
    Type.Literal('CE', { description: 'Cédula de extranjería' }),
    Type.Literal('PA', { description: 'Pasaporte' }),
    Type.Literal('TI', { description: 'Tarjeta de identidad' }),
    Type.Literal('NIT', { description: 'Número de identificación tributaria, con dígito de verificación' }),
  ],
  { description: 'Tipo de documento de identidad' },
);
export type DocumentType = Static<typeof DocumentType>;

export const IdentityDocument = Type.Object(
  {
    type: DocumentType,
    number: Type.String({ minLength: 3, maxLength: 20, description: 'Número del documento' }),
  },
  { additionalProperties: false, description: 'Documento de identidad colombiano o pasaporte' },
);
export type IdentityDocument = Static<typeof IdentityDocument>;

const NIT_WEIGHTS = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];

/** DIAN check digit of a NIT base number (digits only, without the check digit). */
export function nitCheckDigit(base: string): number {
  const digits = [...base].reverse().map(Number);
  const sum = digits.reduce((acc, d, i) => acc + d * (NIT_WEIGHTS[i] ?? 0), 0);
  const rest = sum % 11;
  return rest > 1 ? 11 - rest : rest;
}

const SHAPES: Record<DocumentType, RegExp> = {
  CC: /^[1-9][0-9]{2,9}$/,
  CE: /^[0-9]{3,7}$/,
  PA: /^[A-Z0-9]{5,20}$/,
  TI: /^[1-9][0-9]{9,10}$/,
  NIT: /^[0-9]{5,14}-[0-9]$/,
};

/**
 * Why a document is not valid, or null when it is. Takes any claimed type: some bodies carry the
 * document loosely, so that a rule can list what is wrong with it among the other fields.
 */
export function documentProblem(doc: { type: string; number: string }): string | null {
  const shape = Object.hasOwn(SHAPES, doc.type) ? SHAPES[doc.type as DocumentType] : undefined;
  if (!shape) return `unknown document type "${doc.type}" (${Object.keys(SHAPES).join(', ')})`;
  const number = doc.number.replace(/\./g, '').toUpperCase();
  if (!shape.test(number)) return `invalid ${doc.type} number`;
  if (doc.type === 'NIT') {
    const [base = '', check = ''] = number.split('-');
    if (nitCheckDigit(base) !== Number(check)) return 'NIT check digit does not match';
  }
  return null;
}

export const isValidDocument = (doc: IdentityDocument): boolean => documentProblem(doc) === null;
