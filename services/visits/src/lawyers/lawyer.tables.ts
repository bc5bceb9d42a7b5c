import type { Generated, Selectable } from 'kysely';

/** VIS-14: lawyers with their credential, the PPL's authorisations, and visits with nowhere to put a recording (Art. 61). */
export interface LawyerTables {
  lawyers: {
    id: string;
    names: string;
    document_type: string;
    document_number: string;
    credential_kind: 'professional_card' | 'provisional_licence' | 'clinic_certificate';
    credential_number: string;
    credential_issuer: string | null;
    created_by: string;
    created_at: Generated<Date>;
  };
  lawyer_authorisations: {
    id: string;
    nui: string;
    eron: string;
    lawyer_id: string;
    signed_on: string;
    document_ref: string;
    fingerprint: boolean;
    created_by: string;
    created_at: Generated<Date>;
  };
  lawyer_visits: {
    id: string;
    nui: string;
    eron: string;
    lawyer_id: string;
    date: string;
    start_time: string;
    status: Generated<'booked' | 'entered'>;
    entered_at: Date | null;
    created_by: string;
    created_at: Generated<Date>;
  };
}

export type LawyerRow = Selectable<LawyerTables['lawyers']>;
export type LawyerVisitRow = Selectable<LawyerTables['lawyer_visits']>;
