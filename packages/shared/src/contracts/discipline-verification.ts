import { Type, type Static } from '@sinclair/typebox';
import { EronCode, LocalDate } from '../primitives';

/**
 * The verification code printed on any discipline document: a conduct certificate or opinion for the
 * judge (DIS-17, `XXXX-XXXX-XXXX`) or a certificado de cómputos (DIS-24, `RC-` and ten hex digits).
 */
export const DocumentCode = Type.String({
  pattern: '^(?:[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}|RC-[0-9A-F]{10})$',
  description: 'Código de verificación impreso en el documento',
  examples: ['K7QM-2XPA-9RTE', 'RC-3F9A0C12BE'],
});

export const DocumentKind = Type.Union([Type.Literal('certificate'), Type.Literal('opinion'), Type.Literal('certificado-de-computos')], {
  description: 'Certificado de conducta, concepto para el juez (DIS-17) o certificado de cómputos (DIS-24)',
});
export type DocumentKind = Static<typeof DocumentKind>;

/** What anyone checking a code learns: validity, kind, date and issuing establishment — nothing about the person. */
export const DocumentCheck = Type.Object(
  {
    valid: Type.Boolean(),
    kind: DocumentKind,
    issuedOn: { ...LocalDate, description: 'Fecha de expedición (Bogotá)' },
    establishment: Type.Object({ code: EronCode, name: Type.String() }),
  },
  { additionalProperties: false },
);
export type DocumentCheck = Static<typeof DocumentCheck>;
