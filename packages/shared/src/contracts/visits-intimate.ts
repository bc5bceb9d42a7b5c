import { Type, type Static } from '@sinclair/typebox';
import { IdentityDocument } from '../documents';
import { EronCode, LocalDate, Nui, Text, Timestamp, Uuid } from '../primitives';

/**
 * Intimate visits (VIS-11 … VIS-13, Arts. 71–72, 86). Everything about a request — the visitor,
 * the partner, the decision — is confidential (Art. 72 §, PLT-06): lists carry IDs, dates and
 * status only; the single read returns the rest to the roles that need it, audited.
 */
export const IntimateVisitor = Type.Object(
  {
    names: Text(160, 'Nombres y apellidos de la persona visitante (confidencial)'),
    document: IdentityDocument,
    address: Text(300, 'Dirección de residencia de la persona visitante (confidencial)'),
    idCopyRef: Text(200, 'Referencia de la copia del documento de identidad anexada (confidencial)'),
  },
  { additionalProperties: false },
);
export type IntimateVisitor = Static<typeof IntimateVisitor>;

/** When the partner is a PPL too (VIS-13): who it is and which of the two is moved for the visit. */
export const IntimatePartner = Type.Object(
  {
    nui: Nui,
    moves: Type.Union([Type.Literal('requester'), Type.Literal('partner')], {
      description: 'Quién se traslada para la visita cuando la pareja está en otro establecimiento (Art. 72.3)',
    }),
  },
  { additionalProperties: false },
);

export const IntimateRequestBody = Type.Object(
  {
    filedOn: Type.Optional(LocalDate),
    visitor: IntimateVisitor,
    partner: Type.Optional(IntimatePartner),
    writtenRequestRef: Text(200, 'Referencia de la solicitud escrita de la PPL (Art. 71)'),
  },
  { additionalProperties: false, description: 'Solicitud escrita de visita íntima (Art. 71)' },
);
export type IntimateRequestBody = Static<typeof IntimateRequestBody>;

/** Grounds a denial or limitation may rest on; the last four never may (VIS-12, Arts. 71, 71 §1, 86). */
export const IntimateGround = Type.Union(
  [
    Type.Literal('visitor_identity_unverified'),
    Type.Literal('visitor_banned'),
    Type.Literal('false_information'),
    Type.Literal('security_risk'),
    Type.Literal('visitor_minor'),
    Type.Literal('disciplinary_sanction'),
    Type.Literal('sexual_orientation'),
    Type.Literal('gender_identity'),
    Type.Literal('infectious_disease'),
  ],
  { description: 'Motivo de la negativa o limitación' },
);
export type IntimateGround = Static<typeof IntimateGround>;

export const MovePermission = Type.Object(
  {
    authority: Type.Union([Type.Literal('judge'), Type.Literal('regional_director')]),
    reference: Text(200, 'Número o referencia del permiso'),
    issuedOn: LocalDate,
  },
  { additionalProperties: false, description: 'Permiso para trasladar a la PPL a la visita (Art. 72.3)' },
);
export type MovePermission = Static<typeof MovePermission>;

export const IntimateAnswerBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('granted'), Type.Literal('limited'), Type.Literal('denied')]),
    grounds: Type.Optional(Type.Array(IntimateGround, { maxItems: 9, uniqueItems: true })),
    reasons: Type.Optional(Text(2000, 'Motivación escrita')),
    visitsPerMonth: Type.Optional(Type.Integer({ minimum: 1, maximum: 8, description: 'Visitas al mes que se conceden' })),
    movePermission: Type.Optional(MovePermission),
  },
  { additionalProperties: false, description: 'Respuesta del Director (Art. 71)' },
);
export type IntimateAnswerBody = Static<typeof IntimateAnswerBody>;

export const IntimateStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('granted'),
  Type.Literal('limited'),
  Type.Literal('denied'),
]);

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/** What any list shows: never the visitor, the partner or the grounds. */
export const IntimateRequestSummary = Type.Object({
  id: Uuid,
  nui: Nui,
  eron: EronCode,
  status: IntimateStatus,
  filedOn: LocalDate,
  dueOn: LocalDate,
  overdue: Type.Boolean({ description: 'Sin respuesta pasados 15 días hábiles (VIS-11)' }),
  overdueFlaggedAt: Nullable(Timestamp),
  answeredAt: Nullable(Timestamp),
});
export type IntimateRequestSummary = Static<typeof IntimateRequestSummary>;

export const IntimateRequest = Type.Intersect([
  IntimateRequestSummary,
  Type.Object({
    visitor: IntimateVisitor,
    writtenRequestRef: Type.String(),
    partner: Type.Union([Type.Object({ nui: Nui, eron: EronCode, moves: Type.String() }), Type.Null()]),
    grounds: Type.Array(IntimateGround),
    reasons: Nullable(Type.String()),
    visitsPerMonth: Type.Union([Type.Integer(), Type.Null()]),
    movePermission: Type.Union([MovePermission, Type.Null()]),
  }),
]);
export type IntimateRequest = Static<typeof IntimateRequest>;

export const IntimateRequestList = Type.Object({ eron: EronCode, items: Type.Array(IntimateRequestSummary) });
export type IntimateRequestList = Static<typeof IntimateRequestList>;

export const IntimateVisitBody = Type.Object({ date: LocalDate }, { additionalProperties: false });
export const IntimateVisit = Type.Object({ id: Uuid, requestId: Uuid, nui: Nui, eron: EronCode, date: LocalDate });
export type IntimateVisit = Static<typeof IntimateVisit>;

/** VIS-11: the month's minimum — who is entitled and has not had one granted this month. */
export const IntimateMinimumReport = Type.Object({
  eron: EronCode,
  month: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' }),
  entitled: Type.Integer({ minimum: 0 }),
  short: Type.Array(Type.Object({ nui: Nui, requestId: Uuid }), { description: 'Con derecho y sin visita íntima este mes' }),
});
export type IntimateMinimumReport = Static<typeof IntimateMinimumReport>;
