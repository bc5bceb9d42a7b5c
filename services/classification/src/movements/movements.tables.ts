import type { Generated, JSONColumnType } from 'kysely';

/** Transfers, exits, escapes/recaptures and the CET's decisions (CLS-20 … CLS-22). */
export interface MovementTables {
  transfers: {
    id: string;
    nui: string;
    from_eron: string;
    to_eron: string;
    status: 'ordered' | 'in_transit' | 'received';
    reasons: string;
    authority: string;
    ordered_as: 'dg' | 'regional_director';
    delegation: string | null;
    ordered_by: string;
    ordered_at: Generated<Date>;
    dispatched_by: string | null;
    dispatched_at: Date | null;
    received_by: string | null;
    received_at: Date | null;
  };
  transfer_delays: {
    id: string;
    transfer_id: string;
    cause: string;
    expected_date: string | null;
    recorded_by: string;
    recorded_at: Generated<Date>;
  };
  exits: {
    id: string;
    nui: string;
    eron: string;
    reason: string;
    occurred_at: Date;
    from_house_arrest: boolean;
    judicial_decision: JSONColumnType<{ authority: string; number: string; date: string }> | null;
    details: string | null;
    notified: string[];
    recorded_by: string;
    recorded_at: Generated<Date>;
  };
  escape_register: {
    id: string;
    nui: string;
    eron: string;
    kind: 'escape' | 'recapture';
    from_house_arrest: boolean;
    occurred_at: Date;
    details: string | null;
    recorded_by: string;
    recorded_at: Generated<Date>;
  };
  treatment_history: {
    id: string;
    nui: string;
    eron: string;
    security_level: number | null;
    phase: string | null;
    cet_acta: string;
    reasons: string;
    set_by: string;
    set_at: Generated<Date>;
  };
  /** CLS-06 (Art. 26): changes of the legal situation after intake, with the judicial decision. */
  legal_status_history: {
    id: string;
    nui: string;
    eron: string;
    from_status: string;
    to_status: string;
    court: string;
    decision_number: string;
    firm_on: string;
    recorded_by: string;
    recorded_at: Generated<Date>;
  };
}
