import type { Generated, Selectable } from 'kysely';
import type { LegalStatus } from '@eron/shared';

/** The visits-side directory of PPL, kept from classification's events (PLT-08). */
export interface PplTables {
  ppl: {
    nui: string;
    eron: string;
    legal_status: LegalStatus;
    sex: 'M' | 'F';
    security_level: number | null;
    state: Generated<'held' | 'exited'>;
    updated_at: Generated<Date>;
  };
}

export type PplRow = Selectable<PplTables['ppl']>;
