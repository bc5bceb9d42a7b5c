import type { Generated } from 'kysely';
import type { EronAccountKind, PplAccountKind } from './ledger.rules';

export type { EronAccountKind, PplAccountKind } from './ledger.rules';

/** The ledger (FOL-01, FOL-02): accounts, balanced transactions, signed postings (credit > 0). */
export interface LedgerTables {
  /** `balance` is kept for PPL accounts only; read establishment balances from `account_balances`. */
  ledger_accounts: {
    id: Generated<string>;
    eron: string;
    kind: PplAccountKind | EronAccountKind;
    nui: string | null;
    balance: Generated<number>;
  };
  ledger_transactions: {
    id: string;
    kind: string;
    eron: string;
    nui: string | null;
    reference: string;
    concept: string;
    reverses: string | null;
    created_by: string;
    request_id: string | null;
    created_at: Generated<Date>;
  };
  /** balance_after: the PPL account's running balance; null on establishment accounts. */
  postings: { id: Generated<string>; transaction_id: string; account_id: string; amount: number; balance_after: Generated<number | null> };
  /** View: PPL accounts' kept balance, establishment accounts' sum of postings. */
  account_balances: { id: string; eron: string; kind: PplAccountKind | EronAccountKind; nui: string | null; balance: number };
}
