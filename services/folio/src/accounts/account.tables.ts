import type { Generated } from 'kysely';

/** A PPL's Folio (FOL-01, Art. 40): opened on admission, moved on transfer, closed on exit. */
export interface AccountTables {
  folios: {
    nui: string;
    eron: string;
    status: Generated<'open' | 'closed'>;
    opened_at: Generated<Date>;
    opened_by_event: string;
    /** As the admission's order states them (Art. 27), for the statement; null from events that did not carry them. */
    names: string | null;
    surnames: string | null;
  };
  /** The establishments' names as classification registered them (CLS-01), for the documents folio issues. */
  establishments: { code: string; name: string; registered_by_event: string };
  /**
   * Cash carried at intake (CLS-10): filled by the admission and by the paymaster's receipt in
   * either order; booked to the ledger once both are there (`transaction_id`).
   */
  intake_cash: {
    nui: string;
    eron: string | null;
    acta: string | null;
    amount: number | null;
    search_date: string | null;
    admitted_event: string | null;
    received_on: string | null;
    received_eron: string | null;
    received_event: string | null;
    transaction_id: string | null;
    created_at: Generated<Date>;
  };
  /** Transfers as folio learns them (CLS-20): dispatched at origin, arrived at destination, in either order. */
  folio_transits: {
    transfer_id: string;
    nui: string;
    from_eron: string;
    to_eron: string;
    dispatched_at: Date | null;
    arrived_at: Date | null;
  };
}
