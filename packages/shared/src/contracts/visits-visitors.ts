import { Type, type Static } from '@sinclair/typebox';
import { IdentityDocument } from '../documents';
import { LocalDate, Nui, Timestamp, Uuid } from '../primitives';

/** The gender a visitor identifies with: it, not the ID document, decides their visit day (VIS-04, Art. 68 §2). */
export const VisitorGender = Type.Union([Type.Literal('M'), Type.Literal('F')]);

/**
 * How a visitor is told of a cancelled visit (VIS-09, VIS-10): confidential (PLT-06), kept apart from
 * the visitor's other fields, never in an event or a log; the notifier asks visits for it when it sends.
 */
export const VisitorContactRequest = Type.Object(
  {
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()])),
    phone: Type.Optional(
      Type.Union([Type.String({ pattern: '^\\+?[0-9]{7,15}$', description: 'Celular o fijo, p. ej. +573001234567' }), Type.Null()]),
    ),
  },
  { additionalProperties: false, description: 'Contacto del visitante para avisarle de cancelaciones (confidencial)' },
);
export type VisitorContactRequest = Static<typeof VisitorContactRequest>;

export const VisitorContact = Type.Object({
  visitorId: Uuid,
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
});
export type VisitorContact = Static<typeof VisitorContact>;

/** The notifier's signed question (PLT-03): whose contact, for which notification (kept in the audit log). */
export const VisitorContactLookup = Type.Object(
  { visitorId: Uuid, notificationId: Uuid },
  { additionalProperties: false, description: 'Consulta firmada del notificador' },
);
export type VisitorContactLookup = Static<typeof VisitorContactLookup>;

export const VisitorRequest = Type.Object(
  {
    document: IdentityDocument,
    givenNames: Type.String({ minLength: 1, maxLength: 100 }),
    surnames: Type.String({ minLength: 1, maxLength: 100 }),
    gender: VisitorGender,
    birthDate: LocalDate,
    contact: Type.Optional(VisitorContactRequest),
  },
  { additionalProperties: false, description: 'Registro de visitante con documento verificado (VIS-05)' },
);
export type VisitorRequest = Static<typeof VisitorRequest>;

/** What lists and bookings show of a visitor: no identity data (PLT-06). */
export const Visitor = Type.Object({ id: Uuid, gender: VisitorGender, minor: Type.Boolean(), registeredAt: Timestamp });
export type Visitor = Static<typeof Visitor>;

/** The visitor's identity: confidential, each read audited (PLT-06). */
export const VisitorIdentity = Type.Object({
  id: Uuid,
  document: IdentityDocument,
  givenNames: Type.String(),
  surnames: Type.String(),
  gender: VisitorGender,
  birthDate: LocalDate,
});
export type VisitorIdentity = Static<typeof VisitorIdentity>;

export const Relationship = Type.Union([Type.Literal('first_degree'), Type.Literal('close_bond'), Type.Literal('other')], {
  description: 'Parentesco: primer grado (consanguinidad o civil), vínculo cercano probado, u otro (Art. 69)',
});
export const Accreditation = Type.Union([Type.Literal('civil_registry'), Type.Literal('sworn_declaration')], {
  description: 'Acreditación del vínculo de un menor: registro civil o declaración juramentada (Art. 69)',
});

export const ListEntryRequest = Type.Object(
  { relationship: Relationship, accreditation: Type.Optional(Accreditation) },
  { additionalProperties: false },
);
export type ListEntryRequest = Static<typeof ListEntryRequest>;

export const ListEntry = Type.Object({
  visitorId: Uuid,
  relationship: Relationship,
  accreditation: Type.Union([Accreditation, Type.Null()]),
  minor: Type.Boolean(),
  banned: Type.Boolean(),
});
export type ListEntry = Static<typeof ListEntry>;
export const VisitorList = Type.Object({ nui: Nui, visitors: Type.Array(ListEntry) });
export type VisitorList = Static<typeof VisitorList>;

export const BanRequest = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 500 }), until: LocalDate },
  { additionalProperties: false, description: 'Prohibición de ingreso con motivo y término (VIS-05)' },
);
export type BanRequest = Static<typeof BanRequest>;
export const Ban = Type.Object({ id: Uuid, visitorId: Uuid, eron: Type.String(), reason: Type.String(), until: LocalDate });
export type Ban = Static<typeof Ban>;

export const ExtraditionAuthorisationRequest = Type.Object(
  {
    reference: Type.String({ minLength: 3, maxLength: 100, description: 'Oficio de la Oficina de Asuntos Internacionales de la Fiscalía' }),
    validUntil: LocalDate,
  },
  { additionalProperties: false },
);
export type ExtraditionAuthorisationRequest = Static<typeof ExtraditionAuthorisationRequest>;
export const ExtraditionAuthorisation = Type.Object({ nui: Nui, reference: Type.String(), validUntil: LocalDate });

/** VIS-04 (Art. 68 §1): the visit day a trans or intersex PPL chose. */
export const ChosenVisitDayRequest = Type.Object(
  {
    weekday: Type.Integer({ minimum: 0, maximum: 6, description: 'Día de la semana elegido: 0 domingo … 6 sábado' }),
    basis: Type.Union([Type.Literal('trans'), Type.Literal('intersex')], { description: 'Fundamento (confidencial, PLT-06)' }),
  },
  { additionalProperties: false },
);
export type ChosenVisitDayRequest = Static<typeof ChosenVisitDayRequest>;

export const ChosenVisitDay = Type.Object({
  nui: Nui,
  weekday: Type.Integer({ minimum: 0, maximum: 6 }),
  basis: Type.Union([Type.Literal('trans'), Type.Literal('intersex')]),
  recordedBy: Type.String(),
  recordedAt: Timestamp,
});
export type ChosenVisitDay = Static<typeof ChosenVisitDay>;
