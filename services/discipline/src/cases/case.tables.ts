import type { Generated, Selectable } from 'kysely';
import type { OffenceTables } from '../offences/offence.tables';
import type { Severity } from '../sanctions/sanction.tables';

/** A case moves one step at a time (DIS-04): report → opening → notice → descargos → decision. */
export type CaseStatus = 'reported' | 'opened' | 'notified' | 'heard' | 'decided';
/** Who decides an instance (DIS-03, DIS-07, Art. 135 §1). */
export type Authority = 'director' | 'council_group_one' | 'council_group_two';

export interface Opening {
  by: string;
  role: string;
  on: string;
  directorInformedOn: string | null;
}
export interface Notice {
  by: string;
  on: string;
  how: string;
  charges: string;
}
export interface Hearing {
  by: string;
  on: string;
  statement: string;
  evidence: string[];
}
/** The Council's decision in session that a case or appeal decision cites (DIS-12: quorum and votes are there). */
export interface CouncilAct {
  group: 'one' | 'two';
  sessionId: string;
  decisionId: string;
  acta: string;
  ministerioPublicoDelegate: string;
}
export interface Circumstances {
  how: string;
  harm: string;
  stateOfMind: string;
  previousConduct: string;
  aggravating: string[];
  mitigating: string[];
}
export interface Decision {
  by: string;
  authority: Authority;
  outcome: 'sanction' | 'acquittal';
  reasons: string;
  circumstances: Circumstances;
  sanction: { kind: string; amount: number | null } | null;
  council: CouncilAct | null;
}

/** DIS-02 … DIS-07: cases, the establishment's appeal term, and appeals against a decision. */
export interface CaseTables extends OffenceTables {
  cases: {
    id: string;
    eron: string;
    nui: string;
    offence_version: string;
    offence_code: string;
    severity: Severity;
    status: CaseStatus;
    fact_date: string;
    place: string;
    facts: string;
    reporter: string;
    evidence: string[];
    reported_by: string;
    reported_at: Generated<Date>;
    opening: Opening | null;
    notice: Notice | null;
    hearing: Hearing | null;
    decision: Decision | null;
    decided_at: Date | null;
    notified_decision_on: string | null;
    appeal_due_on: string | null;
  };
  appeal_terms: { eron: string; business_days: number; set_by: string; set_at: Generated<Date> };
  appeals: {
    id: string;
    case_id: string;
    kind: 'reposicion' | 'apelacion';
    authority: Authority;
    filed_on: string;
    grounds: string;
    /** The apelación asked for in subsidy of the reposición, heard if the reposición confirms. */
    subsidiary: Generated<boolean>;
    status: Generated<'pending' | 'confirmed' | 'reversed'>;
    decision: { by: string; reasons: string; council: CouncilAct | null } | null;
    decided_at: Date | null;
    filed_by: string;
  };
}

export type CaseRow = Selectable<CaseTables['cases']>;
export type AppealRow = Selectable<CaseTables['appeals']>;
