/** What folio knows of a PPL's intake cash (CLS-10), as the account shows it. */
export interface IntakeCashRow {
  acta: string | null;
  amount: number | null;
  search_date: string | null;
  received_on: string | null;
  transaction_id: string | null;
  /** The kind of the transaction that booked it, if booked. */
  booked_as?: string | null;
}

/** Pending until received; then available in the Folio, or owed with the exit's payout or settlement when it came after the exit. */
const statusOf = (row: IntakeCashRow) => {
  if (!row.transaction_id) return 'pending' as const;
  return row.booked_as === 'intake_cash_after_exit' ? ('owed_on_exit' as const) : ('available' as const);
};

/**
 * CLS-10 (Art. 28): the cash is available only once the paymaster's receipt is recorded, and an
 * amount above the configured ceiling is flagged for review (the flag follows the setting in force).
 */
export function intakeCashView(row: IntakeCashRow | undefined, ceiling: number) {
  if (!row || row.amount === null) return null;
  return {
    amount: row.amount,
    actaNumber: row.acta!,
    searchDate: row.search_date!,
    receivedOn: row.received_on,
    status: statusOf(row),
    flaggedForReview: row.amount > ceiling,
  };
}

/** Both halves are in — the admission's amount and the paymaster's receipt — and nothing was booked yet. */
export const readyToBook = <R extends IntakeCashRow & { eron: string | null }>(
  row: R | undefined,
): row is R & { amount: number; acta: string; eron: string } =>
  !!row && row.amount !== null && row.received_on !== null && row.transaction_id === null;
