import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { EronCode, LocalDate, Nui, Text, Timestamp, Uuid } from '../primitives';
import { NextPage, PageCursor, PageLimit } from './classification';

const Country = Type.String({ pattern: '^[A-Z]{2}$', description: 'País (ISO 3166-1 alfa-2)', examples: ['VE'] });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/** Ethnic groups; the first five are the communities of Art. 26 §4 (CLS-09). */
export const ETHNIC_COMMUNITIES = ['indigena', 'negra', 'afrocolombiana', 'raizal', 'palenquera'] as const;
export const EthnicGroup = Type.Union(
  [...ETHNIC_COMMUNITIES, 'rrom', 'ninguno'].map((g) => Type.Literal(g)),
  {
    description: 'Pertenencia étnica (Art. 26.2)',
  },
);

export const EmergencyContact = Type.Object(
  {
    name: Text(160, 'Nombre del familiar'),
    relationship: Text(60, 'Parentesco'),
    phone: Type.String({ pattern: '^\\+?[0-9 ()-]{7,20}$', description: 'Teléfono' }),
    address: Type.Optional(Text(300, 'Dirección o ubicación')),
  },
  { additionalProperties: false, description: 'Familiar cercano para contactar en caso de contingencias (Art. 26.1)' },
);

export const Ethnicity = Type.Object(
  {
    group: EthnicGroup,
    community: Type.Optional(Nullable(Text(160, 'Comunidad a la que pertenece'))),
    resguardo: Type.Optional(Nullable(Text(160, 'Resguardo en el que está censado; null: se declara que no lo está'))),
    consejoComunitario: Type.Optional(
      Nullable(Text(160, 'Consejo comunitario del que hace parte; null: se declara que no hace parte de ninguno')),
    ),
  },
  {
    additionalProperties: false,
    description:
      'CLS-09 (Art. 26 §4): para comunidades indígenas, negras, afrocolombianas, raizales o palenqueras se declaran los tres datos',
  },
);

export const GroupMemberships = Type.Object(
  {
    ethnicity: Type.Optional(Ethnicity),
    disability: Type.Optional(Nullable(Text(300, 'Situación de discapacidad'))),
    armedConflictVictim: Type.Optional(Type.Boolean({ description: 'Víctima del conflicto armado interno' })),
    demobilised: Type.Optional(Type.Boolean({ description: 'Desmovilizado' })),
    foreigner: Type.Optional(
      Type.Union([Type.Object({ nationality: Country }, { additionalProperties: false }), Type.Null()], {
        description: 'Extranjero: dispara el aviso al consulado y a Migración (CLS-08)',
      }),
    ),
  },
  { additionalProperties: false, description: 'Vínculo a grupos excepcionales (Art. 26.2)' },
);

export const CIVIL_STATUSES = ['soltero', 'casado', 'union_libre', 'separado', 'divorciado', 'viudo'] as const;

/**
 * The general part of the record (cartilla biográfica, Art. 26; CLS-06). Holds nothing
 * confidential (CLS-07): the nombre identitario, orientation, gender, health and children's identity
 * live in the confidential part.
 */
export const RecordParts = Type.Object(
  {
    alias: Type.Optional(Nullable(Text(120, 'Alias o seudónimo (Art. 26.1)'))),
    civilStatus: Type.Optional(
      Type.Union(
        CIVIL_STATUSES.map((s) => Type.Literal(s)),
        { description: 'Estado civil' },
      ),
    ),
    childrenCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 40, description: 'Número de hijos e hijas' })),
    dependantsCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 40, description: 'Personas dependientes' })),
    emergencyContacts: Type.Optional(Type.Array(EmergencyContact, { maxItems: 10 })),
    groups: Type.Optional(GroupMemberships),
    reasonableAdjustments: Type.Optional(
      Type.Array(Text(300), { maxItems: 20, description: 'Ajustes razonables que la discapacidad requiere (Art. 26.3)' }),
    ),
    armedGroupMembership: Type.Optional(
      Nullable(Text(500, 'Eventual pertenencia a grupos armados organizados al margen de la ley, con su fuente (Art. 26.4)')),
    ),
    judicialAuthority: Type.Optional(
      Type.Object(
        {
          name: Text(160, 'Nombre de la autoridad'),
          court: Text(200, 'Despacho'),
          caseNumber: Type.Optional(Text(60, 'Radicado del proceso')),
        },
        { additionalProperties: false, description: 'Autoridad judicial a cargo del proceso (Art. 26.5)' },
      ),
    ),
    legalSituation: Type.Optional(Text(1000, 'Situación jurídica actualizada (Art. 26.6)')),
    offenceType: Type.Optional(Text(200, 'Modalidad delictiva (Art. 26.7)')),
  },
  { additionalProperties: false },
);
export type RecordParts = Static<typeof RecordParts>;

export const RecordPatch = Type.Object(RecordParts.properties, {
  additionalProperties: false,
  minProperties: 1,
  description: 'Las partes que cambian; cada parte enviada reemplaza la anterior (CLS-06)',
});
export type RecordPatch = Static<typeof RecordPatch>;

