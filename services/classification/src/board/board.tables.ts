import type { Generated, JSONColumnType, Selectable } from 'kysely';

/** The patio/cell board: inductions (CLS-12), placements (CLS-13 … CLS-16), sessions (CLS-11), cell-change requests (CLS-18). */
export interface BoardTables {
  inductions: { nui: string; date: string; given_by: string; topics: string[]; recorded_by: string; recorded_at: Generated<Date> };
  placements: {
    id: string;
    nui: string;
    eron: string;
    unit_id: string;
    cell_id: string;
    acta: string;
    reasons: string;
    decided_by: 'board' | 'dg' | 'director';
    special_regime_basis: string | null;
    protection_consent: string | null;
    over_capacity_reason: string | null;
    placed_by: string;
    placed_at: Generated<Date>;
    ended_at: Date | null;
    session_id: string | null;
  };
  board_sessions: {
    id: string;
    eron: string;
    date: string;
    year: number;
    number: number;
    acta: string;
    attendees: JSONColumnType<{ seat: string; name: string; position: string }[]>;
    created_by: string;
    created_at: Generated<Date>;
  };
  cell_change_requests: {
    id: string;
    nui: string;
    eron: string;
    wanted: string;
    reason: string;
    requested_by: string;
    requested_at: Generated<Date>;
    status: Generated<'pending' | 'approved' | 'denied'>;
    session_id: string | null;
    answer: string | null;
    placement_id: string | null;
    decided_by: string | null;
    decided_at: Date | null;
  };
}

export type PlacementRow = Selectable<BoardTables['placements']>;
export type SessionRow = Selectable<BoardTables['board_sessions']>;
export type CellChangeRow = Selectable<BoardTables['cell_change_requests']>;
