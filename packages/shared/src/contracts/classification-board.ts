import { Type, type Static } from '@sinclair/typebox';
import { EronCode, LocalDate, Nui, Text, Timestamp, Uuid } from '../primitives';

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
    acta: Text(60, 'Acta de la Junta de Asignación de Patios y Celdas (o del Director General)'),
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
  decidedBy: Type.Union([Type.Literal('board'), Type.Literal('dg')]),
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
