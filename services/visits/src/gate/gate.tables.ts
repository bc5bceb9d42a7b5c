import type { ColumnType, Generated, Selectable } from 'kysely';

type LocalDateColumn = ColumnType<string, string, string>;

/** The gate (VIS-19, VIS-20): entries with their token, visitors' debts, suspensions and the day's incidents. */
export interface GateTables {
  gate_entries: {
    id: string;
    booking_id: string;
    visitor_id: string;
    nui: string;
    eron: string;
    date: LocalDateColumn;
    status: 'inside' | 'out' | 'refused';
    token: number | null;
    seal: 'applied' | 'exempt' | null;
    exemption: string | null;
    credential: string | null;
    refusal_reason: string | null;
    checked_in_at: Date | null;
    checked_out_at: Date | null;
    token_state: 'returned' | 'lost' | 'damaged' | null;
    by: string;
    created_at: Generated<Date>;
  };
  visitor_debts: {
    id: string;
    visitor_id: string;
    entry_id: string;
    eron: string;
    amount: ColumnType<string, number, number>;
    reason: string;
    created_at: Generated<Date>;
  };
  visit_suspensions: {
    booking_id: string;
    eron: string;
    date: LocalDateColumn;
    reason: string;
    by: string;
    suspended_at: Generated<Date>;
  };
  incident_reports_sent: { eron: string; date: LocalDateColumn; notification_id: string; sent_at: Generated<Date> };
  gate_incidents: {
    id: string;
    eron: string;
    date: LocalDateColumn;
    kind: 'refusal' | 'suspension' | 'lost_token' | 'damaged_token';
    booking_id: string;
    nui: string;
    reason: string;
    at: Generated<Date>;
  };
}

export type GateEntryRow = Selectable<GateTables['gate_entries']>;
