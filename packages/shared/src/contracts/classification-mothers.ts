import { Type, type Static } from '@sinclair/typebox';
import { EronCode, LocalDate, Nui, Text, Timestamp, Uuid } from '../primitives';

/**
 * CLS-17 (Art. 31): a mother's request that her child under three stay with her, the Director's
 * decision and the alert before the child turns three. The child's names are confidential
 * (PLT-06): only the single-request read returns them, to the roles that need them, audited.
 */
export const ChildRequestBody = Type.Object(
  {
    child: Type.Object(
      {
        names: Text(160, 'Nombres y apellidos de la niña o el niño (confidencial)'),
        birthDate: LocalDate,
        document: Type.Optional(Text(30, 'Registro civil / NUIP (confidencial)')),
      },
      { additionalProperties: false },
    ),
    statement: Text(1000, 'Lo que pide la madre, en sus palabras'),
  },
  { additionalProperties: false, description: 'Solicitud de la madre (Art. 31)' },
);
export type ChildRequestBody = Static<typeof ChildRequestBody>;

/**
 * The Director's decision. Approval needs every accreditation of Art. 31 (a missing one is a 422
 * naming CLS-17, not a 400); a denial needs written reasons. It takes no disability, orientation
 * or gender identity: they are never a reason to separate mother and child.
 */
export const ChildDecisionRequest = Type.Object(
  {
    decision: Type.Union([Type.Literal('approved'), Type.Literal('denied')]),
    reasons: Type.Optional(Text(2000, 'Motivación escrita; obligatoria al negar')),
    filiationDocument: Type.Optional(Text(200, 'Documento que acredita la filiación')),
    noRiskConcept: Type.Optional(Text(500, 'Concepto que acredita que la permanencia no entraña riesgo para la niña o el niño')),
    medicalExamDate: Type.Optional(LocalDate),
    doctor: Type.Optional(Text(120, 'Médico del establecimiento que examinó a la niña o el niño')),
    cellId: Type.Optional(Uuid),
    sessionId: Type.Optional(Type.String({ format: 'uuid', description: 'Sesión de la Junta, si la ubicación la decide ella' })),
    acta: Type.Optional(Text(60, 'Sólo el Director General: el acto con que ubica')),
    specialRegimeBasis: Type.Optional(Text(200, 'Documento que acredita el régimen especial de la unidad de madres')),
    overCapacityReason: Type.Optional(Text(500)),
  },
  { additionalProperties: false },
);
export type ChildDecisionRequest = Static<typeof ChildDecisionRequest>;

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const ChildRequest = Type.Object(
  {
    id: Uuid,
    nui: Nui,
    eron: EronCode,
    status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('denied')]),
    requestedAt: Timestamp,
    turnsThreeOn: LocalDate,
    reasons: Nullable(Type.String()),
    placementId: Nullable(Uuid),
    notificationId: Nullable(Uuid),
    decidedAt: Nullable(Timestamp),
    child: Type.Optional(
      Type.Object(
        { names: Type.String(), birthDate: LocalDate, document: Nullable(Type.String()) },
        { description: 'Sólo a trabajo social, jurídica y la Dirección; la consulta queda auditada' },
      ),
    ),
  },
  { description: 'Solicitud de permanencia de una hija o un hijo menor de tres años (CLS-17)' },
);
export type ChildRequest = Static<typeof ChildRequest>;

export const ChildrenTurningThree = Type.Object(
  {
    eron: EronCode,
    asOf: LocalDate,
    children: Type.Array(Type.Object({ requestId: Uuid, nui: Nui, turnsThreeOn: LocalDate, daysLeft: Type.Integer({ minimum: 0 }) }), {
      description: 'Sin nombres: alerta a atender antes de que cumplan tres años',
    }),
  },
  { description: 'Niñas y niños con su madre que cumplen tres años en los próximos 30 días (CLS-17)' },
);
export type ChildrenTurningThree = Static<typeof ChildrenTurningThree>;
