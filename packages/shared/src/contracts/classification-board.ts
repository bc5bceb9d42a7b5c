import { Type, type Static } from '@sinclair/typebox';
import { EronCode, LocalDate, Nui, Text, Timestamp, Uuid } from '../primitives';
import { NextPage, PageCursor, PageLimit } from './classification';

/** The induction on rules, rights and duties, complaints and the disciplinary regime (CLS-12, Art. 32). */
export const InductionRequest = Type.Object(
  {
    date: LocalDate,
    givenBy: Text(120, 'Quien dio la inducción'),
    topics: Type.Array(
      Type.Union([
        Type.Literal('rules'),
        Type.Literal('rights_and_duties'),
        Type.Literal('complaints'),
        Type.Literal('disciplinary_regime'),
      ]),
      {
        minItems: 4,
        maxItems: 4,
        uniqueItems: true,
        description: 'Reglamento, derechos y deberes, quejas y régimen disciplinario: los cuatro',
      },
    ),
  },
  { additionalProperties: false },
);
export type InductionRequest = Static<typeof InductionRequest>;

export const Induction = Type.Object({
  nui: Nui,
  date: LocalDate,
  givenBy: Type.String(),
  recordedBy: Type.String(),
  recordedAt: Timestamp,
});

/**
 * A placement in a cell (CLS-12 … CLS-16). It takes no sexual orientation, gender identity or
 * expression: they are never criteria (CLS-14, Art. 36 §2).
 */
export const PlacementRequest = Type.Object(
  {
    cellId: Uuid,
    sessionId: Type.Optional(
      Type.String({ format: 'uuid', description: 'Sesión de la Junta que decide (CLS-11); su acta numera la decisión' }),
    ),
    acta: Type.Optional(Text(60, 'Sólo el Director General: el acto con que decide (la Junta usa el acta de su sesión)')),
    reasons: Text(1000, 'Motivación escrita de la decisión (Art. 141.5–6)'),
    specialRegimeBasis: Type.Optional(Text(200, 'Documento que acredita el régimen especial de la unidad, cuando lo tiene')),
    protectionConsent: Type.Optional(Text(200, 'Constancia del consentimiento de la persona para el espacio de protección (Art. 36 §4)')),
    overCapacityReason: Type.Optional(Text(500, 'Motivo por el que la celda queda por encima de sus cupos (CLS-16)')),
  },
  { additionalProperties: false },
);
export type PlacementRequest = Static<typeof PlacementRequest>;

export const Placement = Type.Object({
  id: Uuid,
  nui: Nui,
  eron: EronCode,
  unitId: Uuid,
  cellId: Uuid,
  acta: Type.String(),
  decidedBy: Type.Union([Type.Literal('board'), Type.Literal('dg'), Type.Literal('director')], {
    description: 'La Junta en sesión, el Director General, o el Director para la unidad de madres (Art. 31)',
  }),
  overCapacity: Type.Boolean(),
  placedAt: Timestamp,
});

const Occupancy = {
  places: Type.Integer(),
  occupants: Type.Integer(),
  overcrowding: Type.Union([Type.Number(), Type.Null()], { description: 'Hacinamiento: ocupantes ÷ cupos − 1 (CLS-16); null sin cupos' }),
};

export const OccupancyReport = Type.Object({
  eron: EronCode,
  ...Occupancy,
  units: Type.Array(Type.Object({ unitId: Uuid, name: Type.String(), ...Occupancy })),
});

/** The seats of the patio/cell board (Art. 141); social work may be sat by a psychologist. */
export const BOARD_SEATS = ['presiding', 'legal', 'health', 'guard_commander', 'social_work'] as const;

