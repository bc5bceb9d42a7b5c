import { Type, type Static } from '@sinclair/typebox';
import { LegalStatus, Sex } from '../events';
import { EronCode, Nui, Timestamp, Uuid } from '../primitives';

/** The visiting session a unit is assigned to (VIS-03, Art. 68.5). */
export const VisitSession = Type.Union([Type.Literal('morning'), Type.Literal('afternoon')], {
  description: 'Jornada de visita de la unidad: mañana o tarde (Art. 68.5)',
});
export type VisitSession = Static<typeof VisitSession>;

/** Where the PPL stands for visits: held here, or gone (released, dead, escaped, extradited…). */
export const VisitsPplState = Type.Union([Type.Literal('held'), Type.Literal('exited')]);
export type VisitsPplState = Static<typeof VisitsPplState>;

/** The visits side's directory entry of a PPL, kept from classification's events (no confidential data). */
export const VisitsPpl = Type.Object(
  {
    nui: Nui,
    eron: EronCode,
    state: VisitsPplState,
    unitId: Type.Union([Uuid, Type.Null()], {
      description: 'Unidad (patio) donde está ubicada; null mientras no la hay (ingreso, traslado)',
    }),
    session: Type.Union([VisitSession, Type.Null()], { description: 'Jornada de visita de su unidad (VIS-03)' }),
    legalStatus: Type.Union([LegalStatus, Type.Null()]),
    sex: Type.Union([Sex, Type.Null()]),
    securityLevel: Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Null()]),
    updatedAt: Timestamp,
  },
  { description: 'PPL según el servicio de visitas' },
);
export type VisitsPpl = Static<typeof VisitsPpl>;

/** A unit of an establishment as visits knows it: learnt from placements, its session set by the establishment. */
export const VisitUnit = Type.Object({
  id: Uuid,
  eron: EronCode,
  session: Type.Union([VisitSession, Type.Null()], { description: 'null: sin jornada asignada todavía (no se puede reservar)' }),
  population: Type.Integer({ minimum: 0, description: 'PPL ubicadas hoy en la unidad' }),
});
export type VisitUnit = Static<typeof VisitUnit>;

export const VisitUnitList = Type.Object({ units: Type.Array(VisitUnit) });
export type VisitUnitList = Static<typeof VisitUnitList>;

export const UnitSessionRequest = Type.Object({ session: VisitSession }, { additionalProperties: false });
export type UnitSessionRequest = Static<typeof UnitSessionRequest>;
