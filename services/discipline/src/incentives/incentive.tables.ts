import type { Generated } from 'kysely';

/** Incentives (DIS-16): the treatment officer's opinion, and the grant that cites it and the council's. */
export interface IncentiveTables {
  treatment_opinions: {
    id: string;
    eron: string;
    nui: string;
    favourable: boolean;
    reasons: string;
    given_by: string;
    given_at: Generated<Date>;
  };
  incentives: {
    id: string;
    eron: string;
    nui: string;
    incentive: string;
    reasons: string;
    council_decision_id: string;
    treatment_opinion_id: string;
    /** The report to the supervising judge (DIS-15). */
    notification_id: string;
    granted_by: string;
    granted_at: Generated<Date>;
  };
}