export const BoardSessionRequest = Type.Object(
  {
    date: LocalDate,
    attendees: Type.Array(
      Type.Object(
        {
          seat: Type.Union(
            BOARD_SEATS.map((s) => Type.Literal(s)),
            { description: 'Preside (Director o subdirector), jurídica, sanidad, comando de vigilancia, trabajo social o psicología' },
          ),
          name: Text(120, 'Nombre de quien asiste'),
          position: Text(120, 'Cargo'),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20 },
    ),
  },
  { additionalProperties: false },
);
export type BoardSessionRequest = Static<typeof BoardSessionRequest>;

const DecisionCommon = {
  nui: Nui,
  person: Type.String({ description: 'Nombres y apellidos de la PPL' }),
  reasons: Type.String({ description: 'Motivación escrita de la Junta' }),
  decidedAt: Timestamp,
};

/** A placement the board decided in the session (CLS-12 … CLS-16). */
export const PlacementDecision = Type.Object({
  kind: Type.Literal('placement'),
  ...DecisionCommon,
  cellId: Uuid,
  unit: Type.String({ description: 'Patio, pabellón o unidad' }),
  cell: Type.String({ description: 'Código de la celda' }),
});

/** The board's answer to a cell-change request (CLS-18): approved (and the cell it assigns) or denied. */
export const CellChangeDecision = Type.Object({
  kind: Type.Literal('cell_change'),
  ...DecisionCommon,
  requestId: Uuid,
  wanted: Type.String({ description: 'Lo que la PPL pidió' }),
  decision: Type.Union([Type.Literal('approved'), Type.Literal('denied')]),
  cellId: Type.Union([Uuid, Type.Null()]),
  unit: Type.Union([Type.String(), Type.Null()]),
  cell: Type.Union([Type.String(), Type.Null()]),
});

export const BoardSession = Type.Object({
  id: Uuid,
  eron: EronCode,
  date: LocalDate,
  acta: Type.String({ description: 'JAPC-<ERON>-<año>-<número>: numerada por establecimiento y año' }),
  attendees: Type.Array(Type.Object({ seat: Type.String(), name: Type.String(), position: Type.String() })),
  decisions: Type.Array(Type.Union([PlacementDecision, CellChangeDecision]), {
    description:
      'Todas las decisiones del acta en el orden en que se tomaron, cada una con su motivación (Art. 141.5–6): ubicaciones y solicitudes de cambio aprobadas o negadas',
  }),
});

/** A PPL asks for another patio, unit or cell (CLS-18, Art. 141.6). */
export const CellChangeRequestBody = Type.Object(
  { wanted: Text(200, 'Qué patio, unidad o celda pide'), reason: Text(1000, 'Por qué lo pide') },
  { additionalProperties: false },
);

export const CellChangeDecisionRequest = Type.Object(
  {
    sessionId: Uuid,
    decision: Type.Union([Type.Literal('approved'), Type.Literal('denied')]),
    reasons: Text(1000, 'Motivación de la Junta, que se le comunica a quien pidió'),
    cellId: Type.Optional(Uuid),
    specialRegimeBasis: Type.Optional(Text(200)),
    protectionConsent: Type.Optional(Text(200)),
    overCapacityReason: Type.Optional(Text(500)),
  },
  { additionalProperties: false },
);

export const CellChange = Type.Object({
  id: Uuid,
  nui: Nui,
  wanted: Type.String(),
  reason: Type.String(),
  requestedAt: Timestamp,
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('denied')]),
  answer: Type.Union([Type.String(), Type.Null()]),
  acta: Type.Union([Type.String(), Type.Null()]),
  placementId: Type.Union([Uuid, Type.Null()]),
  decidedAt: Type.Union([Timestamp, Type.Null()]),
});

/** A roll call of a unit: whom the officers saw, in which cell (CLS-19). */
export const RollCallRequest = Type.Object(
  {
    takenAt: Timestamp,
    seen: Type.Array(Type.Object({ nui: Nui, cellId: Uuid }, { additionalProperties: false }), {
      maxItems: 5000,
      description: 'Each person once (CLS-19: a NUI named twice is refused with 422, checked in one pass, not by schema uniqueItems)',
    }),
  },
  { additionalProperties: false },
);

export const Discrepancy = Type.Object({
  kind: Type.Union([Type.Literal('absent'), Type.Literal('wrong_cell'), Type.Literal('unknown')]),
  nui: Nui,
  bookedCellId: Type.Union([Uuid, Type.Null()]),
  seenCellId: Type.Union([Uuid, Type.Null()]),
});

export const RollCall = Type.Object({
  id: Uuid,
  unitId: Uuid,
  takenAt: Timestamp,
  day: LocalDate,
  expected: Type.Integer({ description: 'Personas en el libro de celdas de la unidad' }),
  present: Type.Integer({ description: 'Personas vistas en su celda' }),
  discrepancies: Type.Array(Discrepancy),
});

export const RollCallDay = Type.Object({
  eron: EronCode,
  date: LocalDate,
  units: Type.Array(
    Type.Object({
      unitId: Uuid,
      name: Type.String(),
      rollCalls: Type.Integer(),
      belowMinimum: Type.Boolean({ description: 'Menos de dos conteos en el día (CLS-19)' }),
      discrepancies: Type.Integer(),
    }),
  ),
  discrepancies: Type.Array(Type.Composite([Discrepancy, Type.Object({ rollCallId: Uuid, unitId: Uuid, takenAt: Timestamp })]), {
    description: 'Una página de las discrepancias del día, en el orden en que se hallaron',
  }),
  next: NextPage,
});

export const RollCallDayQuery = Type.Object(
  { date: LocalDate, limit: Type.Optional(PageLimit(1000, 500)), after: Type.Optional(PageCursor) },
  { additionalProperties: false },
);
export type RollCallDayQuery = Static<typeof RollCallDayQuery>;

export type CellChangeRequestBody = Static<typeof CellChangeRequestBody>;
export type CellChangeDecisionRequest = Static<typeof CellChangeDecisionRequest>;
export type CellChange = Static<typeof CellChange>;
export type RollCallRequest = Static<typeof RollCallRequest>;
export type RollCall = Static<typeof RollCall>;
export type RollCallDay = Static<typeof RollCallDay>;
export type BoardSession = Static<typeof BoardSession>;
export type BoardDecision = BoardSession['decisions'][number];
