import type { Generated, Selectable } from 'kysely';
import type { ExitReason, LegalStatus } from '@eron/shared';

/**
 * Discipline's directory of PPL (PLT-07: never read from classification), kept from its events:
 * where each PPL is held and their legal status — a conviction's firmness decides when pre-trial
 * hours are computed (DIS-24) — with the date it last changed.
 */
export interface PplTables {
  ppl: {
    nui: string;
    eron: string;
    state: Generated<'held' | 'exited'>;
    legal_status: LegalStatus | null;
    sex: 'M' | 'F' | null;
    names: string | null;
    surnames: string | null;
    admitted_at: Date | null;
    /** When the legal status last changed to `condenado` (the conviction became firm), if it did. */
    sentenced_at: Date | null;
    updated_at: Generated<Date>;
    /** Why they left (`ppl.exited`): a house arrest is still rated each quarter (DIS-13, Art. 136.1). */
    exit_reason: ExitReason | null;
    /** Who supervises the sentence: the judge, or for Justicia y Paz the tribunal (DIS-14). */
    supervision: Generated<'judge' | 'justicia_y_paz'>;
    /** The time of the event that last set eron and state (an older one changes neither). */
    location_as_of: Date | null;
  };
  /** Establishments' names (from `establishment.registered`), for the heads of documents (actas, certificates). */
  establishments: { code: string; name: string };
}

export type PplRow = Selectable<PplTables['ppl']>;
