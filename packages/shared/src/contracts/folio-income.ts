// Contract of folio's income, movements, exits and reports (FOL-11 … FOL-17).
import { Type, type Static } from '@sinclair/typebox';
import { IdentityDocument } from '../documents';
import { Amount, EronCode, LocalDate, Money, Nui, Text, Timestamp, Uuid } from '../primitives';

/** A calendar month in America/Bogota, YYYY-MM. */
export const FolioMonth = Type.String({
  // Year 0000 does not exist (Postgres refuses it): the years are 1000 … 9999.
  pattern: '^[1-9][0-9]{3}-(0[1-9]|1[0-2])$',
  description: 'Mes calendario en America/Bogota (AAAA-MM)',
  examples: ['2026-11'],
});

// FOL-11 work pay ----------------------------------------------------------------------------

export const SavingsAuthorisationRequest = Type.Object(
  {
    authorised: Type.Boolean({ description: 'La PPL autoriza (true) o retira (false) el ahorro del 10 % (Art. 43)' }),
    document: Text(120, 'Documento firmado por la PPL que contiene la autorización'),
  },
  { additionalProperties: false },
);
export type SavingsAuthorisationRequest = Static<typeof SavingsAuthorisationRequest>;

export const SavingsAuthorisation = Type.Object({
  nui: Nui,
  authorised: Type.Boolean(),
  document: Type.String(),
  recordedAt: Timestamp,
});

export const WorkPaymentRequest = Type.Object(
  {
    nui: Nui,
    month: FolioMonth,
    amount: Money,
    workFront: Text(120, 'Frente de trabajo del establecimiento'),
    payrollReference: Text(60, 'Planilla o nómina de bonificaciones que soporta el pago'),
  },
  { additionalProperties: false },
);
export type WorkPaymentRequest = Static<typeof WorkPaymentRequest>;

export const WorkPayment = Type.Object(
  {
    id: Uuid,
    nui: Nui,
    eron: EronCode,
    month: FolioMonth,
    amount: Money,
    cajaEspecial: Amount,
    savings: Amount,
    available: Amount,
    transactionId: Uuid,
  },
  { description: 'Bonificación mensual repartida: 10 % Caja Especial, 10 % ahorro si autorizado, el resto disponible (Arts. 43, 120)' },
);
export type WorkPayment = Static<typeof WorkPayment>;

// FOL-12 seized cash -------------------------------------------------------------------------

export const SeizureRequest = Type.Object(
  {
    eron: EronCode,
    amount: Money,
    actaNumber: Text(40, 'Acta del operativo de registro y control'),
    nui: Type.Optional(Nui),
    ownerUnknown: Type.Optional(Type.Literal(true, { description: 'No se pudo establecer a quién pertenece (Art. 44 inc. 3)' })),
  },
  { additionalProperties: false, description: 'Dinero incautado: con NUI se registra a nombre de quien lo tenía; si no, ownerUnknown' },
);
export type SeizureRequest = Static<typeof SeizureRequest>;

export const Seizure = Type.Object({
  transactionId: Uuid,
  eron: EronCode,
  amount: Money,
  nui: Type.Union([Nui, Type.Null()]),
  account: Type.Union([Type.Literal('ppl_seized'), Type.Literal('unknown_owner_cash')]),
});

// FOL-14 / FOL-15 exits ----------------------------------------------------------------------

export const Payout = Type.Object(
  {
    id: Uuid,
    nui: Nui,
    eron: EronCode,
    exitId: Uuid,
    reason: Type.String(),
    amount: Amount,
    available: Amount,
    savings: Amount,
    seized: Amount,
    paid: Amount,
    remaining: Amount,
    smallRemainder: Type.Boolean({ description: 'Queda menos de $1 000: efectivo o a otro Folio con aprobación del Director' }),
    status: Type.Union([Type.Literal('due'), Type.Literal('paid')]),
    settledAs: Type.Union([Type.Literal('payment'), Type.Literal('cash'), Type.Literal('folio'), Type.Null()]),
    toNui: Type.Union([Nui, Type.Null()]),
    createdAt: Timestamp,
    paidAt: Type.Union([Timestamp, Type.Null()]),
  },
  { description: 'Entrega del saldo al salir en libertad o a detención domiciliaria (FOL-14, Art. 41 §)' },
);
export type Payout = Static<typeof Payout>;

export const PayoutPaymentRequest = Type.Object(
  {
    method: Type.Union([Type.Literal('cash'), Type.Literal('check'), Type.Literal('bank_transfer')]),
    reference: Text(60, 'Comprobante de egreso del pagador'),
  },
  { additionalProperties: false },
);

export const SmallRemainderRequest = Type.Object(
  {
    choice: Type.Union([Type.Literal('cash'), Type.Literal('folio')], {
      description: 'Entregado en efectivo a la persona, o trasladado al Folio de otra PPL que ella nombra',
    }),
    toNui: Type.Optional(Nui),
    approval: Text(60, 'Acta o constancia de aprobación del Director'),
  },
  { additionalProperties: false },
);
export type SmallRemainderRequest = Static<typeof SmallRemainderRequest>;

export const Settlement = Type.Object(
  {
    id: Uuid,
    nui: Nui,
    eron: EronCode,
    exitId: Uuid,
    reason: Type.String(),
    amount: Amount,
    paid: Amount,
    remaining: Amount,
    status: Type.Union([Type.Literal('held'), Type.Literal('paid')]),
    createdAt: Timestamp,
  },
  { description: 'Saldo liquidado y retenido para quienes la PPL autorizó (FOL-15, Arts. 41 §, 123)' },
);
export type Settlement = Static<typeof Settlement>;

