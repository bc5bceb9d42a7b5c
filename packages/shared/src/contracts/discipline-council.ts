import { Type, type Static } from '@sinclair/typebox';
import { EronCode, LocalDate, Nui, Text, Timestamp, Uuid } from '../primitives';

/** The posts of the Disciplinary Council in plenary (DIS-11, Art. 135). */
export const COUNCIL_POSTS = [
  'director',
  'deputy_director',
  'legal_head',
  'guard_commander',
  'workshops_head',
  'education_head',
  'psychologist',
  'social_worker',
  'doctor',
  'personero',
  'ppl_representative',
  'ppl_alternate',
] as const;
export type CouncilPost = (typeof COUNCIL_POSTS)[number];

export const CouncilPostSchema = Type.Union(
  [
    Type.Literal('director', { description: 'Director del establecimiento, quien preside' }),
    Type.Literal('deputy_director', { description: 'Subdirector' }),
    Type.Literal('legal_head', { description: 'Responsable del área jurídica' }),
    Type.Literal('guard_commander', { description: 'Comandante de vigilancia' }),
    Type.Literal('workshops_head', { description: 'Responsable de talleres (ocupación laboral)' }),
    Type.Literal('education_head', { description: 'Responsable de educación' }),
    Type.Literal('psychologist', { description: 'Psicólogo(a)' }),
    Type.Literal('social_worker', { description: 'Trabajador(a) social' }),
    Type.Literal('doctor', { description: 'Médico(a)' }),
    Type.Literal('personero', { description: 'Personero(a) municipal o su delegado (Ministerio Público)' }),
    Type.Literal('ppl_representative', { description: 'Representante elegido por la población privada de la libertad (voz sin voto)' }),
    Type.Literal('ppl_alternate', { description: 'Suplente del representante de la PPL (voz sin voto)' }),
  ],
  { description: 'Cargo en el Consejo de Disciplina (Art. 135)' },
);

export const CouncilGroup = Type.Union([Type.Literal('plenary'), Type.Literal('one'), Type.Literal('two')], {
  description: 'Pleno, grupo uno (faltas graves, reposición, apelación de leves) o grupo dos (apelación de graves), Art. 135 §1',
});
export type CouncilGroup = Static<typeof CouncilGroup>;

