import type { Generated, JSONColumnType, Selectable } from 'kysely';
import type { Complainant, ComplaintKind } from '@eron/shared';

/** DIS-19 (Art. 142): complaints and their deadlines; the confidential parts apart (PLT-06). */
export interface ComplaintTables {
  complaints: {
    id: string;
    eron: string;
    kind: ComplaintKind;
    crime_alleged: boolean;
    /** The account, unless it is of sexual violence: then it is in `complaint_confidential`. */
    account: string | null;
    urgent_measures: string | null;
    known_at: Date;
    received_at: Generated<Date>;
    send_due_at: Date;
    sent_to: 'procuraduria' | 'fiscalia' | null;
    sent_at: Date | null;
    /** The judicial police's written report to the prosecutor, where Art. 142 §3 requires it. */
    report_due_at: Date | null;
    report_number: string | null;
    report_officer: string | null;
    reported_at: Date | null;
    overdue_flagged_at: Date | null;
    registered_by: string;
  };
  complaint_confidential: {
    complaint_id: string;
    complainant: JSONColumnType<Complainant>;
    account: string | null;
  };
}

export type ComplaintRow = Selectable<ComplaintTables['complaints']>;
