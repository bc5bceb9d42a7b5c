import type { Generated } from 'kysely';

/** Work pay, seized cash, transfers and payouts (FOL-11 … FOL-15). */
export interface IncomeTables {
  /** The PPL's written authorisation to save 10 % of work pay (Art. 43); the latest row is in force. */
  savings_authorisations: {
    id: Generated<string>;
    nui: string;
    authorised: boolean;
    document: string;
    recorded_by: string;
    recorded_at: Generated<Date>;
  };
  /** One bonificación per PPL and month (FOL-11); the ledger transaction carries the money. */
  work_payments: {
    id: string;
    nui: string;
    eron: string;
    month: string;
    amount: number;
    caja_especial: number;
    savings: number;
    available: number;
    transaction_id: string;
    created_at: Generated<Date>;
  };
  /** Where each Folio was held over time (FOL-13): one row per transfer. */
  folio_moves: { transfer_id: string; nui: string; from_eron: string; to_eron: string; moved_at: Generated<Date> };
  /** Balances owed on release or house arrest (FOL-14); `paid` grows with each hand-over (a late return is owed again). */
  payouts: {
    id: string;
    nui: string;
    eron: string;
    exit_id: string;
    reason: string;
    amount: number;
    paid: Generated<number>;
    available: number;
    savings: number;
    seized: number;
    status: 'due' | 'paid';
    settled_as: 'payment' | 'cash' | 'folio' | null;
    to_nui: string | null;
    approval: string | null;
    paid_by: string | null;
    paid_at: Date | null;
    created_at: Generated<Date>;
  };
  /** Balances held for the persons the PPL authorised on death, escape or extradition (FOL-15). */
  settlements: {
    id: string;
    nui: string;
    eron: string;
    exit_id: string;
    reason: string;
    amount: number;
    paid: number;
    status: 'held' | 'paid';
    created_at: Generated<Date>;
  };
  /** Confidential: the beneficiary's identity is never listed or logged. */
  settlement_payments: {
    id: string;
    settlement_id: string;
    amount: number;
    beneficiary_document: string;
    beneficiary_names: string;
    authorisation_reference: string;
    transaction_id: string;
    paid_by: string;
    paid_at: Generated<Date>;
  };
}