export const CouncilMemberRequest = Type.Object(
  {
    post: CouncilPostSchema,
    name: Text(120, 'Nombre completo'),
    nui: Type.Optional({ ...Nui, description: 'NUI del representante de la PPL o de su suplente (elegidos entre la población)' }),
    group: Type.Optional(
      Type.Union([Type.Literal('one'), Type.Literal('two')], {
        description:
          'Sólo el personero o delegado: el grupo en que actúa (uno, por defecto; dos: delegado distinto del de primera instancia)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CouncilMemberRequest = Static<typeof CouncilMemberRequest>;

export const CouncilRequest = Type.Object(
  {
    members: Type.Array(CouncilMemberRequest, { minItems: 1, maxItems: 30 }),
    secretary: Type.Object(
      { name: Text(120, 'Nombre del secretario'), position: Text(120, 'Cargo del secretario') },
      { additionalProperties: false, description: 'Secretario designado por el presidente del Consejo (Art. 135)' },
    ),
  },
  { additionalProperties: false },
);
export type CouncilRequest = Static<typeof CouncilRequest>;

export const CouncilMember = Type.Object({
  id: Uuid,
  post: CouncilPostSchema,
  name: Type.String(),
  nui: Type.Union([Nui, Type.Null()]),
  groups: Type.Array(CouncilGroup, { description: 'Pleno y los grupos funcionales en que actúa' }),
  votes: Type.Boolean({ description: 'Voz y voto; el representante de la PPL y su suplente sólo tienen voz' }),
});
export type CouncilMember = Static<typeof CouncilMember>;

export const Council = Type.Object({
  eron: EronCode,
  members: Type.Array(CouncilMember),
  secretary: Type.Object({ name: Type.String(), position: Type.String() }),
  setBy: Type.String(),
  setAt: Timestamp,
});
export type Council = Static<typeof Council>;

export const SessionKind = Type.Union([Type.Literal('ordinary'), Type.Literal('extraordinary')]);

export const CouncilSessionRequest = Type.Object(
  {
    kind: SessionKind,
    date: LocalDate,
    agenda: Type.Array(Text(300), { minItems: 1, maxItems: 50, description: 'Orden del día' }),
    present: Type.Array(Uuid, { minItems: 1, maxItems: 30, uniqueItems: true, description: 'Integrantes asistentes (IDs del Consejo)' }),
    convenedBy: Type.Optional(
      Type.Union([Type.Literal('director'), Type.Literal('legal_head'), Type.Literal('member_request')], {
        description: 'Sesión extraordinaria: la convoca el Director, el responsable jurídico, o un integrante con petición justificada',
      }),
    ),
    requestedBy: Type.Optional({ ...Uuid, description: 'El integrante que pidió la sesión extraordinaria' }),
    justification: Type.Optional(Text(1000, 'Justificación de la petición')),
  },
  { additionalProperties: false },
);
export type CouncilSessionRequest = Static<typeof CouncilSessionRequest>;

export const CouncilMatter = Type.Union(
  [
    Type.Literal('case', { description: 'Falta grave en primera instancia (grupo uno)' }),
    Type.Literal('appeal', { description: 'Recurso de reposición o apelación' }),
    Type.Literal('conduct', { description: 'Calificación de conducta' }),
    Type.Literal('incentive', { description: 'Concepto previo sobre un estímulo (Art. 136.3)' }),
    Type.Literal('own_food', { description: 'Solicitud de alimentación propia (Art. 136.5)' }),
    Type.Literal('suspension', { description: 'Suspensión condicional de una sanción' }),
    Type.Literal('other'),
  ],
  { description: 'Asunto de la decisión' },
);
export type CouncilMatter = Static<typeof CouncilMatter>;

export const Vote = Type.Union([Type.Literal('for'), Type.Literal('against'), Type.Literal('abstain')]);

export const CouncilDecisionRequest = Type.Object(
  {
    group: CouncilGroup,
    matter: CouncilMatter,
    nui: Type.Optional(Nui),
    subject: Text(300, 'Lo que se decide'),
    reasons: Text(4000, 'Motivación'),
    votes: Type.Array(Type.Object({ memberId: Uuid, vote: Vote }, { additionalProperties: false }), { minItems: 1, maxItems: 30 }),
  },
  { additionalProperties: false },
);
export type CouncilDecisionRequest = Static<typeof CouncilDecisionRequest>;

export const CouncilDecision = Type.Object({
  id: Uuid,
  sessionId: Uuid,
  number: Type.Integer({ description: 'Orden de la decisión en la sesión' }),
  group: CouncilGroup,
  matter: CouncilMatter,
  nui: Type.Union([Nui, Type.Null()]),
  subject: Type.String(),
  reasons: Type.String(),
  outcome: Type.Union([Type.Literal('approved'), Type.Literal('rejected')], { description: 'Por mayoría de votos a favor' }),
  date: LocalDate,
  votes: Type.Array(Type.Object({ memberId: Uuid, name: Type.String(), post: CouncilPostSchema, vote: Vote })),
});
export type CouncilDecision = Static<typeof CouncilDecision>;

export const CouncilSession = Type.Object({
  id: Uuid,
  eron: EronCode,
  kind: SessionKind,
  date: LocalDate,
  acta: Type.String({ description: 'Número del acta, por establecimiento y año' }),
  agenda: Type.Array(Type.String()),
  convenedBy: Type.Union([Type.String(), Type.Null()]),
  justification: Type.Union([Type.String(), Type.Null()]),
  present: Type.Array(Type.Object({ memberId: Uuid, name: Type.String(), post: CouncilPostSchema, votes: Type.Boolean() })),
  decisions: Type.Array(CouncilDecision),
});
export type CouncilSession = Static<typeof CouncilSession>;

/** A council decision another act cites (an incentive's favourable opinion, an own-food approval, a grave case). */
export const CouncilDecisionRef = Type.Object(
  { sessionId: Uuid, decisionId: Uuid },
  { additionalProperties: false, description: 'Sesión y decisión del Consejo de Disciplina' },
);
export type CouncilDecisionRef = Static<typeof CouncilDecisionRef>;

/** The treatment officer's opinion on an incentive (DIS-16). */
export const TreatmentOpinionRequest = Type.Object(
  { nui: Nui, favourable: Type.Boolean(), reasons: Text(2000, 'Concepto del área de tratamiento') },
  { additionalProperties: false },
);
export type TreatmentOpinionRequest = Static<typeof TreatmentOpinionRequest>;

export const TreatmentOpinion = Type.Object({
  id: Uuid,
  nui: Nui,
  eron: EronCode,
  favourable: Type.Boolean(),
  reasons: Type.String(),
  givenAt: Timestamp,
});
export type TreatmentOpinion = Static<typeof TreatmentOpinion>;

/** DIS-16 (Arts. 136.3, 149): an incentive granted by the Director after both favourable opinions. */
export const IncentiveRequest = Type.Object(
  {
    nui: Nui,
    incentive: Text(300, 'El estímulo que se concede'),
    reasons: Text(2000, 'Motivación'),
    councilOpinion: CouncilDecisionRef,
    treatmentOpinionId: { ...Uuid, description: 'Concepto del oficial de tratamiento' },
  },
  { additionalProperties: false },
);
export type IncentiveRequest = Static<typeof IncentiveRequest>;

export const Incentive = Type.Object({
  id: Uuid,
  nui: Nui,
  eron: EronCode,
  incentive: Type.String(),
  reasons: Type.String(),
  acta: Type.String({ description: 'Acta de la sesión del Consejo que dio concepto favorable' }),
  councilDecisionId: Uuid,
  treatmentOpinionId: Uuid,
  notificationId: Type.String({ description: 'Reporte al juez de ejecución de penas (DIS-15)' }),
  grantedAt: Timestamp,
});
export type Incentive = Static<typeof Incentive>;

/** DIS-18 (Arts. 52, 136.5): the Council's answer to a PPL's request to provide their own food. */
export const OwnFoodRequest = Type.Object(
  {
    nui: Nui,
    healthReasons: Type.Boolean({ description: 'La solicitud es por razones de salud (exige concepto médico)' }),
    renunciationDocument: Type.Optional(Text(200, 'Referencia del escrito de renuncia a la alimentación del establecimiento')),
    securityCouncilOpinion: Type.Optional(Text(200, 'Referencia del concepto del Consejo de Seguridad')),
    doctorOpinion: Type.Optional(Text(200, 'Referencia del concepto del médico del establecimiento')),
    councilDecision: CouncilDecisionRef,
  },
  { additionalProperties: false },
);
export type OwnFoodRequest = Static<typeof OwnFoodRequest>;

export const OwnFoodAnswer = Type.Object({
  id: Uuid,
  nui: Nui,
  eron: EronCode,
  status: Type.Union([Type.Literal('approved'), Type.Literal('denied')]),
  acta: Type.String(),
  recordedAt: Timestamp,
});
export type OwnFoodAnswer = Static<typeof OwnFoodAnswer>;
