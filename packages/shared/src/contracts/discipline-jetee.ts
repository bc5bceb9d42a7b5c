import { Type, type Static } from '@sinclair/typebox';
import { EronCode, LocalDate, Nui, Text, Timestamp, Uuid } from '../primitives';

/** The JETEE, its programmes, hours, evaluations and sentence redemption (DIS-20 … DIS-24). */
export const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'Mes calendario (AAAA-MM)' });

export const JeteeSeat = Type.Union(
  [
    Type.Literal('director', { description: 'Director(a) del establecimiento, quien preside' }),
    Type.Literal('deputy_director', { description: 'Subdirector(a)' }),
    Type.Literal('director_designee', { description: 'Quien designe el Director si no hay subdirector o el cargo está vacante' }),
    Type.Literal('treatment_head', { description: 'Responsable de atención y tratamiento' }),
    Type.Literal('guard_commander', { description: 'Comandante de vigilancia' }),
    Type.Literal('designated_officer', { description: 'Funcionario del INPEC que designe el comandante de vigilancia' }),
  ],
  { description: 'Calidad en la JETEE (Art. 140)' },
);
export type JeteeSeat = Static<typeof JeteeSeat>;

export const JeteeMember = Type.Object(
  { seat: JeteeSeat, name: Text(120, 'Nombre completo'), position: Text(120, 'Cargo') },
  { additionalProperties: false },
);
export type JeteeMember = Static<typeof JeteeMember>;

export const JeteeBoardBody = Type.Object(
  { members: Type.Array(JeteeMember, { minItems: 1, maxItems: 8 }) },
  { additionalProperties: false },
);
export type JeteeBoardBody = Static<typeof JeteeBoardBody>;

export const JeteeBoard = Type.Object({
  eron: EronCode,
  members: Type.Array(Type.Object({ id: Uuid, seat: JeteeSeat, name: Type.String(), position: Type.String() })),
  updatedAt: Timestamp,
});
export type JeteeBoard = Static<typeof JeteeBoard>;

export const JeteeSessionBody = Type.Object(
  {
    heldOn: LocalDate,
    attendees: Type.Array(Uuid, { minItems: 1, maxItems: 8, description: 'Miembros de la JETEE presentes' }),
    notes: Type.Optional(Text(2000, 'Asuntos tratados')),
  },
  { additionalProperties: false },
);
export type JeteeSessionBody = Static<typeof JeteeSessionBody>;

export const JeteeSession = Type.Object({
  id: Uuid,
  eron: EronCode,
  number: Type.Integer({ minimum: 1 }),
  acta: Type.String({ description: 'Número del acta: JETEE-<ERON>-<año>-<consecutivo>' }),
  heldOn: LocalDate,
  attendees: Type.Array(Type.Object({ memberId: Uuid, seat: JeteeSeat, name: Type.String() })),
  notes: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
});
export type JeteeSession = Static<typeof JeteeSession>;

export const MissedMonths = Type.Object({
  eron: EronCode,
  from: Month,
  to: Month,
  months: Type.Array(Type.Object({ month: Month, flaggedAt: Type.Union([Timestamp, Type.Null()]) }), {
    description: 'Meses calendario sin sesión de la JETEE (DIS-20)',
  }),
});
export type MissedMonths = Static<typeof MissedMonths>;

export const ProgrammeKind = Type.Union([Type.Literal('work'), Type.Literal('study'), Type.Literal('teaching')], {
  description: 'Trabajo, estudio o enseñanza',
});
export type ProgrammeKind = Static<typeof ProgrammeKind>;

export const ProgrammeBody = Type.Object(
  {
    kind: ProgrammeKind,
    name: Text(160, 'Nombre del programa'),
    places: Type.Integer({ minimum: 1, maximum: 5000, description: 'Cupos' }),
    officer: Text(120, 'Usuario (sub) del funcionario responsable, quien registra las horas'),
  },
  { additionalProperties: false },
);
export type ProgrammeBody = Static<typeof ProgrammeBody>;

export const Programme = Type.Object({
  id: Uuid,
  eron: EronCode,
  kind: ProgrammeKind,
  name: Type.String(),
  places: Type.Integer(),
  taken: Type.Integer({ description: 'Cupos ocupados por órdenes vigentes de la JETEE' }),
  officer: Type.String(),
  createdAt: Timestamp,
});
export type Programme = Static<typeof Programme>;

