import { Type, type Static } from '@sinclair/typebox';
import { EronCode, Nui, Text, Timestamp, Uuid } from '../primitives';

/** DIS-19 (Art. 142): what the complaint, claim or report is about. */
export const ComplaintKind = Type.Union(
  [
    Type.Literal('human_rights_violation'),
    Type.Literal('discrimination'),
    Type.Literal('torture'),
    Type.Literal('cruel_treatment'),
    Type.Literal('sexual_violence'),
    Type.Literal('intimate_visit_rights'),
    Type.Literal('other'),
  ],
  { description: 'Clase de queja (Art. 142)' },
);
export type ComplaintKind = Static<typeof ComplaintKind>;

export const Complainant = Type.Union([
  Type.Object({ kind: Type.Literal('ppl'), nui: Nui }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('other'), name: Text(200, 'Nombre de quien se queja'), contact: Type.Optional(Text(200)) },
    { additionalProperties: false },
  ),
]);
export type Complainant = Static<typeof Complainant>;

export const ComplaintRequest = Type.Object(
  {
    eron: EronCode,
    complainant: Complainant,
    kind: ComplaintKind,
    account: Text(5000, 'Relato de los hechos (reservado en violencia sexual, PLT-06)'),
    knownAt: Type.String({ format: 'date-time', description: 'Cuándo se tuvo conocimiento del hecho: desde allí corren 24 y 36 horas' }),
    crimeAlleged: Type.Boolean({ description: 'Se denuncia un delito: la policía judicial la recibe de inmediato (Art. 142 §2)' }),
    urgentMeasures: Type.Optional(Text(2000, 'Medidas urgentes de protección adoptadas')),
  },
  { additionalProperties: false, description: 'Queja, reclamo o denuncia recibida (DIS-19)' },
);
export type ComplaintRequest = Static<typeof ComplaintRequest>;

export const ComplaintSending = Type.Object(
  { to: Type.Union([Type.Literal('procuraduria'), Type.Literal('fiscalia')]) },
  { additionalProperties: false, description: 'Remisión a la Procuraduría o a la Fiscalía (24 horas)' },
);
export type ComplaintSending = Static<typeof ComplaintSending>;

export const PoliceReport = Type.Object(
  { officer: Text(200, 'Funcionario de policía judicial'), reportNumber: Text(100, 'Número del informe escrito al fiscal') },
  { additionalProperties: false, description: 'Informe escrito de policía judicial al fiscal (36 horas, Art. 142 §3)' },
);
export type PoliceReport = Static<typeof PoliceReport>;

const deadline = { dueAt: Timestamp, doneAt: Type.Union([Timestamp, Type.Null()]), onTime: Type.Union([Type.Boolean(), Type.Null()]) };

/** A complaint without its confidential parts (the complainant's identity, a sexual-violence account). */
export const Complaint = Type.Object({
  id: Uuid,
  eron: EronCode,
  kind: ComplaintKind,
  crimeAlleged: Type.Boolean(),
  knownAt: Timestamp,
  receivedAt: Timestamp,
  urgentMeasures: Type.Union([Type.String(), Type.Null()]),
  sending: Type.Object({ ...deadline, to: Type.Union([Type.Literal('procuraduria'), Type.Literal('fiscalia'), Type.Null()]) }),
  policeReport: Type.Union([Type.Object({ ...deadline, reportNumber: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  overdue: Type.Boolean(),
  overdueFlaggedAt: Type.Union([Timestamp, Type.Null()]),
});
export type Complaint = Static<typeof Complaint>;

/** The complaint with its confidential parts, for the roles that handle it; every read audited (PLT-06). */
export const ComplaintDetail = Type.Object({ ...Complaint.properties, complainant: Complainant, account: Type.String() });
export type ComplaintDetail = Static<typeof ComplaintDetail>;

export const ComplaintList = Type.Object({ eron: EronCode, items: Type.Array(Complaint) });
export type ComplaintList = Static<typeof ComplaintList>;