export const PplRecord = Type.Object(
  {
    nui: Nui,
    eron: EronCode,
    nationality: Country,
    parts: RecordParts,
    version: Type.Integer({ description: 'Número de cambios hechos al registro' }),
    updatedBy: Type.Union([Type.String(), Type.Null()]),
    updatedAt: Type.Union([Timestamp, Type.Null()]),
  },
  { description: 'Cartilla biográfica, parte general (CLS-06); nunca datos confidenciales (CLS-07)' },
);
export type PplRecord = Static<typeof PplRecord>;

export const RecordChange = Type.Object({
  seq: Type.Integer(),
  part: Type.Union([Type.Literal('general'), Type.Literal('confidential')]),
  fields: Type.Array(Type.String(), { description: 'Partes cambiadas' }),
  before: Type.Union([RecordParts, Type.Null()], { description: 'Valores anteriores; null en la parte confidencial' }),
  after: Type.Union([RecordParts, Type.Null()], { description: 'Valores nuevos; null en la parte confidencial' }),
  changedBy: Type.String(),
  changedAt: Timestamp,
  requestId: Type.Union([Type.String(), Type.Null()]),
});
export type RecordChange = Static<typeof RecordChange>;

export const RecordHistory = Type.Object({
  nui: Nui,
  changes: Type.Array(RecordChange, { description: 'Una página de cambios, del más antiguo al más reciente' }),
  next: NextPage,
});

export const RecordHistoryQuery = Type.Object(
  { limit: Type.Optional(PageLimit(500, 100)), after: Type.Optional(PageCursor) },
  { additionalProperties: false },
);
export type RecordHistoryQuery = Static<typeof RecordHistoryQuery>;
export type RecordHistory = Static<typeof RecordHistory>;

/** Orientation, gender identity and expression and the nombre identitario (Art. 26 §1–2). */
export const IdentitySection = Type.Object(
  {
    volunteered: Type.Optional(
      Type.Boolean({ description: 'La persona aportó voluntariamente la orientación y la identidad de género (Art. 26 §2)' }),
    ),
    sexualOrientation: Type.Optional(Text(80, 'Orientación sexual, solo si la persona la aporta')),
    genderIdentity: Type.Optional(Text(80, 'Identidad de género, solo si la persona la aporta')),
    genderExpression: Type.Optional(Text(80, 'Expresión de género, solo si la persona la aporta')),
    identityName: Type.Optional(Text(160, 'Nombre identitario (Art. 26 §2)')),
  },
  { additionalProperties: false },
);
export type IdentitySection = Static<typeof IdentitySection>;

export const HealthSection = Type.Object(
  {
    hivStatus: Type.Optional(Type.Union(['positive', 'negative', 'unknown'].map((s) => Type.Literal(s)))),
    conditions: Type.Optional(Type.Array(Text(200), { maxItems: 30 })),
    notes: Type.Optional(Text(2000)),
  },
  { additionalProperties: false, description: 'Datos de salud (Art. 26.12, Art. 26 §1)' },
);
export type HealthSection = Static<typeof HealthSection>;

export const ChildIdentity = Type.Object(
  { names: Text(160), birthDate: LocalDate, document: Type.Optional(Text(30)) },
  { additionalProperties: false, description: 'Identidad de una hija o un hijo (Art. 26 §1)' },
);
export type ChildIdentity = Static<typeof ChildIdentity>;

/**
 * The confidential part (CLS-07, PLT-06). Each section is readable and writable only by the roles
 * that need it; every read is audited; it never appears in lists, logs or events.
 */
export const ConfidentialPatch = Type.Object(
  {
    identity: Type.Optional(IdentitySection),
    health: Type.Optional(HealthSection),
    children: Type.Optional(Type.Array(ChildIdentity, { maxItems: 40 })),
  },
  { additionalProperties: false, minProperties: 1, description: 'Secciones que cambian; cada una reemplaza la anterior' },
);
export type ConfidentialPatch = Static<typeof ConfidentialPatch>;
export type ConfidentialSection = keyof ConfidentialPatch;

export const ConfidentialRecord = Type.Object(
  {
    nui: Nui,
    identity: Type.Optional(IdentitySection),
    health: Type.Optional(HealthSection),
    children: Type.Optional(Type.Array(ChildIdentity)),
  },
  { description: 'Solo las secciones que el rol de quien consulta puede leer (CLS-07); la consulta queda auditada' },
);
export type ConfidentialRecord = Static<typeof ConfidentialRecord>;

export const ConfidentialUpdate = Type.Object(
  { nui: Nui, sections: Type.Array(Type.String()), updatedAt: Timestamp },
  { description: 'Secciones confidenciales registradas; la respuesta no repite los valores' },
);
export type ConfidentialUpdate = Static<typeof ConfidentialUpdate>;

/**
 * A section of the history of the stay: `recorded` (what this suite knows), `withheld` (the
 * caller's roles do not read it; nothing of it is sent) or `pending` (kept by a service still to
 * come, which will fill it). At most the newest 100 entries; `truncated` says there were more.
 */