/** Grounds the JETEE may give (aptitude, vocation, availability…) and those that can never exclude (Art. 108). */
export const RefusalGround = Type.Union(
  [
    Type.Literal('aptitude'),
    Type.Literal('vocation'),
    Type.Literal('availability'),
    Type.Literal('security'),
    Type.Literal('conduct_in_programme'),
    Type.Literal('disability'),
    Type.Literal('sex'),
    Type.Literal('sexual_orientation'),
    Type.Literal('age'),
    Type.Literal('gender_identity'),
    Type.Literal('race'),
    Type.Literal('ethnicity'),
    Type.Literal('national_or_family_origin'),
    Type.Literal('language'),
    Type.Literal('religion'),
    Type.Literal('political_or_philosophical_opinion'),
  ],
  { description: 'Motivo de negativa o retiro; los del Art. 108 (discapacidad, sexo, orientación…) nunca excluyen: 422 DIS-21' },
);
export type RefusalGround = Static<typeof RefusalGround>;

export const CandidateBody = Type.Object({ nui: Nui }, { additionalProperties: false });
export type CandidateBody = Static<typeof CandidateBody>;

export const Qualification = Type.Object(
  {
    title: Text(160, 'Título o certificación del instructor'),
    issuer: Text(160, 'Entidad que lo expidió'),
    accreditation: Text(80, 'Número de acreditación o registro'),
  },
  { additionalProperties: false, description: 'Idoneidad acreditada del instructor (Art. 113), obligatoria para enseñanza' },
);

export const OrderBody = Type.Object(
  {
    nui: Nui,
    sessionId: Uuid,
    decision: Type.Union([Type.Literal('admit'), Type.Literal('refuse')]),
    grounds: Type.Optional(Type.Array(RefusalGround, { maxItems: 5 })),
    reasons: Type.Optional(Text(1000, 'Motivación (obligatoria en toda negativa)')),
    qualification: Type.Optional(Qualification),
  },
  { additionalProperties: false },
);
export type OrderBody = Static<typeof OrderBody>;

export const RemovalBody = Type.Object(
  {
    sessionId: Uuid,
    grounds: Type.Array(RefusalGround, { minItems: 1, maxItems: 5 }),
    reasons: Text(1000, 'Motivación del retiro'),
  },
  { additionalProperties: false },
);
export type RemovalBody = Static<typeof RemovalBody>;

export const ProgrammeOrder = Type.Object({
  id: Uuid,
  programmeId: Uuid,
  nui: Nui,
  eron: EronCode,
  sessionId: Uuid,
  acta: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('refused'), Type.Literal('removed')]),
  legalStatus: Type.Union([Type.String(), Type.Null()]),
  orderedOn: LocalDate,
  grounds: Type.Array(RefusalGround),
  reasons: Type.Union([Type.String(), Type.Null()]),
  removedOn: Type.Union([LocalDate, Type.Null()]),
});
export type ProgrammeOrder = Static<typeof ProgrammeOrder>;

export const HoursBody = Type.Object(
  {
    nui: Nui,
    date: LocalDate,
    hours: Type.Number({ exclusiveMinimum: 0, maximum: 24, multipleOf: 0.5 }),
    authorisation: Type.Optional(
      Type.Object(
        { reference: Text(80, 'Número de la autorización escrita del Director'), date: LocalDate },
        { additionalProperties: false, description: 'Autorización escrita del Director para domingos y festivos (DIS-22)' },
      ),
    ),
  },
  { additionalProperties: false },
);
export type HoursBody = Static<typeof HoursBody>;

export const HoursEntry = Type.Object({
  id: Uuid,
  programmeId: Uuid,
  kind: ProgrammeKind,
  nui: Nui,
  date: LocalDate,
  hours: Type.Number(),
  counted: Type.Number({ description: 'Horas que cuentan para redención' }),
  excess: Type.Number({ description: 'Horas registradas que no cuentan' }),
  excessReason: Type.Union([Type.String(), Type.Null()]),
  authorisation: Type.Union([Type.String(), Type.Null()]),
  recordedBy: Type.String(),
});
export type HoursEntry = Static<typeof HoursEntry>;