export const SettlementPaymentRequest = Type.Object(
  {
    amount: Money,
    beneficiary: Type.Object(
      { document: IdentityDocument, names: Text(120, 'Nombres y apellidos') },
      { additionalProperties: false, description: 'Persona autorizada por la PPL (confidencial)' },
    ),
    authorisationReference: Text(80, 'Documento en que la PPL autorizó a esta persona'),
  },
  { additionalProperties: false },
);
export type SettlementPaymentRequest = Static<typeof SettlementPaymentRequest>;

export const SettlementPayment = Type.Object({ id: Uuid, settlementId: Uuid, amount: Money, remaining: Amount, status: Type.String() });

// FOL-16 statement ---------------------------------------------------------------------------

export const StatementLine = Type.Object({
  at: Timestamp,
  date: LocalDate,
  kind: Type.String(),
  concept: Type.String(),
  reference: Type.String(),
  amount: Type.Integer({ description: 'Crédito > 0, débito < 0' }),
  balance: Amount,
});

export const StatementSection = Type.Object({
  account: Type.Union([Type.Literal('available'), Type.Literal('savings'), Type.Literal('seized')]),
  opening: Amount,
  closing: Amount,
  lines: Type.Array(StatementLine),
});

const CapNow = Type.Object({ cap: Amount, spent: Amount, remaining: Amount });

export const Statement = Type.Object(
  {
    nui: Nui,
    pplName: Type.Union([Type.String(), Type.Null()], { description: 'Nombres y apellidos según la orden de ingreso (Art. 27)' }),
    eron: EronCode,
    eronName: Type.Union([Type.String(), Type.Null()], { description: 'Nombre del establecimiento que lleva el Folio' }),
    from: LocalDate,
    to: LocalDate,
    sections: Type.Array(StatementSection),
    now: Type.Object({ date: LocalDate, available: Amount, savings: Amount, seized: Amount, day: CapNow, month: CapNow }),
  },
  { description: 'Extracto del Folio por período con saldo corrido, y lo que queda de los topes de hoy y del mes (FOL-16)' },
);
export type Statement = Static<typeof Statement>;

// FOL-17 establishment reports ---------------------------------------------------------------

const KindTotal = Type.Object({ kind: Type.String(), count: Type.Integer(), amount: Type.Integer() });
const DayDeposits = Type.Object({
  date: LocalDate,
  received: Amount,
  receivedCount: Type.Integer(),
  rejected: Amount,
  rejectedCount: Type.Integer(),
});
const AccountMovement = Type.Object({
  at: Timestamp,
  kind: Type.String(),
  concept: Type.String(),
  reference: Type.String(),
  amount: Type.Integer(),
  balance: Type.Integer(),
});

const NationalBucket = Type.Object({ count: Type.Integer({ minimum: 0 }), amount: Amount });

export const EstablishmentReport = Type.Object(
  {
    eron: EronCode,
    period: Type.Object({ from: LocalDate, to: LocalDate }),
    deposits: Type.Array(DayDeposits),
    shop: Type.Object({
      sales: Amount,
      salesCount: Type.Integer(),
      returns: Amount,
      costOfGoods: Amount,
      profit: Type.Integer(),
      cajaEspecialShare: Amount,
    }),
    cajaEspecial: Type.Object({ opening: Type.Integer(), closing: Type.Integer(), movements: Type.Array(AccountMovement) }),
    balancesHeld: Type.Object({ opening: Amount, closing: Amount, movements: Type.Array(KindTotal) }),
    paymaster: Type.Object({ opening: Type.Integer(), closing: Type.Integer() }),
    forNationalOffice: Type.Object(
      { heldForNationalOffice: NationalBucket, namingNoFolio: NationalBucket },
      {
        description:
          'Líneas de archivos cargados por este establecimiento, asentadas en el período en la cuenta nacional (retenidas para el nivel nacional por nombrar PPL de otro establecimiento —o devueltas por él si traen centavos—, o sin Folio): no cuentan en deposits ni en los saldos de aquí (FOL-06 b, FOL-17)',
      },
    ),
    reconciliation: Type.Object({
      reconciles: Type.Boolean(),
      heldFromPostings: Type.Integer(),
      heldFromBalances: Type.Integer(),
      accountsChecked: Type.Integer(),
      mismatches: Type.Array(Type.Object({ account: Type.String(), postings: Type.Integer(), balance: Type.Integer() })),
    }),
  },
  { description: 'Informe del establecimiento por día o mes, derivado de los asientos del libro (FOL-17)' },
);
export type EstablishmentReport = Static<typeof EstablishmentReport>;

export const ShopAccountMonth = Type.Object({
  month: FolioMonth,
  sales: Amount,
  due: Type.Boolean({ description: 'El expendio tuvo movimiento ese mes: hay cuentas que rendir (Art. 128)' }),
  dueDate: LocalDate,
  submittedAt: Type.Union([Timestamp, Type.Null()]),
  submittedTo: Type.Union([Type.String(), Type.Null()]),
  overdue: Type.Boolean(),
});

export const ShopAccounts = Type.Object(
  { eron: EronCode, year: Type.Integer(), months: Type.Array(ShopAccountMonth) },
  { description: 'Rendición mensual de cuentas del expendio: primeros 5 días calendario del mes siguiente (FOL-17, Art. 128)' },
);

export const ShopAccountSubmissionRequest = Type.Object(
  {
    submittedTo: Type.Union([Type.Literal('regional_finance'), Type.Literal('gestion_corporativa')]),
    reference: Text(80, 'Oficio o radicado con que se rindieron las cuentas'),
  },
  { additionalProperties: false },
);
