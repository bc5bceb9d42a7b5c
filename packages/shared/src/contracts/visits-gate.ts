import { Type, type Static } from '@sinclair/typebox';
import { IdentityDocument } from '../documents';
import { Amount, LocalDate, Nui, Text, Timestamp, Uuid } from '../primitives';

/** The gate (VIS-19, VIS-20, Arts. 68, 85): check-in and out against a numbered token, suspensions, the day's incidents. */
export const SealExemption = Type.Union(
  [
    Type.Literal('under_12', { description: 'Menor de 12 años (se comprueba con la fecha de nacimiento registrada)' }),
    Type.Literal('judge', { description: 'Juez' }),
    Type.Literal('magistrate', { description: 'Magistrado' }),
    Type.Literal('prosecutor', { description: 'Fiscal o procurador' }),
    Type.Literal('defender', { description: 'Defensor público' }),
    Type.Literal('attorney', { description: 'Abogado reconocido' }),
  ],
  { description: 'Por qué no se aplica el sello de tinta de seguridad (VIS-19)' },
);
export type SealExemption = Static<typeof SealExemption>;

export const CheckInBody = Type.Object(
  {
    bookingId: Uuid,
    visitorId: Uuid,
    documentShown: IdentityDocument,
    exemption: Type.Optional(SealExemption),
    credential: Type.Optional(Text(80, 'Carné o credencial que acredita la exención (juez, fiscal, defensor, abogado)')),
    underInfluence: Type.Optional(
      Type.Object(
        { reason: Text(300, 'Lo que observó la guardia (aliento, conducta, prueba)') },
        { additionalProperties: false, description: 'El visitante está bajo el efecto de alcohol o sustancias: no ingresa' },
      ),
    ),
  },
  { additionalProperties: false },
);
export type CheckInBody = Static<typeof CheckInBody>;

export const GateEntry = Type.Object({
  id: Uuid,
  bookingId: Uuid,
  visitorId: Uuid,
  nui: Nui,
  date: LocalDate,
  status: Type.Union([Type.Literal('inside'), Type.Literal('out'), Type.Literal('refused')]),
  token: Type.Union([Type.Integer(), Type.Null()], { description: 'Número de ficha, por establecimiento y día' }),
  seal: Type.Union([Type.Literal('applied'), Type.Literal('exempt'), Type.Null()]),
  exemption: Type.Union([SealExemption, Type.Null()]),
  refusalReason: Type.Union([Type.String(), Type.Null()]),
  checkedInAt: Type.Union([Timestamp, Type.Null()]),
  checkedOutAt: Type.Union([Timestamp, Type.Null()]),
  tokenState: Type.Union([Type.Literal('returned'), Type.Literal('lost'), Type.Literal('damaged'), Type.Null()]),
  documentReturned: Type.Boolean(),
  debt: Type.Union([Amount, Type.Null()], { description: 'Ficha perdida o dañada: 3 SMLDV a cargo del visitante' }),
});
export type GateEntry = Static<typeof GateEntry>;

export const CheckOutBody = Type.Object(
  {
    token: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: 'La ficha devuelta' })),
    visitorId: Type.Optional(Uuid),
    tokenState: Type.Optional(
      Type.Union([Type.Literal('returned'), Type.Literal('lost'), Type.Literal('damaged')], {
        description: 'returned (por defecto) exige la ficha; lost o damaged, el visitante',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CheckOutBody = Static<typeof CheckOutBody>;

export const InsideNow = Type.Object({
  date: LocalDate,
  inside: Type.Array(
    Type.Object({ entryId: Uuid, token: Type.Integer(), bookingId: Uuid, nui: Nui, visitorId: Uuid, checkedInAt: Timestamp }),
  ),
});
export type InsideNow = Static<typeof InsideNow>;

export const SuspensionBody = Type.Object({ reason: Text(500, 'Motivo de la suspensión (Art. 85)') }, { additionalProperties: false });
export type SuspensionBody = Static<typeof SuspensionBody>;

export const Suspension = Type.Object({
  bookingId: Uuid,
  reason: Type.String(),
  suspendedAt: Timestamp,
  checkedOut: Type.Array(Uuid, { description: 'Visitantes que salieron con la suspensión' }),
});
export type Suspension = Static<typeof Suspension>;

export const IncidentReportBody = Type.Object({ date: LocalDate }, { additionalProperties: false });
export type IncidentReportBody = Static<typeof IncidentReportBody>;

export const IncidentReportSent = Type.Object({
  date: LocalDate,
  incidents: Type.Integer(),
  notificationId: Uuid,
  recipient: Type.Literal('regional_director'),
});
export type IncidentReportSent = Static<typeof IncidentReportSent>;
