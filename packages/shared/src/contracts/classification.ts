import { Type, type Static } from '@sinclair/typebox';
import { IdentityDocument } from '../documents';
import { LegalStatus, Sex } from '../events';
import { EronCode, LocalDate, Money, Nui, Text, Timestamp } from '../primitives';

/** 1 … max written in decimal, for a query string (which carries text: the services do not coerce types). */
const UP_TO: Record<200 | 500 | 1000, string> = {
  200: '^(?:[1-9][0-9]?|1[0-9]{2}|200)$',
  500: '^(?:[1-9][0-9]?|[1-4][0-9]{2}|500)$',
  1000: '^(?:[1-9][0-9]{0,2}|1000)$',
};

/**
 * A page size of a classification list: 1 to `max` rows (PLT-18: no list reads a whole history at
 * once), `dflt` when not given. Read it with `pageLimit`.
 */
export const PageLimit = (max: 200 | 500 | 1000, dflt: number) =>
  Type.String({ pattern: UP_TO[max], description: `Filas por página: de 1 a ${max}; ${dflt} si no se indica`, examples: [String(dflt)] });

/** The page size a query asked for, or the list's default. */
export const pageLimit = (limit: string | undefined, dflt: number): number => (limit === undefined ? dflt : Number(limit));

/** Where the next page of a classification list starts: the `next` of the page before. */
export const PageCursor = Type.String({ pattern: '^[A-Za-z0-9_-]{1,400}$', description: 'El `next` de la página anterior' });

/** The `next` of a page: pass it to read the following one; null on the last. */
export const NextPage = Type.Union([Type.String(), Type.Null()], { description: 'Cursor de la página siguiente; null en la última' });

/**
 * The written order of the judicial authority (Art. 27). Items are typed loosely on purpose: a
 * missing or malformed item is a CLS-03 rule failure (422 listing every item), not a schema error.
 */
export const DetentionOrder = Type.Object(
  {
    names: Type.Optional(Type.String({ description: 'Nombres de la persona según la orden' })),
    surnames: Type.Optional(Type.String({ description: 'Apellidos según la orden' })),
    idNumber: Type.Optional(Type.String({ description: 'Cédula (o número del documento) que identifica a la persona' })),
    offence: Type.Optional(Type.String({ description: 'Delito por el que se priva de la libertad' })),
    authorityName: Type.Optional(Type.String({ description: 'Nombre de la autoridad judicial que profirió la medida' })),
    authorityPosition: Type.Optional(Type.String({ description: 'Cargo de la autoridad judicial' })),
    authoritySigned: Type.Optional(Type.Boolean({ description: 'La orden está firmada por la autoridad' })),
    captureDate: Type.Optional(Type.String({ description: 'Fecha de la captura (AAAA-MM-DD)' })),
    issueDate: Type.Optional(Type.String({ description: 'Fecha de expedición de la orden (AAAA-MM-DD)' })),
    orderNumber: Type.Optional(Type.String({ description: 'Número de la orden' })),
    courtCategory: Type.Optional(
      Type.String({ description: 'Categoría del despacho (p. ej. Juzgado Penal Municipal con Función de Control de Garantías)' }),
    ),
  },
  { additionalProperties: false, description: 'Orden escrita de autoridad judicial competente (Art. 27)' },
);
export type DetentionOrder = Static<typeof DetentionOrder>;

export const IntakeCash = Type.Object(
  {
    amount: Money,
    actaNumber: Text(40, 'Número del acta de recibo del dinero (Art. 28)'),
    searchDate: LocalDate,
  },
  { additionalProperties: false, description: 'Dinero encontrado en la requisa de ingreso, entregado a pagaduría (CLS-10)' },
);
export type IntakeCash = Static<typeof IntakeCash>;

export const IdentificationRecords = Type.Object(
  {
    fingerprints: Text(200, 'Referencia a la reseña decadactilar'),
    photo: Text(200, 'Referencia a la reseña fotográfica'),
    biometrics: Type.Optional(Text(200)),
    voice: Type.Optional(Text(200)),
    morphological: Type.Optional(Text(200)),
  },
  { additionalProperties: false, description: 'Referencias (no archivos) a las reseñas tomadas al ingreso (Art. 25 §1)' },
);

export const AdmissionRequest = Type.Object(
  {
    eron: EronCode,
    person: Type.Object(
      {
        names: Text(120, 'Nombres'),
        surnames: Text(120, 'Apellidos'),
        document: IdentityDocument,
        sex: Sex,
        birthDate: LocalDate,
        nationality: Type.String({ pattern: '^[A-Z]{2}$', description: 'País (ISO 3166-1 alfa-2)', examples: ['CO'] }),
      },
      { additionalProperties: false },
    ),
    legalStatus: LegalStatus,
    order: DetentionOrder,
    identification: IdentificationRecords,
    cashAtIntake: Type.Optional(IntakeCash),
  },
  { additionalProperties: false, description: 'Ingreso de una persona al establecimiento (Arts. 25–28)' },
);
export type AdmissionRequest = Static<typeof AdmissionRequest>;

export const Admission = Type.Object({
  nui: Nui,
  eron: EronCode,
  entryNumber: Type.Integer({ description: 'Número en el libro de ingresos del establecimiento (Art. 25 §1)' }),
  legalStatus: LegalStatus,
  securityLevel: Type.Union([Type.Integer(), Type.Null()], { description: 'Nivel de seguridad; 1 para extradición (Art. 19)' }),
  admittedAt: Timestamp,
  cashAtIntake: Type.Union([IntakeCash, Type.Null()]),
});
export type Admission = Static<typeof Admission>;

/** The paymaster received the intake cash: the act signed by the three, a copy to the PPL (CLS-10, Art. 28). */
export const IntakeCashReceiptRequest = Type.Object(
  {
    receivedOn: LocalDate,
    signatures: Type.Object(
      {
        guardCommander: Text(120, 'Comandante de vigilancia que firma el acta'),
        custodyOfficer: Text(120, 'Funcionario de custodia que recibió a la persona'),
        paymaster: Text(120, 'Pagador que recibe el dinero'),
      },
      { additionalProperties: false },
    ),
    copyGivenToPpl: Type.Literal(true, { description: 'Se entregó copia del acta a la persona' }),
  },
  { additionalProperties: false },
);
export type IntakeCashReceiptRequest = Static<typeof IntakeCashReceiptRequest>;

export const IntakeCashLine = Type.Object({
  nui: Nui,
  amount: Money,
  actaNumber: Type.String(),
  searchDate: LocalDate,
  dueBy: LocalDate,
  receivedOn: Type.Union([LocalDate, Type.Null()]),
  overdue: Type.Boolean({ description: 'Llegó a pagaduría después del día siguiente a la requisa, o aún no llega y ya pasó ese día' }),
});

export type IntakeCashLine = Static<typeof IntakeCashLine>;

export const IntakeCashQuery = Type.Object(
  {
    from: LocalDate,
    to: { ...LocalDate, description: 'Último día de requisas del período (a lo sumo 31 días desde from)' },
    limit: Type.Optional(PageLimit(500, 100)),
    after: Type.Optional(PageCursor),
  },
  { additionalProperties: false },
);
export type IntakeCashQuery = Static<typeof IntakeCashQuery>;

export const IntakeCashPage = Type.Object({ eron: EronCode, items: Type.Array(IntakeCashLine), next: NextPage });
export type IntakeCashPage = Static<typeof IntakeCashPage>;
