import { Type, type Static } from '@sinclair/typebox';
import { IdentityDocument } from '../documents';
import { EronCode, LocalDate, Nui, Text, Timestamp, Uuid } from '../primitives';

/** Lawyer visits (VIS-14, Arts. 61, 64): who may come, the PPL's authorisation, and a visit never recorded. */
export const LawyerCredentialKind = Type.Union(
  [
    Type.Literal('professional_card', { description: 'Tarjeta profesional de abogado' }),
    Type.Literal('provisional_licence', { description: 'Licencia provisional' }),
    Type.Literal('clinic_certificate', { description: 'Certificado de consultorio jurídico' }),
  ],
  { description: 'Credencial que acredita a quien visita como abogado (Art. 64)' },
);

export const LawyerBody = Type.Object(
  {
    names: Text(160, 'Nombres y apellidos'),
    document: IdentityDocument,
    credential: Type.Object(
      {
        kind: LawyerCredentialKind,
        number: Text(40, 'Número de la tarjeta, licencia o certificado'),
        issuer: Type.Optional(Text(160, 'Consejo Superior de la Judicatura o universidad del consultorio')),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type LawyerBody = Static<typeof LawyerBody>;

export const Lawyer = Type.Object({
  id: Uuid,
  names: Type.String(),
  document: IdentityDocument,
  credential: Type.Object({ kind: LawyerCredentialKind, number: Type.String(), issuer: Type.Union([Type.String(), Type.Null()]) }),
});
export type Lawyer = Static<typeof Lawyer>;

export const LawyerAuthorisationBody = Type.Object(
  {
    lawyerId: Uuid,
    signedOn: LocalDate,
    documentRef: Text(200, 'Referencia del escrito firmado por la PPL'),
    fingerprint: Type.Boolean({ description: 'El escrito lleva la huella dactilar de la PPL (Art. 64)' }),
  },
  { additionalProperties: false, description: 'Autorización escrita de la PPL con huella (Art. 64)' },
);
export type LawyerAuthorisationBody = Static<typeof LawyerAuthorisationBody>;

export const LawyerAuthorisation = Type.Object({
  id: Uuid,
  nui: Nui,
  eron: EronCode,
  lawyerId: Uuid,
  signedOn: LocalDate,
  documentRef: Type.String(),
});
export type LawyerAuthorisation = Static<typeof LawyerAuthorisation>;

export const LawyerVisitBody = Type.Object(
  {
    nui: Nui,
    lawyerId: Uuid,
    date: LocalDate,
    startTime: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'Hora de inicio HH:MM (Bogotá)' }),
  },
  { additionalProperties: false },
);
export type LawyerVisitBody = Static<typeof LawyerVisitBody>;

/** Every lawyer visit carries the guarantee of Art. 61 in its own body. */
export const LawyerVisit = Type.Object({
  id: Uuid,
  nui: Nui,
  eron: EronCode,
  lawyerId: Uuid,
  date: LocalDate,
  startTime: Type.String(),
  status: Type.Union([Type.Literal('booked'), Type.Literal('entered')]),
  enteredAt: Type.Union([Timestamp, Type.Null()]),
  recorded: Type.Literal(false, { description: 'Nunca se graba (Art. 61)' }),
  intercepted: Type.Literal(false, { description: 'Nunca se intercepta ni se monitorea (Art. 61)' }),
  notice: Type.String(),
});
export type LawyerVisit = Static<typeof LawyerVisit>;

export const LawyerEntryBody = Type.Object({ documentShown: IdentityDocument }, { additionalProperties: false });

/** Any attempt to attach monitoring to a lawyer visit: always refused (VIS-14). */
export const MonitoringBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('audio'), Type.Literal('video'), Type.Literal('recording'), Type.Literal('interception')]),
    reason: Type.Optional(Text(500)),
  },
  { additionalProperties: false },
);
