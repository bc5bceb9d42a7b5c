import type { Generated, JSONColumnType } from 'kysely';
import type { DetentionOrder } from '@eron/shared';

export interface AdmissionTable {
  id: string;
  nui: string;
  eron: string;
  entry_number: number;
  detention_order: JSONColumnType<DetentionOrder>;
  identification: JSONColumnType<Record<string, string>>;
  cash_amount: number | null;
  cash_acta: string | null;
  cash_search_date: string | null;
  admitted_by: string;
  admitted_at: Generated<Date>;
}

/** Admissions (CLS-03 … CLS-05), the intake book per establishment, and the paymaster's receipt of intake cash (CLS-10). */
export interface AdmissionTables {
  admissions: AdmissionTable;
  intake_books: { eron: string; last_entry: number };
  intake_cash_receipts: {
    nui: string;
    eron: string;
    received_on: string;
    guard_commander: string;
    custody_officer: string;
    paymaster: string;
    copy_given_to_ppl: boolean;
    recorded_by: string;
    recorded_at: Generated<Date>;
  };
}
