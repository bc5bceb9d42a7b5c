import { Type, type Static } from '@sinclair/typebox';
import { ExitReason, LegalStatus } from '../events';
import { EronCode, LocalDate, Nui, Text, Timestamp, Uuid } from '../primitives';
import { NextPage, PageCursor, PageLimit } from './classification';

/** A transfer order (CLS-20, Arts. 171, 178 §1): the DG, or a regional director with delegation. */
export const TransferOrderRequest = Type.Object(
  {
    nui: Nui,
    toEron: EronCode,
    reasons: Text(2000, 'Motivación del traslado (Art. 171)'),
    authority: Text(300, 'Juez de ejecución de penas que vigila la condena, o autoridad a cuya disposición está la PPL'),
    delegation: Type.Optional(
      Text(200, 'Acto de delegación del Director General; obligatorio cuando ordena un director regional (Art. 171)'),
    ),
  },
  { additionalProperties: false, description: 'Orden de traslado entre establecimientos' },
);
export type TransferOrderRequest = Static<typeof TransferOrderRequest>;

export const TransferStatus = Type.Union([Type.Literal('ordered'), Type.Literal('in_transit'), Type.Literal('received')], {
  description: 'ordenado → en tránsito (no pertenece a ningún establecimiento) → recibido',
});
export type TransferStatus = Static<typeof TransferStatus>;

export const TransferDelayRequest = Type.Object(
  {
    cause: Text(1000, 'Causa de fuerza mayor que demora el traslado (Art. 178 §1)'),
    expectedDate: Type.Optional(LocalDate),
  },
  { additionalProperties: false },
);
export type TransferDelayRequest = Static<typeof TransferDelayRequest>;

export const Transfer = Type.Object({
  id: Uuid,
  nui: Nui,
  fromEron: EronCode,
  toEron: EronCode,
  status: TransferStatus,
  reasons: Type.String(),
  authority: Type.String(),
  orderedAs: Type.Union([Type.Literal('dg'), Type.Literal('regional_director')]),
  delegation: Type.Union([Type.String(), Type.Null()]),
  orderedAt: Timestamp,
  dispatchedAt: Type.Union([Timestamp, Type.Null()]),
  receivedAt: Type.Union([Timestamp, Type.Null()]),
  delays: Type.Array(Type.Object({ cause: Type.String(), expectedDate: Type.Union([LocalDate, Type.Null()]), recordedAt: Timestamp })),
});
export type Transfer = Static<typeof Transfer>;

/** The judicial decision that orders a release or house arrest (CLS-21, Art. 41 §). */
export const JudicialDecision = Type.Object(
  {
    authority: Text(300, 'Autoridad judicial que decide'),
    number: Text(80, 'Número o radicado de la decisión'),
    date: LocalDate,
  },
  { additionalProperties: false, description: 'Decisión judicial que ordena la libertad o la detención/prisión domiciliaria' },
);

export const ExitRequest = Type.Object(
  {
    nui: Nui,
    reason: ExitReason,
    occurredAt: Timestamp,
    judicialDecision: Type.Optional(JudicialDecision),
    details: Type.Optional(Text(2000, 'Circunstancias (p. ej. de la fuga o del deceso); sin datos de salud')),
  },
  { additionalProperties: false, description: 'Salida: libertad, domiciliaria, deceso, fuga o entrega en extradición' },
);
export type ExitRequest = Static<typeof ExitRequest>;

export const Exit = Type.Object({
  id: Uuid,
  nui: Nui,
  eron: EronCode,
  reason: ExitReason,
  occurredAt: Timestamp,
  fromHouseArrest: Type.Boolean({ description: 'Fuga de quien estaba en detención/prisión domiciliaria (Art. 156 §2)' }),
  notified: Type.Array(Type.String(), { description: 'A quiénes se pidió notificar' }),
  recordedAt: Timestamp,
});
export type Exit = Static<typeof Exit>;

export const RecaptureRequest = Type.Object(
  { occurredAt: Timestamp, details: Type.Optional(Text(2000, 'Autoridad que recaptura, lugar')) },
  { additionalProperties: false },
);
export type RecaptureRequest = Static<typeof RecaptureRequest>;

