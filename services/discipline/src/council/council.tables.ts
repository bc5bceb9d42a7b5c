import type { Generated, Selectable } from 'kysely';
import type { CouncilGroup, CouncilMatter, CouncilPost } from '@eron/shared';

/** The Disciplinary Council per establishment (DIS-11), its sessions, decisions and votes (DIS-12). */
export interface CouncilTables {
  /** The council's current secretary, named by its president (Art. 135). */
  councils: { eron: string; secretary_name: string; secretary_position: string; set_by: string; set_at: Generated<Date> };
  /** Every member the council ever had; a new composition ends the old rows, so past actas keep their names. */
  council_members: {
    id: string;
    eron: string;
    /** The member's place in the composition as the Director listed it. */
    seat: number;
    post: CouncilPost;
    name: string;
    /** The elected PPL representative's or alternate's NUI. */
    nui: string | null;
    groups: CouncilGroup[];
    /** Voice and vote; the PPL representative and alternate have voice only. */
    votes: boolean;
    active: Generated<boolean>;
    added_at: Generated<Date>;
    ended_at: Date | null;
  };
  council_sessions: {
    id: string;
    eron: string;
    kind: 'ordinary' | 'extraordinary';
    date: string;
    year: number;
    /** The acta's number within the establishment's year. */
    number: number;
    acta: string;
    agenda: string[];
    /** Member IDs present. */
    present: string[];
    convened_by: string | null;
    requested_by: string | null;
    justification: string | null;
    secretary_name: string;
    secretary_position: string;
    opened_by: string;
    opened_at: Generated<Date>;
  };
  council_decisions: {
    id: string;
    session_id: string;
    number: number;
    group: CouncilGroup;
    matter: CouncilMatter;
    nui: string | null;
    subject: string;
    reasons: string;
    outcome: 'approved' | 'rejected';
    decided_by: string;
    decided_at: Generated<Date>;
  };
  council_votes: { decision_id: string; member_id: string; vote: 'for' | 'against' | 'abstain' };
}

export type MemberRow = Selectable<CouncilTables['council_members']>;
export type SessionRow = Selectable<CouncilTables['council_sessions']>;
export type DecisionRow = Selectable<CouncilTables['council_decisions']>;
