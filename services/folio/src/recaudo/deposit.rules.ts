import { bogotaToday, documentProblem, ProblemError, type DepositNotice, type DepositReason } from '@eron/shared';

/** Where a deposit stands (FOL-04 … FOL-06): credited, owed back (rejected) or held for review. */
export type DepositStatus = 'credited' | 'rejected' | 'held';
/** A file record's outcome: a deposit's status, or a payment already recorded by either channel (ASO-20). */
export type FileOutcome = DepositStatus | 'duplicate';

/** What we know about the PPL and the depositor when a deposit arrives. */
export interface DepositFacts {
  folioOpen: boolean;
  amountCents: bigint;
  /** Blank or `000` when the payment is not a return (ASO-18). */
  returnReason: string;
  /** true/false when the depositor is known; undefined when the channel cannot tell (FOL-06). */
  depositorAuthorised: boolean | undefined;
  /** Pesos already credited to the PPL this calendar month (FOL-04). */
  creditedThisMonth: number;
  monthlyCap: number;
}

export interface Decision {
  status: DepositStatus;
  reason: DepositReason | null;
}

export const REASON_TEXT: Record<DepositReason, string> = {
  monthly_cap: 'FOL-04: supera el tope mensual de consignaciones (Art. 40 §1); se debe devolver al consignante',
  depositor_not_authorised: 'FOL-05: el consignante no está autorizado por la PPL (Art. 40 §2); se debe devolver',
  unknown_reference: 'ASO-16: la referencia no corresponde a un Folio abierto; se debe devolver',
  amount_not_whole_pesos: 'ASO-17: el monto no es de pesos enteros (FOL-02); se debe devolver',
  return_reason: 'ASO-18: el registro trae causal de devolución; retenido para revisión',
  depositor_unknown: 'FOL-06: no se puede saber quién consignó; retenido para revisión, nunca se abona a ciegas',
  awaiting_confirmation:
    'FOL-06: línea de un archivo cargado por un funcionario; se abona cuando el aviso del banco la confirme o un segundo funcionario apruebe el archivo',
  national_review: 'FOL-06: el archivo lo cargó otro establecimiento; retenida para el nivel nacional',
};

/** Held lines of a staff-uploaded file that a bank notice or a second officer may release (FOL-06 b). */
export const GATED_REASONS: readonly DepositReason[] = ['awaiting_confirmation', 'national_review'];

/**
 * FOL-06 (b): a line of a file an officer uploaded (not the bank's machine client) never credits
 * on its own: naming a PPL of an establishment the uploader does not act for it waits for the
 * national office (booked there); else a credit waits for the bank's notice or a second officer.
 * A line that names no Folio stays as decided. A line that moves no money (ASO-17) stays owed back
 * whole, never held — but one naming another establishment's PPL is the national office's to
 * answer for too (booked there), never that establishment's, which neither uploaded nor received it.
 */
export function gateStaffLine(
  d: Decision,
  folioEron: string | undefined,
  uploaderErons: string[] | null,
): Decision & { national: boolean } {
  if (folioEron === undefined) return { ...d, national: false };
  const elsewhere = uploaderErons !== null && !uploaderErons.includes(folioEron);
  if (d.reason === 'amount_not_whole_pesos') return { ...d, national: elsewhere };
  if (elsewhere) return { status: 'held', reason: 'national_review', national: true };
  if (d.status === 'credited') return { status: 'held', reason: 'awaiting_confirmation', national: false };
  return { ...d, national: false };
}

/** ASO-17, FOL-02: the ledger books only whole pesos above zero. */
export const isWholePesos = (cents: bigint): boolean => cents > 0n && cents % 100n === 0n;

/**
 * Whether a deposit is credited, rejected (owed back to the depositor) or held for review, in the
 * order of asobancaria-2001.md §3 then FOL-05 and FOL-04. Never credits a depositor it cannot name.
 */
export function decideDeposit(f: DepositFacts): Decision {
  // ASO-17 first: a record that is not whole pesos moves no money (FOL-02), so it is never held
  // as if it had: a review could only post from `deposits_held` what was never booked there.
  if (!isWholePesos(f.amountCents)) return { status: 'rejected', reason: 'amount_not_whole_pesos' };
  if (f.returnReason.trim() !== '' && f.returnReason !== '000') return { status: 'held', reason: 'return_reason' };
  if (!f.folioOpen) return { status: 'rejected', reason: 'unknown_reference' };
  if (f.depositorAuthorised === false) return { status: 'rejected', reason: 'depositor_not_authorised' };
  if (f.depositorAuthorised === undefined) return { status: 'held', reason: 'depositor_unknown' };
  if (f.creditedThisMonth + Number(f.amountCents / 100n) > f.monthlyCap) return { status: 'rejected', reason: 'monthly_cap' };
  return { status: 'credited', reason: null };
}