export const EscapeRegisterEntry = Type.Object({
  id: Uuid,
  nui: Nui,
  eron: EronCode,
  kind: Type.Union([Type.Literal('escape'), Type.Literal('recapture')]),
  fromHouseArrest: Type.Boolean(),
  occurredAt: Timestamp,
  recordedAt: Timestamp,
});
export const EscapeRegister = Type.Object(
  { eron: EronCode, entries: Type.Array(EscapeRegisterEntry), next: NextPage },
  { description: 'Registro de fugas y recapturas, también de PPL en domiciliaria (Art. 156 §1–2): una página, la más reciente primero' },
);

export const EscapeRegisterQuery = Type.Object(
  {
    from: Type.Optional({ ...LocalDate, description: 'Desde (fecha del hecho); con to, a lo sumo 366 días' }),
    to: Type.Optional({ ...LocalDate, description: 'Hasta (fecha del hecho, incluida)' }),
    limit: Type.Optional(PageLimit(500, 100)),
    before: Type.Optional(PageCursor),
  },
  { additionalProperties: false },
);
export type EscapeRegisterQuery = Static<typeof EscapeRegisterQuery>;

export const TreatmentPhase = Type.Union(
  [Type.Literal('observation'), Type.Literal('high'), Type.Literal('medium'), Type.Literal('minimum'), Type.Literal('trust')],
  { description: 'Fase del tratamiento progresivo: observación, alta, mediana, mínima seguridad, confianza (Art. 139)' },
);
export type TreatmentPhase = Static<typeof TreatmentPhase>;

export const TreatmentRequest = Type.Object(
  {
    securityLevel: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, description: 'Nivel de seguridad' })),
    phase: Type.Optional(TreatmentPhase),
    cetActa: Text(60, 'Acta del Consejo de Evaluación y Tratamiento'),
    reasons: Text(1000, 'Motivación de la decisión del CET'),
  },
  { additionalProperties: false, description: 'Decisión del CET sobre nivel de seguridad y fase (solo condenados)' },
);
export type TreatmentRequest = Static<typeof TreatmentRequest>;

export const TreatmentRecord = Type.Object({
  nui: Nui,
  eron: EronCode,
  securityLevel: Type.Union([Type.Integer(), Type.Null()]),
  phase: Type.Union([TreatmentPhase, Type.Null()]),
  history: Type.Array(
    Type.Object({
      securityLevel: Type.Union([Type.Integer(), Type.Null()]),
      phase: Type.Union([TreatmentPhase, Type.Null()]),
      cetActa: Type.String(),
      reasons: Type.String(),
      setBy: Type.String(),
      setAt: Timestamp,
    }),
  ),
});
export type TreatmentRecord = Static<typeof TreatmentRecord>;

export type EscapeRegister = Static<typeof EscapeRegister>;

/** The judicial decision by which a conviction became firm (CLS-06, Art. 26: the current legal situation). */
export const ConvictionRequest = Type.Object(
  {
    legalStatus: Type.Literal('condenado', { description: 'La nueva situación jurídica: condenado (condena en firme)' }),
    court: Text(300, 'Despacho judicial que profirió la sentencia'),
    decisionNumber: Text(100, 'Número o radicado de la sentencia'),
    firmOn: LocalDate,
  },
  { additionalProperties: false, description: 'Una condena que quedó en firme, con los datos de la decisión judicial' },
);
export type ConvictionRequest = Static<typeof ConvictionRequest>;

export const LegalStatusRecord = Type.Object({
  nui: Nui,
  eron: EronCode,
  legalStatus: LegalStatus,
  history: Type.Array(
    Type.Object({
      from: LegalStatus,
      to: LegalStatus,
      court: Type.String(),
      decisionNumber: Type.String(),
      firmOn: LocalDate,
      recordedBy: Type.String(),
      recordedAt: Timestamp,
    }),
  ),
});
export type LegalStatusRecord = Static<typeof LegalStatusRecord>;
