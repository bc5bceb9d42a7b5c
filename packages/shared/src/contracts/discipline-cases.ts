import { Type, type Static } from '@sinclair/typebox';
import { EronCode, LocalDate, Nui, Text, Timestamp, Uuid } from '../primitives';

// DIS-01 … DIS-10: the offence catalogue, disciplinary cases, sanctions and appeals.

export const OffenceSeverity = Type.Union([Type.Literal('leve'), Type.Literal('grave')], {
  description: 'Falta leve o grave (Ley 65, Art. 121)',
});
export type OffenceSeverity = Static<typeof OffenceSeverity>;

const OffenceCode = Type.String({ pattern: '^[LG]-[0-9]{2}$', description: 'Código de la falta en el catálogo (L-xx leve, G-xx grave)' });

export const Offence = Type.Object({ code: OffenceCode, severity: OffenceSeverity, text: Type.String() });
export type Offence = Static<typeof Offence>;

export const OffenceCatalogue = Type.Object(
  {
    version: Type.String(),
    validFrom: LocalDate,
    source: Type.String(),
    offences: Type.Array(Offence),
  },
  { description: 'Catálogo de faltas vigente en una fecha (DIS-01)' },
);
export type OffenceCatalogue = Static<typeof OffenceCatalogue>;

const Evidence = Type.Array(Text(500), { maxItems: 50, description: 'Pruebas: descripción o referencia de cada una' });

export const CaseReportBody = Type.Object(
  {
    eron: EronCode,
    nui: Nui,
    offenceCode: OffenceCode,
    factDate: LocalDate,
    place: Text(200),
    facts: Text(4000),
    reporter: Text(200, 'Quien informa los hechos (nombre y cargo)'),
    evidence: Evidence,
  },
  { additionalProperties: false },
);
export type CaseReportBody = Static<typeof CaseReportBody>;

export const CaseOpeningBody = Type.Object(
  {
    openedOn: Type.Optional({ ...LocalDate, description: 'Fecha del auto de apertura (hoy si falta); no anterior a los hechos' }),
    directorInformedOn: Type.Optional({
      ...LocalDate,
      description: 'Falta grave: fecha en que el Director conoció el informe (Art. 135); no posterior a la apertura',
    }),
  },
  { additionalProperties: false },
);
export type CaseOpeningBody = Static<typeof CaseOpeningBody>;

export const CaseNoticeBody = Type.Object(
  {
    notifiedOn: Type.Optional(LocalDate),
    how: Text(300, 'Cómo se notificó a la PPL (personalmente, en el pabellón…)'),
    charges: Text(2000, 'Cargos formulados'),
  },
  { additionalProperties: false },
);
export type CaseNoticeBody = Static<typeof CaseNoticeBody>;

export const CaseHearingBody = Type.Object(
  {
    heardOn: Type.Optional(LocalDate),
    statement: Text(4000, 'Descargos de la PPL'),
    evidence: Evidence,
  },
  { additionalProperties: false },
);
export type CaseHearingBody = Static<typeof CaseHearingBody>;

export const CaseCouncilAct = Type.Object(
  {
    sessionId: { ...Uuid, description: 'La sesión del Consejo de Disciplina donde se decidió (DIS-12)' },
    decisionId: { ...Uuid, description: 'La decisión votada en esa sesión (materia case o appeal, esta PPL, aprobada)' },
    ministerioPublicoDelegate: Text(200, 'Delegado del Ministerio Público en la sesión'),
  },
  { additionalProperties: false, description: 'La decisión del Consejo en sesión, con quórum y votos (Art. 135 §1)' },
);
export type CaseCouncilAct = Static<typeof CaseCouncilAct>;

export const CaseCircumstances = Type.Object(
  {
    how: Text(2000, 'Modo en que ocurrieron los hechos'),
    harm: Text(2000, 'Daño causado'),
    stateOfMind: Text(2000, 'Estado anímico de la persona'),
    previousConduct: Text(2000, 'Conducta anterior'),
    aggravating: Type.Array(Text(300), { maxItems: 20 }),
    mitigating: Type.Array(Text(300), { maxItems: 20 }),
  },
  { additionalProperties: false, description: 'Circunstancias de atenuación y agravación ponderadas (Art. 150)' },
);
export type CaseCircumstances = Static<typeof CaseCircumstances>;

export const SanctionOrder = Type.Object(
  {
    kind: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'reprimand, no_recreation, visit_suppression, incentive_suspension, redemption_loss',
    }),
    amount: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Días, visitas o días de redención' })),
    measure: Type.Optional(Type.String({ maxLength: 500, description: 'Descripción de la medida' })),
    grounds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 10, description: 'Qué se sanciona' })),
  },
  { additionalProperties: false },
);
export type SanctionOrder = Static<typeof SanctionOrder>;

export const CaseDecisionBody = Type.Object(
  {
    outcome: Type.Union([Type.Literal('sanction'), Type.Literal('acquittal')]),
    reasons: Text(8000, 'Motivación de la decisión'),
    circumstances: CaseCircumstances,
    sanction: Type.Optional(SanctionOrder),
    council: Type.Optional(CaseCouncilAct),
    notifiedOn: Type.Optional(LocalDate),
  },
  { additionalProperties: false },
);
export type CaseDecisionBody = Static<typeof CaseDecisionBody>;

const CaseAuthority = Type.Union([Type.Literal('director'), Type.Literal('council_group_one'), Type.Literal('council_group_two')]);

