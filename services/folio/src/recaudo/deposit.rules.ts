import type { DepositReason } from '@eron/shared';
import type { DepositStatus } from './recaudo.tables';

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
};

/**
 * Whether a deposit is credited, rejected (owed back to the depositor) or held for review, in the
 * order of asobancaria-2001.md §3 then FOL-05 and FOL-04. Never credits a depositor it cannot name.
 */
export function decideDeposit(f: DepositFacts): Decision {
  if (f.returnReason.trim() !== '' && f.returnReason !== '000') return { status: 'held', reason: 'return_reason' };
  if (!f.folioOpen) return { status: 'rejected', reason: 'unknown_reference' };
  if (f.amountCents <= 0n || f.amountCents % 100n !== 0n) return { status: 'rejected', reason: 'amount_not_whole_pesos' };
  if (f.depositorAuthorised === false) return { status: 'rejected', reason: 'depositor_not_authorised' };
  if (f.depositorAuthorised === undefined) return { status: 'held', reason: 'depositor_unknown' };
  if (f.creditedThisMonth + Number(f.amountCents / 100n) > f.monthlyCap) return { status: 'rejected', reason: 'monthly_cap' };
  return { status: 'credited', reason: null };
}

/** The identity of a payment across both channels (asobancaria-2001.md §3): operation number, else the teller-cash key. */
export function depositKey(p: {
  bankCode: string;
  operationNumber: string;
  collectionDate: string;
  branch: string;
  reference: string;
  amountCents: bigint;
  sequence: string;
}): string {
  const operation = p.operationNumber.replace(/^0+/, '');
  if (operation) return `op:${p.bankCode}:${operation}`;
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
