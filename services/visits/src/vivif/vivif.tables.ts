import type { ColumnType, Selectable } from 'kysely';
import type { VivifBlockPurpose, VivifLink, VivifStatus } from '@eron/shared';

type Generated<T> = ColumnType<T, T | undefined, T>;
/** A tstzrange as Postgres returns it: `["2026-12-01 08:00:00-05","2026-12-01 08:30:00-05")`. */
type Range = string;

/** VIVIF's tables (VIS-16 … VIS-18); the constraints that keep bookings single live in the migration. */
export interface VivifTables {
  vivif_devices: { id: string; eron: string; name: string; created_at: Generated<Date> };
  vivif_hours: { eron: string; weekdays: number[]; opens: string; closes: string; slot_minutes: number; updated_at: Generated<Date> };
  vivif_slots: {
    id: string;
    eron: string;
    device_id: string;
    during: Range;
    blocked_for: VivifBlockPurpose | null;
    block_reference: string | null;
  };
  vivif_bookings: {
    id: string;
    eron: string;
    slot_id: string;
    device_id: string;
    nui: string;
    during: Range;
    family_name: string;
    status: Generated<VivifStatus>;
    provider: string;
    room: string;
    provider_session_id: string | null;
    links: ColumnType<VivifLink[], string, string>;
    started_at: Date | null;
    ended_at: Date | null;
    duration_seconds: number | null;
    failure_reason: string | null;
    rebook_of: string | null;
    booked_by: string;
    created_at: Generated<Date>;
  };
  vivif_monitoring: {
    id: string;
    eron: string;
    monitor: string;
    valid_until: Date;
    reason: string;
    authorised_by: string;
    created_at: Generated<Date>;
  };
  vivif_national_figures: { year: number; sessions: number | null; devices: number | null; source: string };
}

export type SlotRow = Selectable<VivifTables['vivif_slots']>;
export type BookingRow = Selectable<VivifTables['vivif_bookings']>;
