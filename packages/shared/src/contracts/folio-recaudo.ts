// Contract of folio's recaudo capability: request and response schemas, one file per domain.
import { Type, type Static } from '@sinclair/typebox';
import { IdentityDocument } from '../documents';
import { NextPage, PageCursor, PageLimit } from './classification';
import { Amount, EronCode, LocalDate, Money, Nui, Text, Timestamp, Uuid } from '../primitives';

const Names = (description: string) => Type.String({ minLength: 1, maxLength: 80, pattern: '\\S', description });

/** One natural person a PPL authorises to deposit (FOL-05, Art. 40 §2). Confidential (PLT-06). */
export const DepositorInput = Type.Object(
  {
    document: IdentityDocument,
    givenNames: Names('Nombres'),
    surnames: Names('Apellidos'),
  },
  { additionalProperties: false },
);
export type DepositorInput = Static<typeof DepositorInput>;

export const DepositorListRequest = Type.Object(
  {
    depositors: Type.Array(DepositorInput, {
      minItems: 1,
      maxItems: 20,
      description: 'La lista completa de personas autorizadas (reemplaza la vigente); a lo sumo 5 (FOL-05)',
    }),
  },
  { additionalProperties: false },
);
export type DepositorListRequest = Static<typeof DepositorListRequest>;

export const DepositorEntry = Type.Object({
  id: Uuid,
  document: Type.String({ description: 'Documento enmascarado, p. ej. CC ****5678' }),
  givenNames: Type.Optional(Type.String({ description: 'Solo para pagador y director; la lectura queda auditada' })),
  surnames: Type.Optional(Type.String()),
});

export const DepositorList = Type.Object(
  {
    nui: Nui,
    depositors: Type.Array(DepositorEntry),
    firstRegisteredAt: Type.Union([Timestamp, Type.Null()]),
    lastChangedAt: Type.Union([Timestamp, Type.Null()]),
    nextChangeFrom: Type.Union([Timestamp, Type.Null()], {
      description: 'Desde cuándo se puede volver a cambiar la lista (una vez cada 12 meses tras el primer registro)',
    }),
  },
  { description: 'Personas autorizadas para consignar a la PPL (FOL-05)' },
);
export type DepositorList = Static<typeof DepositorList>;

export const DepositorIdentity = Type.Object({
  id: Uuid,
  document: IdentityDocument,
  givenNames: Type.Union([Type.String(), Type.Null()]),
  surnames: Type.Union([Type.String(), Type.Null()]),
});

/** The bank's real-time notice of one deposit (FOL-06 a). */
export const DepositNotice = Type.Object(
  {
    operationNumber: Type.String({
      pattern: '^0*[1-9][0-9]{0,19}$',
      maxLength: 20,
      description: 'Número de operación del banco (no cero): la llave de idempotencia',
    }),
    nui: Nui,
    depositor: IdentityDocument,
    amount: Money,
    paidAt: Timestamp,
    bankCode: Type.String({ pattern: '^[0-9]{3}$', description: 'Código de la entidad recaudadora' }),
    branch: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })),
  },
  { additionalProperties: false },
);
export type DepositNotice = Static<typeof DepositNotice>;

export const DepositStatus = Type.Union([Type.Literal('credited'), Type.Literal('rejected'), Type.Literal('held')]);

export const DepositReason = Type.Union(
  [
    Type.Literal('monthly_cap'),
    Type.Literal('depositor_not_authorised'),
    Type.Literal('unknown_reference'),
    Type.Literal('amount_not_whole_pesos'),
    Type.Literal('return_reason'),
    Type.Literal('depositor_unknown'),
    Type.Literal('awaiting_confirmation'),
    Type.Literal('national_review'),
  ],
  {
    description:
      'Por qué no se abonó: tope mensual (FOL-04), consignante no autorizado (FOL-05), referencia, monto, devolución; de un archivo cargado por funcionario (FOL-06 b): espera el aviso del banco o la aprobación de un segundo funcionario, o nombra PPL de otro establecimiento y espera al nivel nacional',
  },
);
export type DepositReason = Static<typeof DepositReason>;

/** FOL-06 (b): what a second officer's approval of a staff-uploaded file did. */
export const RecaudoFileApproval = Type.Object({
  id: Uuid,
  approvedBy: Type.String(),
  credited: Type.Integer({ minimum: 0, description: 'Líneas abonadas' }),
  rejected: Type.Integer({ minimum: 0, description: 'Líneas que al aprobar no cumplían FOL-04/FOL-05: se deben devolver' }),
  notYours: Type.Integer({ minimum: 0, description: 'Líneas de establecimientos por los que no actúa quien aprueba: siguen retenidas' }),
});
export type RecaudoFileApproval = Static<typeof RecaudoFileApproval>;

