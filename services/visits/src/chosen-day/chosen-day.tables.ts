import type { Generated } from 'kysely';

/**
 * The visit day a trans or intersex PPL chose (VIS-04, Art. 68 §1). Its basis reveals the gender
 * identity: confidential (PLT-06) — never in lists or events, every read audited.
 */
export interface ChosenDayTables {
  chosen_visit_days: {
    nui: string;
    weekday: number;
    basis: 'trans' | 'intersex';
    recorded_by: string;
    recorded_at: Generated<Date>;
  };
}
