import { Type, type Static } from '@sinclair/typebox';
import { EronCode, LocalDate, Nui, Timestamp, Uuid } from '../primitives';
import { NextPage, PageCursor, PageLimit } from './classification';
import { Complaint, ComplaintKind } from './discipline-complaints';
import { SessionKind } from './discipline-council';

/**
 * The lists a council secretary and the Director read (DIS-12, DIS-16, DIS-18, DIS-19): one
 * establishment at a time, newest first, a page at a time (`limit`, `after` = the previous `next`).
 */
const page = { limit: Type.Optional(PageLimit(200, 50)), after: Type.Optional(PageCursor) };
const period = {
  from: Type.Optional({ ...LocalDate, description: 'Desde esta fecha (Bogotá), incluida' }),
  to: Type.Optional({ ...LocalDate, description: 'Hasta esta fecha (Bogotá), incluida' }),
};

export const CouncilSessionsQuery = Type.Object({ ...page, ...period, kind: Type.Optional(SessionKind) }, { additionalProperties: false });
export type CouncilSessionsQuery = Static<typeof CouncilSessionsQuery>;

const Quorum = Type.Object(
  { plenary: Type.Boolean(), one: Type.Boolean(), two: Type.Boolean() },
  { description: 'Si hubo quórum (tres integrantes con voto presentes) en el pleno y en cada grupo (Art. 135)' },
);

export const CouncilSessionList = Type.Object(
  {
    eron: EronCode,
    items: Type.Array(
      Type.Object({
        id: Uuid,
        acta: Type.String({ description: 'Número del acta, por establecimiento y año' }),
        number: Type.Integer({ description: 'Número de la sesión en el año del establecimiento' }),
        date: LocalDate,
        kind: SessionKind,
        present: Type.Integer({ description: 'Integrantes presentes' }),
        votersPresent: Type.Integer({ description: 'Integrantes con voto presentes' }),
        quorum: Quorum,
        decisions: Type.Integer({ description: 'Decisiones tomadas en la sesión' }),
      }),
    ),
    next: NextPage,
  },
  { description: 'Sesiones del Consejo de Disciplina (DIS-12), las más recientes primero' },
);
export type CouncilSessionList = Static<typeof CouncilSessionList>;

export const IncentivesQuery = Type.Object({ ...page, ...period, nui: Type.Optional(Nui) }, { additionalProperties: false });
export type IncentivesQuery = Static<typeof IncentivesQuery>;

export const IncentiveList = Type.Object(
  {
    eron: EronCode,
    items: Type.Array(
      Type.Object({
        id: Uuid,
        nui: Nui,
        incentive: Type.String(),
        acta: Type.String({ description: 'Acta de la sesión del Consejo que dio concepto favorable' }),
        councilDecisionId: Uuid,
        treatmentOpinionId: Uuid,
        notificationId: Type.String({ description: 'Reporte al juez de ejecución de penas (DIS-15)' }),
        grantedBy: Type.String(),
        grantedAt: Timestamp,
      }),
    ),
    next: NextPage,
  },
  { description: 'Estímulos otorgados por el Director (DIS-16), los más recientes primero' },
);
export type IncentiveList = Static<typeof IncentiveList>;

const OwnFoodStatus = Type.Union([Type.Literal('approved'), Type.Literal('denied')]);

export const OwnFoodRequestsQuery = Type.Object(
  { ...page, ...period, status: Type.Optional(OwnFoodStatus) },
  { additionalProperties: false },
);
export type OwnFoodRequestsQuery = Static<typeof OwnFoodRequestsQuery>;

export const OwnFoodRequestList = Type.Object(
  {
    eron: EronCode,
    items: Type.Array(
      Type.Object({
        id: Uuid,
        nui: Nui,
        status: OwnFoodStatus,
        healthReasons: Type.Boolean(),
        acta: Type.String({ description: 'Acta de la sesión del Consejo que decidió' }),
        recordedAt: Timestamp,
      }),
    ),
    next: NextPage,
  },
  { description: 'Solicitudes de alimentación propia y la respuesta del Consejo (DIS-18), las más recientes primero' },
);
export type OwnFoodRequestList = Static<typeof OwnFoodRequestList>;

export const ComplaintsQuery = Type.Object(
  {
    ...page,
    ...period,
    kind: Type.Optional(ComplaintKind),
    overdue: Type.Optional(
      Type.Union([Type.Literal('true'), Type.Literal('false')], { description: 'Solo las vencidas (true) o solo las al día (false)' }),
    ),
  },
  { additionalProperties: false },
);
export type ComplaintsQuery = Static<typeof ComplaintsQuery>;

export const ComplaintPage = Type.Object(
  { eron: EronCode, items: Type.Array(Complaint), next: NextPage },
  {
    description:
      'Quejas del establecimiento (DIS-19) con sus plazos y la marca de vencidas, las más recientes primero; sin quien se queja ni el relato (PLT-06)',
  },
);
export type ComplaintPage = Static<typeof ComplaintPage>;
