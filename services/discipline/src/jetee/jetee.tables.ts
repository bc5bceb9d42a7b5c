import type { Generated, Selectable } from 'kysely';
import type { JeteeSeat, ProgrammeKind, Rating, RefusalGround } from '@eron/shared';

/**
 * The JETEE (DIS-20 … DIS-24), one interface for the capability's tables: the board and its
 * sessions, programmes and orders, daily hours, monthly evaluations, dated rates, certificates.
 */
export interface JeteeTables {
  jetee_boards: { eron: string; constituted_at: Generated<Date>; next_number: Generated<number>; updated_at: Generated<Date> };
  jetee_members: { id: string; eron: string; seat: JeteeSeat; name: string; position: string; active: Generated<boolean> };
  jetee_sessions: {
    id: string;
    eron: string;
    number: number;
    acta: string;
    held_on: string;
    attendees: { memberId: string; seat: JeteeSeat; name: string }[];
    notes: string | null;
    created_by: string;
    created_at: Generated<Date>;
  };
  jetee_missed_months: { eron: string; month: string; flagged_at: Generated<Date> };
  programmes: { id: string; eron: string; kind: ProgrammeKind; name: string; places: number; officer: string; created_at: Generated<Date> };
  programme_candidates: { programme_id: string; nui: string; waiting: Generated<boolean>; registered_at: Generated<Date> };
  programme_orders: {
    id: string;
    programme_id: string;
    nui: string;
    eron: string;
    session_id: string;
    status: 'active' | 'refused' | 'removed';
    legal_status: string | null;
    ordered_on: string;
    grounds: RefusalGround[];
    reasons: string | null;
    qualification: { title: string; issuer: string; accreditation: string } | null;
    removed_on: string | null;
    created_at: Generated<Date>;
  };
  /** The law as data: a ratio and its caps per kind from a date, with its legal source. */
  redemption_rates: {
    kind: ProgrammeKind;
    effective_from: string;
    days_earned: number;
    per_days: number;
    hours_per_day: number;
    daily_cap: number;
    weekly_cap: number | null;
    source: string;
  };
  programme_hours: {
    id: string;
    order_id: string;
    programme_id: string;
    kind: ProgrammeKind;
    nui: string;
    eron: string;
    date: string;
    hours: number;
    counted: number;
    excess: number;
    excess_reason: string | null;
    authorisation: string | null;
    recorded_by: string;
    created_at: Generated<Date>;
  };
  jetee_evaluations: {
    id: string;
    session_id: string;
    eron: string;
    nui: string;
    programme_id: string;
    kind: ProgrammeKind;
    month: string;
    rating: Rating;
    remarks: string;
    conduct_rating: string | null;
    counted_hours: number;
    created_at: Generated<Date>;
  };
  redemption_certificates: {
    id: string;
    nui: string;
    eron: string;
    code: string;
    days: number;
    judge_request: string | null;
    issued_by: string;
    issued_at: Generated<Date>;
    days_granted: number | null;
    order_number: string | null;
    decided_on: string | null;
  };
  redemption_certificate_months: { evaluation_id: string; certificate_id: string; days: number };
}

export type SessionRow = Selectable<JeteeTables['jetee_sessions']>;
export type MemberRow = Selectable<JeteeTables['jetee_members']>;
export type ProgrammeRow = Selectable<JeteeTables['programmes']>;
export type OrderRow = Selectable<JeteeTables['programme_orders']>;
export type RateRow = Selectable<JeteeTables['redemption_rates']>;
export type HoursRow = Selectable<JeteeTables['programme_hours']>;
export type EvaluationRow = Selectable<JeteeTables['jetee_evaluations']>;
export type CertificateRow = Selectable<JeteeTables['redemption_certificates']>;
