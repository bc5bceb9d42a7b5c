import type { Generated, Insertable, JSONColumnType, Kysely, Selectable, Transaction } from 'kysely';
import type { PlatformTables } from '@eron/shared/platform';
import type { DetentionOrder } from '@eron/shared';
import type { CheckTables } from './checks/checks.tables';
import type { MovementTables } from './movements/movements.tables';
import type { MotherTables } from './mothers/mothers.tables';
import type { NotificationTables } from './notifications/notifications.tables';
import type { RecordTables } from './record/record.tables';

export interface PplTable {
  nui: string;
  eron: string;
  names: string;
  surnames: string;
  document_type: string;
  document_number: string;
  sex: string;
  birth_date: string;
  nationality: string;
  legal_status: string;
  security_level: number | null;
  status: Generated<string>;
  admitted_at: Generated<Date>;
}

export interface AdmissionTable {
  id: string;
  nui: string;
  eron: string;
  entry_number: number;
  detention_order: JSONColumnType<DetentionOrder>;
  identification: JSONColumnType<Record<string, string>>;
  cash_amount: number | null;
  cash_acta: string | null;
  cash_search_date: string | null;
  admitted_by: string;
  admitted_at: Generated<Date>;
}

export interface StructureTables {
  establishments: {
    code: string;
    name: string;
    regional: string;
    order: string;
    type: string;
    security_category: string;
    category_since: Generated<Date>;
    created_by: string;
    created_at: Generated<Date>;
  };
  category_changes: {
    id: Generated<string>;
    eron: string;
    security_category: string;
    resolution: string;
    changed_by: string;
    changed_at: Generated<Date>;
  };
  units: {
    id: string;
    eron: string;
    kind: string;
    name: string;
    sexes: string[];
    legal: string;
    special_regime: string | null;
    dg_authorisation: string;
    created_by: string;
    created_at: Generated<Date>;
  };
  unit_names: {
    id: Generated<string>;
    unit_id: string;
    name: string;
    dg_authorisation: string;
    named_by: string;
    named_at: Generated<Date>;
  };
  cells: { id: string; unit_id: string; code: string; capacity: number; created_by: string; created_at: Generated<Date> };
}

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

export interface ClassificationTables
  extends PlatformTables, StructureTables, BoardTables, CheckTables, RecordTables, MovementTables, MotherTables, NotificationTables {
  ppl: PplTable;
  intake_books: { eron: string; last_entry: number };
  intake_cash_receipts: {
    nui: string;
    eron: string;
    received_on: string;
    guard_commander: string;
    custody_officer: string;
    paymaster: string;
    copy_given_to_ppl: boolean;
    recorded_by: string;
    recorded_at: Generated<Date>;
  };
  admissions: AdmissionTable;
}

export type Db = Kysely<ClassificationTables>;
export type Trx = Transaction<ClassificationTables>;
export type PplRow = Selectable<PplTable>;
export type NewPpl = Insertable<PplTable>;
