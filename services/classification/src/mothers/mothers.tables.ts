import type { Generated, Selectable } from 'kysely';

/** CLS-17 (Art. 31): a mother's request for her child under three, the decision, and the child's identity kept apart (PLT-06). */
export interface MotherTables {
  child_requests: {
    id: string;
    nui: string;
    eron: string;
    child_birth_date: string;
    statement: string;
    requested_by: string;
    requested_at: Generated<Date>;
    status: Generated<'pending' | 'approved' | 'denied'>;
    reasons: string | null;
    filiation_document: string | null;
    no_risk_concept: string | null;
    medical_exam_date: string | null;
    doctor: string | null;
    placement_id: string | null;
    notification_id: string | null;
    decided_by: string | null;
    decided_at: Date | null;
  };
  child_identities: { request_id: string; names: string; document: string | null };
}

export type ChildRequestRow = Selectable<MotherTables['child_requests']>;
