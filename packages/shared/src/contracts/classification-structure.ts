import { Type, type Static } from '@sinclair/typebox';
import { Sex } from '../events';
import { EronCode, Text, Timestamp, Uuid } from '../primitives';

const literals = <T extends string>(values: readonly T[], description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  );

/** Art. 22: the order an establishment belongs to. */
export const ESTABLISHMENT_ORDERS = ['nacional', 'departamental', 'distrital', 'municipal'] as const;
/** Art. 22: what kind of establishment it is. */
export const ESTABLISHMENT_TYPES = [
  'carcel_detencion_preventiva',
  'penitenciaria',
  'casa_culposos',
  'centro_arraigo_transitorio',
  'inimputables',
  'alta_seguridad',
  'mujeres',
  'fuerza_publica',
  'colonia',
  'unidad_administrativa_especial',
] as const;
/** Art. 23: the security category, set by the DG. */
export const SECURITY_CATEGORIES = ['alta', 'media', 'minima'] as const;
/** INPEC's regional directorates. */
export const REGIONALS = ['central', 'occidente', 'norte', 'oriente', 'noroeste', 'viejo_caldas'] as const;
/** Art. 20 §1: what an establishment is made of. */
export const UNIT_KINDS = ['pabellon', 'patio', 'torre', 'unidad', 'campamento', 'estructura', 'ute', 'ume'] as const;
/** Whom a unit may hold by legal situation (Ley 65 Art. 63: pre-trial and sentenced apart). */
export const UNIT_LEGAL = ['pre_trial', 'sentenced', 'both'] as const;
/** Special regimes a unit may be declared for (CLS-02). */
export const SPECIAL_REGIMES = [
  'mothers_with_children',
  'high_security',
  'extradition',
  'justicia_y_paz',
  'former_public_servants',
  'protection_space',
] as const;

export const EstablishmentOrder = literals(ESTABLISHMENT_ORDERS, 'Orden del establecimiento (Art. 22)');
export const EstablishmentType = literals(ESTABLISHMENT_TYPES, 'Clase de establecimiento (Art. 22)');
export const SecurityCategory = literals(SECURITY_CATEGORIES, 'Categoría de seguridad: alta o máxima, media, mínima (Art. 23)');
export const Regional = literals(REGIONALS, 'Dirección regional del INPEC');
export const UnitKind = literals(UNIT_KINDS, 'Pabellón, patio, torre, unidad, campamento, estructura, UTE o UME (Art. 20 §1)');
export const UnitLegal = literals(UNIT_LEGAL, 'Sindicados, condenados o ambos (separación, Ley 65 Art. 63)');
export const SpecialRegime = literals(SPECIAL_REGIMES, 'Régimen especial de la unidad');

const DgAuthorisation = Text(80, 'Acto del Director General que autoriza (p. ej. oficio o resolución)');

export const EstablishmentRequest = Type.Object(
  {
    code: EronCode,
    name: Text(120, 'Nombre del establecimiento'),
    regional: Regional,
    order: EstablishmentOrder,
    type: EstablishmentType,
    securityCategory: SecurityCategory,
    resolution: Text(80, 'Resolución del Director General que fija la categoría (Art. 23)'),
  },
  { additionalProperties: false },
);
export type EstablishmentRequest = Static<typeof EstablishmentRequest>;

export const CategoryChangeRequest = Type.Object(
  { securityCategory: SecurityCategory, resolution: Text(80, 'Resolución del Director General (Art. 23)') },
  { additionalProperties: false },
);

export const Eligibility = Type.Object(
  {
    sexes: Type.Array(Sex, { minItems: 1, maxItems: 2, uniqueItems: true, description: 'Sexos que la unidad puede alojar' }),
    legal: UnitLegal,
    specialRegime: Type.Union([SpecialRegime, Type.Null()], { description: 'Régimen especial, o ninguno' }),
  },
  { additionalProperties: false, description: 'A quién puede alojar la unidad (CLS-02, CLS-13)' },
);
export type Eligibility = Static<typeof Eligibility>;

export const UnitRequest = Type.Object(
  { kind: UnitKind, name: Text(80, 'Denominación de la unidad'), eligibility: Eligibility, dgAuthorisation: DgAuthorisation },
  { additionalProperties: false },
);
export type UnitRequest = Static<typeof UnitRequest>;

export const UnitRenameRequest = Type.Object(
  { name: Text(80, 'Nueva denominación'), dgAuthorisation: DgAuthorisation },
  { additionalProperties: false },
);

export const CellRequest = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9-]{1,12}$', description: 'Código de la celda dentro de la unidad' }),
    capacity: Type.Integer({ minimum: 1, maximum: 500, description: 'Cupos (plazas) de la celda' }),
  },
  { additionalProperties: false },
);
export type CellRequest = Static<typeof CellRequest>;

export const CellCapacityRequest = Type.Object(
  {
    capacity: Type.Integer({ minimum: 1, maximum: 500, description: 'Cupos (plazas) de la celda' }),
    reason: Text(200, 'Por qué cambia la capacidad (obra, daño, ampliación…)'),
    overCapacityReason: Type.Optional(
      Text(500, 'Requerido si los cupos quedan por debajo de quienes ya ocupan la celda: por qué se acepta la sobreocupación (CLS-16)'),
    ),
  },
  { additionalProperties: false },
);

export const Cell = Type.Object({ id: Uuid, unitId: Uuid, code: Type.String(), capacity: Type.Integer() });

export const Unit = Type.Object({
  id: Uuid,
  eron: EronCode,
  kind: UnitKind,
  name: Type.String(),
  eligibility: Eligibility,
  dgAuthorisation: Type.String(),
  places: Type.Integer({ description: 'Suma de los cupos de sus celdas' }),
  cells: Type.Array(Cell),
});

export const Establishment = Type.Object({
  code: EronCode,
  name: Type.String(),
  regional: Regional,
  order: EstablishmentOrder,
  type: EstablishmentType,
  securityCategory: SecurityCategory,
  categorySince: Timestamp,
  places: Type.Integer({ description: 'Suma de los cupos de todas sus celdas' }),
});

export const EstablishmentStructure = Type.Composite([Establishment, Type.Object({ units: Type.Array(Unit) })], {
  description: 'El establecimiento con sus unidades y celdas (CLS-01, CLS-02)',
});

export const CategoryChange = Type.Object({
  securityCategory: SecurityCategory,
  resolution: Type.String(),
  changedBy: Type.String(),
  changedAt: Timestamp,
});

export type CategoryChangeRequest = Static<typeof CategoryChangeRequest>;
export type UnitRenameRequest = Static<typeof UnitRenameRequest>;
export type CellCapacityRequest = Static<typeof CellCapacityRequest>;