export const Rating = Type.Union([Type.Literal('sobresaliente'), Type.Literal('buena'), Type.Literal('deficiente')]);
export type Rating = Static<typeof Rating>;

export const EvaluationBody = Type.Object(
  {
    evaluations: Type.Array(
      Type.Object(
        { nui: Nui, programmeId: Uuid, month: Month, rating: Rating, remarks: Text(1000, 'Evaluación escrita') },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
export type EvaluationBody = Static<typeof EvaluationBody>;

export const Evaluation = Type.Object({
  id: Uuid,
  sessionId: Uuid,
  acta: Type.String(),
  nui: Nui,
  programmeId: Uuid,
  kind: ProgrammeKind,
  month: Month,
  rating: Rating,
  remarks: Type.String(),
  conductRating: Type.Union([Type.String(), Type.Null()], { description: 'Calificación de conducta del periodo (DIS-13), si la hay' }),
  countedHours: Type.Number(),
});
export type Evaluation = Static<typeof Evaluation>;

export const Computation = Type.Object({
  rate: Type.String({ description: 'Regla aplicada: su fuente legal' }),
  effectiveFrom: LocalDate,
  days: Type.Number({ description: 'Días de redención, con dos decimales' }),
});

export const RedemptionMonth = Type.Object({
  evaluationId: Uuid,
  programmeId: Uuid,
  kind: ProgrammeKind,
  month: Month,
  rating: Rating,
  conductRating: Type.Union([Type.String(), Type.Null()]),
  countedHours: Type.Number(),
  computable: Type.Boolean({ description: 'Falso si es deficiente, o de un sindicado cuya condena no está en firme (Art. 112)' }),
  note: Type.Union([Type.String(), Type.Null()]),
  inForce: Type.Array(Computation, { description: 'Cómputo con la regla vigente en cada día del mes' }),
  favourable: Type.Union([Computation, Type.Null()], { description: 'Cómputo con una regla posterior más favorable (favorabilidad)' }),
  days: Type.Number({ description: 'Días ganados según la regla vigente' }),
  certificateId: Type.Union([Uuid, Type.Null()]),
});
export type RedemptionMonth = Static<typeof RedemptionMonth>;

export const RedemptionAccount = Type.Object({
  nui: Nui,
  earned: Type.Number({ description: 'Días ganados (meses evaluados y computables)' }),
  certified: Type.Number({ description: 'Días certificados al juez' }),
  pending: Type.Number({ description: 'Ganados aún sin certificar (earned − certified)' }),
  granted: Type.Number({ description: 'Días que el juez reconoció' }),
  lost: Type.Number({ description: 'Días perdidos por sanciones en firme (DIS-05)' }),
  balance: Type.Number({ description: 'granted − lost' }),
  uncomputedHours: Type.Number({ description: 'Horas de sindicado evaluadas pero no computadas hasta la condena en firme' }),
  months: Type.Array(RedemptionMonth),
});
export type RedemptionAccount = Static<typeof RedemptionAccount>;

export const CertificateBody = Type.Object(
  {
    eron: EronCode,
    judgeRequest: Type.Optional(
      Text(120, 'Solicitud del juez (Art. 112) para computar horas de sindicado, p. ej. para la libertad por pena cumplida'),
    ),
  },
  { additionalProperties: false },
);
export type CertificateBody = Static<typeof CertificateBody>;

export const DecisionBody = Type.Object(
  {
    daysGranted: Type.Number({ minimum: 0, maximum: 10000, multipleOf: 0.01 }),
    orderNumber: Text(80, 'Número del auto del juez'),
    decidedOn: LocalDate,
  },
  { additionalProperties: false },
);
export type DecisionBody = Static<typeof DecisionBody>;

export const Certificate = Type.Object({
  id: Uuid,
  nui: Nui,
  eron: EronCode,
  code: Type.String({ description: 'Código de verificación' }),
  days: Type.Number(),
  months: Type.Integer(),
  judgeRequest: Type.Union([Type.String(), Type.Null()]),
  issuedAt: Timestamp,
  decision: Type.Union([Type.Object({ daysGranted: Type.Number(), orderNumber: Type.String(), decidedOn: LocalDate }), Type.Null()]),
});
export type Certificate = Static<typeof Certificate>;
