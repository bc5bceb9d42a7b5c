import { Type, type Static } from '@sinclair/typebox';
import { EronCode, LocalDate, Timestamp, Uuid } from '../primitives';
import { VisitSession } from './visits';

const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'Hora local HH:MM (America/Bogota)' });
const Hours = Type.Object({ from: Clock, to: Clock }, { additionalProperties: false });

/** Whose visitors come on a day (Art. 68.1): men, women, or anyone. A trans visitor comes on the day of the gender they identify with (VIS-04). */
export const DayVisitors = Type.Union([Type.Literal('M'), Type.Literal('F'), Type.Literal('all')]);
export type DayVisitors = Static<typeof DayVisitors>;

export const RegimeDay = Type.Object(
  {
    weekday: Type.Integer({ minimum: 0, maximum: 6, description: 'Día de la semana: 0 domingo … 6 sábado' }),
    visitors: DayVisitors,
    morning: Hours,
    afternoon: Hours,
  },
  { additionalProperties: false },
);
export type RegimeDay = Static<typeof RegimeDay>;

export const RegimeRequest = Type.Object(
  {
    days: Type.Array(RegimeDay, { minItems: 1, maxItems: 7 }),
    visitsPerWeek: Type.Integer({
      minimum: 1,
      maximum: 2,
      description: 'Hasta dos visitas por semana, una por día de visita (Art. 68.2); una cada 7 días en el régimen común (Art. 66)',
    }),
    personsPerVisit: Type.Integer({ minimum: 1, maximum: 3, description: 'Hasta 3 personas por visita (Art. 68.3)' }),
    reason: Type.String({ minLength: 3, maxLength: 500 }),
  },
  {
    additionalProperties: false,
    description: 'Régimen de visitas del establecimiento (Art. 65); rige una vez aprobado por la DG (Art. 8)',
  },
);
export type RegimeRequest = Static<typeof RegimeRequest>;

export const RegimeStatus = Type.Union([
  Type.Literal('default'),
  Type.Literal('proposed'),
  Type.Literal('approved'),
  Type.Literal('rejected'),
  Type.Literal('superseded'),
]);

export const Regime = Type.Object({
  id: Type.Union([Uuid, Type.Null()], { description: 'null: el régimen por defecto del Art. 68.1' }),
  eron: EronCode,
  status: RegimeStatus,
  days: Type.Array(RegimeDay),
  visitsPerWeek: Type.Integer(),
  personsPerVisit: Type.Integer(),
  proposedAt: Type.Union([Timestamp, Type.Null()]),
  decidedAt: Type.Union([Timestamp, Type.Null()]),
});
export type Regime = Static<typeof Regime>;

export const RegimeDecision = Type.Object(
  { decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]), note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export type RegimeDecision = Static<typeof RegimeDecision>;

export const AreaRequest = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 100 }),
    capacity: Type.Integer({ minimum: 1, maximum: 5000, description: 'Personas visitantes por jornada' }),
    forChildren: Type.Boolean({ description: 'Área designada para visitas con niños, niñas y adolescentes (Art. 69)' }),
  },
  { additionalProperties: false },
);
export type AreaRequest = Static<typeof AreaRequest>;

export const Area = Type.Object({ id: Uuid, eron: EronCode, name: Type.String(), capacity: Type.Integer(), forChildren: Type.Boolean() });
export type Area = Static<typeof Area>;
export const AreaList = Type.Object({ areas: Type.Array(Area) });

/** One visit day of a unit's public calendar: no personal data (Art. 68). */
export const CalendarDay = Type.Object({
  date: LocalDate,
  visitors: DayVisitors,
  session: VisitSession,
  from: Clock,
  to: Clock,
});
export const UnitCalendar = Type.Object({
  eron: EronCode,
  unitId: Uuid,
  month: Type.String(),
  session: Type.Union([VisitSession, Type.Null()]),
  days: Type.Array(CalendarDay),
});
export type UnitCalendar = Static<typeof UnitCalendar>;