export const DepositNoticeResult = Type.Object({
  depositId: Uuid,
  result: Type.Union([Type.Literal('credited'), Type.Literal('rejected'), Type.Literal('held'), Type.Literal('duplicate')]),
  status: DepositStatus,
  reason: Type.Union([DepositReason, Type.Null()]),
  reasonText: Type.Union([Type.String(), Type.Null()]),
  amount: Money,
});
export type DepositNoticeResult = Static<typeof DepositNoticeResult>;

export const RecaudoFileStatus = Type.Union([
  Type.Literal('queued'),
  Type.Literal('processing'),
  Type.Literal('done'),
  Type.Literal('held_for_review'),
]);

export const RecaudoFileAccepted = Type.Object({
  id: Uuid,
  status: RecaudoFileStatus,
  duplicateUpload: Type.Boolean({ description: 'El mismo archivo ya se había cargado: no se abona nada otra vez' }),
  totalRecords: Type.Integer({ minimum: 0 }),
  warnings: Type.Array(Type.Object({ check: Type.String(), line: Type.Integer(), field: Type.String(), message: Type.String() })),
});

/** Issue 8: a large file kept by the request, to be checked by the file job. */
export const RecaudoUploadReceived = Type.Object({
  id: Uuid,
  status: Type.Literal('received'),
  bytes: Type.Integer({ minimum: 0 }),
});

