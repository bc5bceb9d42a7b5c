import type { Generated, JSONColumnType, Selectable } from 'kysely';
import type { RegimeDay } from '@eron/shared';

/** Each establishment's visiting regime (VIS-01 … VIS-03): proposed by it, in force once the DG approves. */
export interface RegimeTables {
  regimes: {
    id: string;
    eron: string;
    status: 'proposed' | 'approved' | 'rejected' | 'superseded';
    days: JSONColumnType<RegimeDay[], string, string>;
    visits_per_week: number;
    persons_per_visit: number;
    reason: string;
    proposed_by: string;
    proposed_at: Generated<Date>;
    decided_by: string | null;
    decided_at: Date | null;
  };
  /** Visiting areas and how many visitors each holds per session (VIS-01, VIS-08). */
  areas: { id: Generated<string>; eron: string; name: string; capacity: number; for_children: boolean };
}

export type RegimeRow = Selectable<RegimeTables['regimes']>;
export type AreaRow = Selectable<RegimeTables['areas']>;