const StaySection = <T extends TSchema>(entry: T, description: string) =>
  Type.Object(
    {
      status: Type.Union([Type.Literal('recorded'), Type.Literal('withheld'), Type.Literal('pending')]),
      note: Type.Union([Type.String(), Type.Null()], { description: 'Por qué está reservada o pendiente' }),
      items: Type.Array(entry),
      truncated: Type.Boolean(),
    },
    { description },
  );

export const StayAdmission = Type.Object({
  admittedAt: Timestamp,
  eron: EronCode,
  entryNumber: Type.Integer({ description: 'Número en el libro de ingresos del establecimiento' }),
  legalStatus: Type.String(),
  offence: Type.String({ description: 'Delito que consta en la orden' }),
  authority: Type.String({ description: 'Autoridad judicial que ordenó la privación de la libertad' }),
  orderNumber: Type.String(),
});

export const StayPlacement = Type.Object({
  placedAt: Timestamp,
  endedAt: Type.Union([Timestamp, Type.Null()]),
  eron: EronCode,
  unit: Type.String(),
  cell: Type.String(),
  acta: Type.String({ description: 'Acta de la Junta o acto que la decidió' }),
  decidedBy: Type.Union([Type.Literal('board'), Type.Literal('dg'), Type.Literal('director')]),
});

export const StayTransfer = Type.Object({
  id: Uuid,
  fromEron: EronCode,
  toEron: EronCode,
  status: Type.Union([Type.Literal('ordered'), Type.Literal('in_transit'), Type.Literal('received')]),
  reasons: Type.String(),
  authority: Type.String({ description: 'Autoridad informada (juez de ejecución o a cuya disposición está)' }),
  orderedAt: Timestamp,
  dispatchedAt: Type.Union([Timestamp, Type.Null()]),
  receivedAt: Type.Union([Timestamp, Type.Null()]),
  delays: Type.Array(Type.Object({ cause: Type.String(), expectedDate: Type.Union([LocalDate, Type.Null()]), recordedAt: Timestamp })),
});

export const StayEvaluation = Type.Object({
  setAt: Timestamp,
  eron: EronCode,
  phase: Type.Union([Type.String(), Type.Null()], { description: 'Fase del tratamiento progresivo (Art. 139)' }),
  securityLevel: Type.Union([Type.Integer(), Type.Null()]),
  cetActa: Type.String({ description: 'Acta del CET' }),
  reasons: Type.String(),
});

export const StayExit = Type.Object({
  kind: Type.Union([Type.Literal('exit'), Type.Literal('recapture')]),
  reason: Type.Union([Type.String(), Type.Null()], { description: 'libertad, domiciliaria, fallecimiento, fuga, extradición' }),
  occurredAt: Timestamp,
  eron: EronCode,
  fromHouseArrest: Type.Boolean(),
  judicialDecision: Type.Union([Type.Object({ authority: Type.String(), number: Type.String(), date: LocalDate }), Type.Null()]),
});

export const StayNotice = Type.Object({
  id: Uuid,
  kind: Type.String({ description: 'A quién se notificó' }),
  title: Type.String(),
  eron: EronCode,
  status: Type.Union([Type.Literal('queued'), Type.Literal('sent'), Type.Literal('failed')]),
  reason: Type.Union([Type.String(), Type.Null()]),
  requestedAt: Timestamp,
});

/**
 * The history of the stay the record keeps (Art. 25 §2, CLS-06): what this suite knows —
 * admission, placements, transfers, the CET's evaluations and treatment, exits and recaptures,
 * the notices sent about the person — and the places discipline and work/study fill once their
 * services exist. Never confidential data (CLS-07, PLT-06): no health, identity or children's
 * data, no protection-space consent, no free-text details of exits.
 */
export const StayHistory = Type.Object({
  nui: Nui,
  eron: EronCode,
  status: Type.String({ description: 'admitted, in_transit, released, escaped…' }),
  admission: StaySection(StayAdmission, 'Ingreso (Arts. 25–27)'),
  placements: StaySection(StayPlacement, 'Ubicaciones en patio y celda (CLS-12 … CLS-16), la más reciente primero'),
  transfers: StaySection(StayTransfer, 'Traslados (Art. 25 §2, CLS-20)'),
  evaluations: StaySection(StayEvaluation, 'Evaluaciones y resultados del tratamiento del CET (Art. 25 §2, CLS-22)'),
  exits: StaySection(StayExit, 'Salidas, fugas y recapturas (CLS-21)'),
  notices: StaySection(StayNotice, 'Notificaciones enviadas sobre la persona (CLS-08, 17, 20, 21)'),
  discipline: StaySection(
    Type.Object({}),
    'Antecedentes disciplinarios y calificaciones de conducta (Art. 25 §2): los llevará el servicio de disciplina',
  ),
  workAndStudy: StaySection(
    Type.Object({}),
    'Tiempo de trabajo, estudio y enseñanza y sus evaluaciones (Art. 25 §2): aún no se registran en ERON',
  ),
});
export type StayHistory = Static<typeof StayHistory>;
