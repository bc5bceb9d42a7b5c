import type { Generated } from 'kysely';

/** Roll calls and their discrepancies (CLS-19). */
export interface CheckTables {
  roll_calls: {
    id: string;
    eron: string;
    unit_id: string;
    taken_at: Date;
    day: string;
    expected: number;
    present: number;
    taken_by: string;
    recorded_at: Generated<Date>;
  };
  roll_call_discrepancies: {
    id: Generated<string>;
    roll_call_id: string;
    kind: 'absent' | 'wrong_cell' | 'unknown';
    nui: string | null;
    booked_cell_id: string | null;
    seen_cell_id: string | null;
  };
}
