/** The ledger's vocabulary (FOL-01, FOL-02): account kinds, a balanced transaction, a PPL's balances. */
export type PplAccountKind = 'ppl_available' | 'ppl_savings' | 'ppl_seized';
export type EronAccountKind =
  | 'caja_especial'
  | 'shop'
  | 'phone_hold'
  | 'paymaster'
  | 'bank_clearing'
  | 'providers'
  | 'refunds_due'
  | 'unknown_owner_cash'
  | 'settlements_held'
  | 'payouts_due'
  | 'deposits_held';

/** Every Folio holds these three accounts (FOL-01, Art. 40). */
export const PPL_KINDS: readonly PplAccountKind[] = ['ppl_available', 'ppl_savings', 'ppl_seized'];

/** One balanced transaction to record (FOL-02): signed postings (credit > 0) that add up to zero. */
export interface NewTransaction {
  kind: string;
  eron: string;
  nui: string | null;
  /** Unique per kind: the document that justifies it (acta, receipt, bank operation…). */
  reference: string;
  concept: string;
  createdBy: string;
  requestId?: string;
  postings: { accountId: string; amount: number }[];
}

/** A PPL's three accounts with their balances (locked by whoever read them). */
export type Balances = Record<PplAccountKind, { id: string; balance: number }>;

export const totalOf = (b: Balances): number => b.ppl_available.balance + b.ppl_savings.balance + b.ppl_seized.balance;

/** The postings that empty (sign −1) or fill (sign +1) the PPL's accounts with the given balances. */
export const pplLegs = (b: Balances, sign: 1 | -1) =>
  Object.values(b)
    .filter((a) => a.balance > 0)
    .map((a) => ({ accountId: a.id, amount: sign * a.balance }));