/** Issue 8: a kept upload — received, refused (each issue with its check, line and field) or accepted as a file. */
export const RecaudoUpload = Type.Object({
  id: Uuid,
  status: Type.Union([Type.Literal('received'), Type.Literal('refused'), Type.Literal('accepted')]),
  bytes: Type.Integer({ minimum: 0 }),
  fileId: Type.Union([Uuid, Type.Null()], { description: 'El archivo registrado, cuando se aceptó: su progreso y su informe' }),
  errors: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
  receivedAt: Type.String({ format: 'date-time' }),
  checkedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type RecaudoUpload = Static<typeof RecaudoUpload>;

export const RecaudoFileProgress = Type.Object({
  id: Uuid,
  status: RecaudoFileStatus,
  collectionDate: LocalDate,
  modifier: Type.String(),
  processed: Type.Integer({ minimum: 0 }),
  total: Type.Integer({ minimum: 0 }),
  uploadedAt: Timestamp,
  finishedAt: Type.Union([Timestamp, Type.Null()]),
});

const Bucket = Type.Object({ count: Type.Integer({ minimum: 0 }), amount: Amount });

export const RecaudoFileReport = Type.Object(
  {
    id: Uuid,
    status: RecaudoFileStatus,
    fileTotal: Bucket,
    credited: Bucket,
    rejected: Bucket,
    held: Bucket,
    duplicates: Bucket,
    reconciles: Type.Boolean({ description: 'total del archivo = abonado + rechazado + retenido + duplicados' }),
    records: Type.Array(
      Type.Object({
        line: Type.Integer(),
        outcome: Type.Union([Type.Literal('credited'), Type.Literal('rejected'), Type.Literal('held'), Type.Literal('duplicate')]),
        reason: Type.Union([Type.String(), Type.Null()]),
        nui: Type.String(),
        amount: Amount,
      }),
      { description: 'Los registros no abonados (rechazados, retenidos, duplicados), por línea' },
    ),
  },
  { description: 'Resultado de un archivo Asobancaria 2001 (FOL-06 b); montos en pesos (los centavos se truncan en el total)' },
);
export type RecaudoFileReport = Static<typeof RecaudoFileReport>;

export const ReconciliationQuery = Type.Object({ from: LocalDate, to: LocalDate, eron: EronCode }, { additionalProperties: false });

export const ReconciliationDay = Type.Object({
  date: LocalDate,
  businessDay: Type.Boolean(),
  filesReceived: Type.Integer({ minimum: 0 }),
  fileMissing: Type.Boolean({ description: 'Día hábil ya vencido sin archivo de recaudo' }),
  credited: Bucket,
  rejected: Bucket,
  held: Bucket,
  refundsDue: Amount,
  heldForNationalOffice: {
    ...Bucket,
    description:
      'Líneas de archivos cargados por este establecimiento que nombran PPL de otro: retenidas para el nivel nacional y asentadas en la cuenta nacional (cuentan en su conciliación, no en credited/rejected/held de aquí)',
  },
  namingNoFolio: {
    ...Bucket,
    description:
      'Líneas de archivos cargados por este establecimiento cuya referencia no es un Folio: asentadas en la cuenta nacional (cuentan en su conciliación, no aquí)',
  },
});

/** A line of this establishment's upload booked on the national account, as the uploader's auditor ticks it off (no NUI: PLT-03). */
export const NationalAccountLine = Type.Object({
  fileId: Uuid,
  line: Type.Integer({ minimum: 1 }),
  collectionDate: LocalDate,
  amount: Amount,
  reason: Type.Union([DepositReason, Type.Null()]),
  status: Type.Union([Type.Literal('credited'), Type.Literal('rejected'), Type.Literal('held')], {
    description: 'Lo que decidió el nivel nacional (held: aún sin decidir)',
  }),
});

export const Reconciliation = Type.Object({
  eron: EronCode,
  from: LocalDate,
  to: LocalDate,
  days: Type.Array(ReconciliationDay),
  heldForReview: Bucket,
  refundsDueBalance: Amount,
  nationalAccountLines: Type.Array(NationalAccountLine, {
    maxItems: 2000,
    description:
      'Las líneas de heldForNationalOffice y namingNoFolio del rango, por archivo y línea (a lo sumo 2000: ver nationalAccountLinesTruncated)',
  }),
  nationalAccountLinesTruncated: Type.Boolean(),
});
export type Reconciliation = Static<typeof Reconciliation>;

/** The paymaster's decision on a deposit held for review (FOL-06, then FOL-05 and FOL-04 for a credit). */
export const DepositReviewRequest = Type.Object(
  {
    decision: Type.Union([Type.Literal('credit'), Type.Literal('refund')], {
      description: 'credit: abonar a la PPL si el consignante establecido cumple FOL-05 y FOL-04; refund: devolver al consignante',
    }),
    /** Required with credit: the depositor as the bank's support shows (confidential). */
    depositor: Type.Optional(IdentityDocument),
    reason: Text(500, 'Por qué se decide así (soporte del banco, causal de devolución)'),
  },
  { additionalProperties: false },
);
export type DepositReviewRequest = Static<typeof DepositReviewRequest>;

export const DepositReviewParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const DepositReviewResult = Type.Object({
  depositId: Uuid,
  nui: Type.String(),
  amount: Amount,
  decision: Type.Union([Type.Literal('credit'), Type.Literal('refund')]),
  status: Type.Union([Type.Literal('credited'), Type.Literal('rejected')]),
  reason: Type.Union([DepositReason, Type.Null()], { description: 'La regla que impidió abonar (FOL-04, FOL-05), si alguna' }),
  reasonText: Type.Union([Type.String(), Type.Null()]),
  note: Type.String({ description: 'La razón dada por quien decidió' }),
  depositor: Type.Union([Type.String(), Type.Null()], { description: 'Documento enmascarado, p. ej. CC ****5678' }),
  decidedBy: Type.String(),
  decidedAt: Timestamp,
  transactionId: Uuid,
});
export type DepositReviewResult = Static<typeof DepositReviewResult>;

export const HeldDepositsQuery = Type.Object(
  { status: Type.Literal('held'), eron: EronCode, limit: Type.Optional(PageLimit(500, 200)), after: Type.Optional(PageCursor) },
  { additionalProperties: false },
);

export const HeldDeposits = Type.Object(
  {
    eron: EronCode,
    deposits: Type.Array(
      Type.Object({
        id: Uuid,
        nui: Type.String(),
        amount: Amount,
        collectionDate: LocalDate,
        channel: Type.Union([Type.Literal('notice'), Type.Literal('file')]),
        fileId: Type.Union([Uuid, Type.Null()]),
        line: Type.Union([Type.Integer(), Type.Null()]),
        reason: Type.Union([DepositReason, Type.Null()]),
        reasonText: Type.Union([Type.String(), Type.Null()]),
        receivedAt: Timestamp,
      }),
    ),
    next: NextPage,
  },
  {
    description: 'Consignaciones retenidas para revisión (FOL-06), sin la identidad del consignante; por páginas, las más antiguas primero',
  },
);
export type HeldDeposits = Static<typeof HeldDeposits>;
