import type { Generated } from 'kysely';

/** The persons a PPL authorised to receive the balance settled on death, escape or extradition (FOL-15, Art. 123). */
export interface BeneficiaryTables {
  settlement_beneficiaries: {
    id: Generated<string>;
    nui: string;
    doc_type: string;
    /** Normalised (no dots, upper case), as `documentKey` compares it. */
    doc_number: string;
    names: string;
    relationship: string;
    /** The PPL's signed authorisation: its filing reference and date. */
    authorisation: string;
    authorised_on: string;
    recorded_by: string;
    recorded_at: Generated<Date>;
    /** Set when a later authorisation replaced this one; never deleted. */
    revoked_at: Date | null;
    revoked_by: string | null;
  };
}
