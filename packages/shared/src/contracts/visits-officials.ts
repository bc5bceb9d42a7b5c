import { Type, type Static } from '@sinclair/typebox';
import { IdentityDocument } from '../documents';
import { EronCode, LocalDate, Nui, Text, Timestamp, Uuid } from '../primitives';

/** Official visits (VIS-15, Arts. 74–83): by kind; control bodies at any hour; press under Art. 81. */
export const OfficialVisitKind = Type.Union(
  [
    Type.Literal('consular', { description: 'Funcionarios consulares (Art. 74)' }),
    Type.Literal('control_body', { description: 'Organismos de control: Procuraduría, Defensoría, Personería, Fiscalía (Art. 75)' }),
    Type.Literal('authority', { description: 'Autoridades administrativas, legislativas y judiciales (Art. 76)' }),
    Type.Literal('human_rights_ngo', { description: 'Organizaciones no gubernamentales de derechos humanos (Art. 77)' }),
    Type.Literal('international_body', { description: 'Organismos internacionales (Art. 78)' }),
    Type.Literal('external_collaborator', { description: 'Colaboradores externos (Art. 79)' }),
    Type.Literal('student_researcher', { description: 'Estudiantes e investigadores (Art. 80)' }),
    Type.Literal('press', { description: 'Medios de comunicación (Art. 81)' }),
    Type.Literal('religious', { description: 'Confesiones religiosas y autoridades espirituales indígenas (Arts. 82–83)' }),
  ],
  { description: 'Clase de visita oficial' },
);
export type OfficialVisitKind = Static<typeof OfficialVisitKind>;

export const ControlBody = Type.Union([
  Type.Literal('procuraduria'),
  Type.Literal('defensoria'),
  Type.Literal('personeria'),
  Type.Literal('fiscalia'),
]);
export type ControlBody = Static<typeof ControlBody>;

/** Who must permit a press visit, by the PPL's situation (Art. 81). */
export const PressAuthority = Type.Union([
  Type.Literal('judge', { description: 'Juez de conocimiento o de control de garantías (PPL sin condena)' }),
  Type.Literal('fiscalia_international_affairs', { description: 'Oficina de Asuntos Internacionales de la Fiscalía (extradición)' }),
  Type.Literal('justicia_y_paz_tribunal', { description: 'Tribunal de Justicia y Paz' }),
  Type.Literal('peace_commissioner', { description: 'Oficina del Alto Comisionado para la Paz' }),
  Type.Literal('military_director', { description: 'Director del establecimiento militar' }),
  Type.Literal('high_security_committee', { description: 'Comité de las unidades de alta seguridad' }),
]);
export type PressAuthority = Static<typeof PressAuthority>;

export const PressSpecialRegime = Type.Union(
  [Type.Literal('justicia_y_paz'), Type.Literal('peace_process'), Type.Literal('military'), Type.Literal('high_security')],
  { description: 'Régimen especial de la PPL, si lo tiene (Art. 81)' },
);
export type PressSpecialRegime = Static<typeof PressSpecialRegime>;

export const PressRequest = Type.Object(
  {
    nui: Nui,
    specialRegime: Type.Optional(PressSpecialRegime),
    permission: Type.Optional(
      Type.Object({ authority: PressAuthority, reference: Text(200), issuedOn: LocalDate }, { additionalProperties: false }),
    ),
    consent: Type.Optional(
      Type.Object({ signedOn: LocalDate, documentRef: Text(200, 'Consentimiento escrito de la PPL') }, { additionalProperties: false }),
    ),
    application: Type.Optional(
      Type.Object(
        {
          filedOn: LocalDate,
          reference: Text(200, 'Solicitud escrita a la Oficina de Comunicaciones del INPEC'),
          mediumProof: Type.Optional(Text(200, 'Certificación del medio de comunicación')),
          journalistProof: Type.Optional(Text(200, 'Acreditación de la calidad de periodista')),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, description: 'Lo que exige el Art. 81 para una visita de prensa' },
);
export type PressRequest = Static<typeof PressRequest>;

export const Official = Type.Object(
  { names: Text(160), document: IdentityDocument, position: Text(160, 'Cargo') },
  { additionalProperties: false },
);

export const OfficialVisitBody = Type.Object(
  {
    eron: EronCode,
    kind: OfficialVisitKind,
    entity: Text(200, 'Entidad, consulado, organización o medio que visita'),
    controlBody: Type.Optional(ControlBody),
    officials: Type.Array(Official, { minItems: 1, maxItems: 20 }),
    arrivesAt: Type.Optional(Timestamp),
    purpose: Text(1000, 'Objeto de la visita'),
    press: Type.Optional(PressRequest),
  },
  { additionalProperties: false },
);
export type OfficialVisitBody = Static<typeof OfficialVisitBody>;

export const BlockedPlaceBody = Type.Object(
  {
    place: Text(200, 'Lugar al que no se pudo ingresar'),
    reason: Text(1000, 'Razón de seguridad'),
  },
  { additionalProperties: false },
);
export type BlockedPlaceBody = Static<typeof BlockedPlaceBody>;

export const BlockedPlace = Type.Object({
  id: Uuid,
  place: Type.String(),
  reason: Type.String(),
  recordedAt: Timestamp,
  notified: Type.Array(Type.String({ description: 'Destinatarios: regional_director, dg' })),
});
export type BlockedPlace = Static<typeof BlockedPlace>;

export const OfficialVisit = Type.Object({
  id: Uuid,
  eron: EronCode,
  kind: OfficialVisitKind,
  entity: Type.String(),
  controlBody: Type.Union([ControlBody, Type.Null()]),
  nui: Type.Union([Nui, Type.Null()]),
  officials: Type.Array(Type.Object({ names: Type.String(), position: Type.String() })),
  arrivesAt: Timestamp,
  night: Type.Boolean({ description: 'Entre las 18:00 y las 06:00 de Bogotá' }),
  status: Type.Union([Type.Literal('scheduled'), Type.Literal('attended')]),
  attendedAt: Type.Union([Timestamp, Type.Null()]),
  pressAuthority: Type.Union([PressAuthority, Type.Null()]),
  blockedPlaces: Type.Array(BlockedPlace),
});
export type OfficialVisit = Static<typeof OfficialVisit>;

export const OfficialVisitList = Type.Object({ eron: EronCode, date: LocalDate, items: Type.Array(OfficialVisit) });
export type OfficialVisitList = Static<typeof OfficialVisitList>;
