import type { Generated } from 'kysely';

/** The establishment's reports (FOL-16, FOL-17): what is kept besides the ledger they read. */
export interface ReportsTables {
  /** The Director's monthly shop accounts sent to the regional finance area (Art. 128). */
  shop_account_submissions: {
    eron: string;
    month: string;
    submitted_to: string;
    reference: string;
    submitted_by: string;
    submitted_at: Generated<Date>;
  };
}
