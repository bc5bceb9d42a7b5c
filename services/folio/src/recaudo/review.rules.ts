import { conflict, documentProblem, ProblemError, type DepositReason, type DepositReviewRequest } from '@eron/shared';
import { decideDeposit, GATED_REASONS, isWholePesos, type DepositFacts } from './deposit.rules';

const badInput = (field: string, es: string, en: string) =>
  new ProblemError({
    status: 400,
    code: 'invalid-request',
    title: 'Invalid request',
    detail: { es, en },
    rule: 'FOL-06',
    errors: [{ field, message: { es, en } }],
  });

/** FOL-06: a credit names the depositor as the bank's support shows, with a valid document. */
export function assertReviewRequest(b: DepositReviewRequest): void {
  if (b.decision === 'credit' && !b.depositor)
    throw badInput('/depositor', 'Para abonar hay que nombrar al consignante', 'A credit must name the depositor');
  const docProblem = b.depositor ? documentProblem(b.depositor) : null;
  if (docProblem) throw badInput('/depositor/number', docProblem, docProblem);
}

/**
 * FOL-06: only a deposit held for review, and not yet decided, is resolved — once; and only one
 * that was booked in `deposits_held`, i.e. whole pesos above zero (ASO-17, FOL-02): a review moves
 * out of the held account exactly what was put there, never money that was not.
 */
export function assertStillHeld(d: { status: string; reviewed: boolean; amount_cents: string }): void {
  if (d.status === 'held' && !d.reviewed && isWholePesos(BigInt(d.amount_cents))) return;
  throw conflict(
    'deposit-not-held',
    {
      es: 'FOL-06: la consignación no está retenida para revisión (o ya se decidió)',
      en: 'FOL-06: the deposit is not held for review (or was already decided)',
    },
    'FOL-06',
    'Art. 40',
  );
}

/**
 * FOL-06 (b): a line of a staff-uploaded file that waits for confirmation is released by the bank's
 * notice or by a second officer — never by the officer who uploaded the file.
 */
export function assertNotUploader(d: { reason: string | null; uploaded_by: string | null }, who: string): void {
  if (!(GATED_REASONS as readonly (string | null)[]).includes(d.reason) || d.uploaded_by !== who) return;
  throw conflict(
    'fol-06-second-officer',
    {
      es: 'FOL-06: quien cargó el archivo no puede abonar sus líneas; lo confirma el aviso del banco o un segundo funcionario',
      en: 'FOL-06: the officer who uploaded the file cannot credit its lines; a bank notice or a second officer confirms them',
    },
    'FOL-06',
    'Art. 40',
  );
}

/**
 * The paymaster's decision, as it lands: a refund is owed back; a credit passes the rules a deposit
 * meets on arrival (FOL-05 authorised depositor, FOL-04 the payment month's cap) at this moment,
 * and is owed back with the reason if it fails — never credited blindly.
 */
export function reviewOutcome(
  decision: 'credit' | 'refund',
  facts?: Omit<DepositFacts, 'returnReason'>,
): { status: 'credited' | 'rejected'; reason: DepositReason | null } {
  if (decision === 'refund' || !facts) return { status: 'rejected', reason: null };
  const d = decideDeposit({ ...facts, returnReason: '' });
  return { status: d.status === 'credited' ? 'credited' : 'rejected', reason: d.reason };
}
