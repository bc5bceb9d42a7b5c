import type { Generated, Selectable } from 'kysely';
import type { Rating } from './conduct.rules';

/** Conduct (DIS-13 … DIS-15, DIS-17). */
export interface ConductTables {
  /** A job proposing the quarter's ratings of every PPL of an establishment, with its progress. */
  conduct_runs: {
    id: string;
    eron: string;
    quarter: string;
    status: 'queued' | 'running' | 'done' | 'failed';
    total: Generated<number>;
    done: Generated<number>;
    requested_by: string;
    created_at: Generated<Date>;
    finished_at: Date | null;
  };
  /** One PPL's quarter: the service's proposal, then the Council's decision (DIS-13). */
  conduct_ratings: {
    nui: string;
    quarter: string;
    eron: string;
    proposed: Rating;
    basis: string;
    graves: number;
    leves: number;
    /** A firm leve in a quarter already mala: the next quarter starts mala (while the final rating is mala). */
    carries_mala: boolean;
    /** The final rating, once the Council approved or amended it. */
    rating: Rating | null;
    status: 'proposed' | 'approved' | 'amended';
    reasons: string | null;
    session_ref: string | null;
    decided_by: string | null;
    decided_at: Date | null;
    run_id: string | null;
    proposed_at: Generated<Date>;
  };
  /** What was reported to the supervising judge (DIS-14, DIS-15); its delivery, the outbox row of its `notification.requested`. */
  judge_reports: {
    id: string;
    nui: string;
    eron: string;
    subject: 'sanction' | 'incentive' | 'repeat_offender';
    reference_id: string;
    recipient: string;
    notification_id: string;
    created_at: Generated<Date>;
  };
  /** Conduct certificates and opinions for the judge (DIS-17), checked by their code. */
  conduct_certificates: {
    code: string;
    kind: 'certificate' | 'opinion';
    nui: string;
    eron: string;
    purpose: string | null;
    issued_by: string;
    issued_at: Generated<Date>;
    pdf: Buffer;
  };
}

export type ConductRatingRow = Selectable<ConductTables['conduct_ratings']>;
export type ConductRunRow = Selectable<ConductTables['conduct_runs']>;
