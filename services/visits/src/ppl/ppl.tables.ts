import type { Generated, Selectable } from 'kysely';
import type { LegalStatus, VisitsPplState } from '@eron/shared';

/**
 * The visits side's directory of PPL (PLT-07: never read from classification), kept from its
 * events: where each PPL is held, in which unit, and what the booking checks need.
 */
export interface PplTables {
  ppl: {
    nui: string;
    eron: string;
    state: Generated<VisitsPplState>;
    unit_id: string | null;
    legal_status: LegalStatus | null;
    sex: 'M' | 'F' | null;
    security_level: number | null;
    updated_at: Generated<Date>;
    /** The time of the event that last set eron, unit_id and state (an older one changes none of them). */
    location_as_of: Date | null;
  };
}

export type PplRow = Selectable<PplTables['ppl']>;