/**
 * The bank's operation number as both channels can compare it: the file carries 6 digits
 * (asobancaria-2001.md §2) while a notice may carry a wider, zero-padded or longer number; the
 * 6 low digits without leading zeros are what both have.
 */
export function operationOf(n: string): string {
  const whole = n.replace(/^0+/, '');
  // A wide number whose low digits are all zeros keeps all of them: it is not teller cash.
  return whole.slice(-6).replace(/^0+/, '') || whole;
}

/**
 * The identity of a payment across both channels (FOL-06, asobancaria-2001.md §3): bank,
 * collection date, operation number, the PPL it names and the amount — banks recycle 6-digit
 * operation numbers, so the number alone would swallow a real payment of another day. Teller cash
 * (operation `000000`) falls back to the branch and the file's sequence.
 */
export function depositKey(p: {
  bankCode: string;
  operationNumber: string;
  collectionDate: string;
  branch: string;
  reference: string;
  nui: string;
  amountCents: bigint;
  sequence: string;
}): string {
  const operation = operationOf(p.operationNumber);
  if (operation) return `op:${p.bankCode}:${p.collectionDate}:${operation}:${p.nui}:${p.amountCents}`;
  return `cash:${p.bankCode}:${p.collectionDate}:${p.branch}:${p.reference}:${p.amountCents}:${p.sequence}`;
}

/** Postings of a decided deposit, in pesos: the bank clearing account pays whoever the money is now owed to. */
export const ledgerKindOf = (status: DepositStatus): { kind: string; to: 'ppl_available' | 'refunds_due' | 'deposits_held' } =>
  status === 'credited'
    ? { kind: 'deposit', to: 'ppl_available' }
    : status === 'rejected'
      ? { kind: 'deposit_rejected', to: 'refunds_due' }
      : { kind: 'deposit_held', to: 'deposits_held' };

/** Shows a document as `CC ****5678`: enough to recognise, not to copy (PLT-06). */
export const maskDocument = (type: string, number: string): string => `${type} ****${number.slice(-4)}`;

/** How the depositor is known: the notice's full document, the reference's number slice, or not at all. */
export type DepositorClue = { type: string; number: string } | { number: string } | undefined;

/** A payment as it arrives, by notice (FOL-06 a) or in a file (FOL-06 b). */
export interface Incoming {
  key: string;
  channel: 'notice' | 'file';
  nui: string;
  amountCents: bigint;
  collectionDate: string;
  returnReason: string;
  depositor: DepositorClue;
  bankCode: string;
  fileId: string | null;
  line: number | null;
}

export interface Processed {
  line: number | null;
  depositId: string;
  outcome: FileOutcome;
  status: DepositStatus;
  reason: DepositReason | null;
  nui: string;
  amountCents: bigint;
}

/** A notice's depositor must carry a valid document: it is who a refund is paid to (PLT-04, FOL-05). */
export function assertNoticeDocument(notice: DepositNotice): void {
  const problem = documentProblem(notice.depositor);
  if (!problem) return;
  throw new ProblemError({
    status: 400,
    code: 'invalid-request',
    title: 'Invalid request',
    detail: { es: 'Documento del consignante inválido', en: 'Invalid depositor document' },
    rule: 'PLT-04',
    errors: [{ field: '/depositor/number', message: { es: problem, en: problem } }],
  });
}

/** The bank's real-time notice as an incoming payment: its operation number is its identity (FOL-06 a). */
export function noticeIncoming(notice: DepositNotice): Incoming {
  const collectionDate = bogotaToday(new Date(notice.paidAt));
  const amountCents = BigInt(notice.amount) * 100n;
  const key = depositKey({
    bankCode: notice.bankCode,
    operationNumber: notice.operationNumber,
    collectionDate,
    branch: '',
    reference: notice.nui,
    nui: notice.nui,
    amountCents,
    sequence: '',
  });
  return {
    key,
    channel: 'notice',
    nui: notice.nui,
    amountCents,
    collectionDate,
    returnReason: '',
    depositor: notice.depositor,
    bankCode: notice.bankCode,
    fileId: null,
    line: null,
  };
}