export const DisciplineSanction = Type.Object({
  id: Uuid,
  caseId: Uuid,
  nui: Nui,
  eron: EronCode,
  severity: OffenceSeverity,
  kind: Type.String(),
  amount: Type.Union([Type.Integer(), Type.Null()]),
  inForce: Type.Union([Type.Integer(), Type.Null()], { description: 'Lo que se cumple: amount menos lo suspendido y no revivido' }),
  status: Type.String(),
  factDate: LocalDate,
  imposedAt: Timestamp,
  firmAt: Type.Union([Timestamp, Type.Null()]),
  servesOn: Type.Union([LocalDate, Type.Null()]),
  suspension: Type.Union([
    Type.Object({
      on: LocalDate,
      reasons: Type.String(),
      justification: Type.Union([Type.String(), Type.Null()]),
      part: Type.Union([Type.Integer(), Type.Null()], { description: 'Lo suspendido de una suspensión parcial; null: toda' }),
      revivedOn: Type.Union([LocalDate, Type.Null()], { description: 'Revivida por una nueva falta (Art. 152)' }),
    }),
    Type.Null(),
  ]),
  revocation: Type.Union([Type.Object({ on: LocalDate, reasons: Type.String(), of: Type.String() }), Type.Null()]),
});
export type DisciplineSanction = Static<typeof DisciplineSanction>;

export const DisciplineAppeal = Type.Object({
  id: Uuid,
  caseId: Uuid,
  kind: Type.Union([Type.Literal('reposicion'), Type.Literal('apelacion')]),
  authority: CaseAuthority,
  filedOn: LocalDate,
  subsidiary: Type.Boolean(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('confirmed'), Type.Literal('reversed')]),
  decidedAt: Type.Union([Timestamp, Type.Null()]),
});
export type DisciplineAppeal = Static<typeof DisciplineAppeal>;

export const DisciplinaryCase = Type.Object(
  {
    id: Uuid,
    eron: EronCode,
    nui: Nui,
    offence: Type.Object({ version: Type.String(), code: Type.String(), severity: OffenceSeverity, text: Type.String() }),
    status: Type.Union([
      Type.Literal('reported'),
      Type.Literal('opened'),
      Type.Literal('notified'),
      Type.Literal('heard'),
      Type.Literal('decided'),
    ]),
    factDate: LocalDate,
    place: Type.String(),
    facts: Type.String(),
    reporter: Type.String(),
    evidence: Type.Array(Type.String()),
    instructedBy: Type.Union([Type.String(), Type.Null()], { description: 'Rol que instruye (DIS-03)' }),
    notifiedOn: Type.Union([LocalDate, Type.Null()]),
    heardOn: Type.Union([LocalDate, Type.Null()]),
    decision: Type.Union([
      Type.Object({
        authority: CaseAuthority,
        outcome: Type.Union([Type.Literal('sanction'), Type.Literal('acquittal')]),
        reasons: Type.String(),
        decidedAt: Timestamp,
        notifiedOn: LocalDate,
        appealDueOn: LocalDate,
      }),
      Type.Null(),
    ]),
    sanction: Type.Union([DisciplineSanction, Type.Null()]),
    appeals: Type.Array(DisciplineAppeal),
  },
  { description: 'Proceso disciplinario (DIS-02 … DIS-07)' },
);
export type DisciplinaryCase = Static<typeof DisciplinaryCase>;

export const AppealBody = Type.Object(
  {
    filedOn: Type.Optional(LocalDate),
    grounds: Text(4000),
    subsidiaryAppeal: Type.Boolean({ description: 'Apelación en subsidio de la reposición' }),
  },
  { additionalProperties: false },
);
export type AppealBody = Static<typeof AppealBody>;

export const AppealDecisionBody = Type.Object(
  {
    outcome: Type.Union([Type.Literal('confirmed'), Type.Literal('reversed')]),
    reasons: Text(8000),
    council: Type.Optional(CaseCouncilAct),
  },
  { additionalProperties: false },
);
export type AppealDecisionBody = Static<typeof AppealDecisionBody>;

export const AppealTermBody = Type.Object(
  { businessDays: Type.Integer({ minimum: 1, maximum: 30, description: 'Días hábiles para recurrir tras la notificación' }) },
  { additionalProperties: false },
);
export type AppealTermBody = Static<typeof AppealTermBody>;
export const AppealTerm = Type.Object({ eron: EronCode, businessDays: Type.Integer() });
export type AppealTerm = Static<typeof AppealTerm>;

export const FirmnessRun = Type.Object({ eron: EronCode, firm: Type.Array(Uuid) });
export type FirmnessRun = Static<typeof FirmnessRun>;

export const SanctionSuspensionBody = Type.Object(
  {
    reasons: Text(4000),
    justification: Type.Optional(Text(4000, 'Justificación expresa si la PPL es reincidente (Art. 152)')),
    part: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 1000,
        description:
          'Suspensión parcial: cuántos de los días, visitas o días de redención se suspenden (menos que el total); sin ella, toda',
      }),
    ),
  },
  { additionalProperties: false },
);
export type SanctionSuspensionBody = Static<typeof SanctionSuspensionBody>;

export const RevocationBody = Type.Object(
  {
    of: Type.Union([Type.Literal('qualification'), Type.Literal('sanction')]),
    reasons: Text(4000),
  },
  { additionalProperties: false },
);
export type RevocationBody = Static<typeof RevocationBody>;
