import type { ColumnType, Generated, Selectable } from 'kysely';
import type { DocumentType } from '@eron/shared';

type LocalDateColumn = ColumnType<string, string, string>;

/** Visitors, their identity kept apart (PLT-06), each PPL's authorised list, bans and extradition authorisations (VIS-04 … VIS-07). */
export interface VisitorTables {
  visitors: {
    id: Generated<string>;
    gender: 'M' | 'F';
    birth_date: LocalDateColumn;
    registered_by: string;
    registered_at: Generated<Date>;
  };
  /** Confidential: returned only to those who need it, every read audited, never logged or published. */
  visitor_identities: { visitor_id: string; document_type: DocumentType; document_number: string; given_names: string; surnames: string };
  /** Confidential (PLT-06): how to tell the visitor of a cancellation; read only by the notifier's signed call, audited. */
  visitor_contacts: { visitor_id: string; email: string | null; phone: string | null; updated_by: string; updated_at: Generated<Date> };
  authorised_visitors: {
    nui: string;
    visitor_id: string;
    relationship: 'first_degree' | 'close_bond' | 'other';
    accreditation: 'civil_registry' | 'sworn_declaration' | null;
    added_by: string;
    added_at: Generated<Date>;
  };
  visitor_bans: {
    id: Generated<string>;
    visitor_id: string;
    eron: string;
    reason: string;
    until: LocalDateColumn;
    banned_by: string;
    banned_at: Generated<Date>;
  };
  extradition_authorisations: {
    nui: string;
    reference: string;
    valid_until: LocalDateColumn;
    recorded_by: string;
    recorded_at: Generated<Date>;
  };
}

export type VisitorRow = Selectable<VisitorTables['visitors']>;
