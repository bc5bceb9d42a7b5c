import type { ColumnType, Generated, Selectable } from 'kysely';
import type { VisitSession } from '@eron/shared';

type LocalDateColumn = ColumnType<string, string, string>;

/** Bookings, the places they hold per area, day and session, and the days suppressed by sanctions (VIS-08 … VIS-10). */
export interface BookingTables {
  session_places: { area_id: string; date: LocalDateColumn; session: VisitSession; capacity: number; booked: Generated<number> };
  bookings: {
    id: Generated<string>;
    nui: string;
    eron: string;
    unit_id: string;
    kind: Generated<string>;
    area_id: string;
    date: LocalDateColumn;
    session: VisitSession;
    persons: number;
    status: Generated<'booked' | 'cancelled'>;
    cancel_reason: string | null;
    booked_by: string;
    booked_at: Generated<Date>;
    cancelled_at: Date | null;
  };
  booking_visitors: { booking_id: string; visitor_id: string };
  visit_suppressions: { nui: string; date: LocalDateColumn; sanction_id: string };
}

export type BookingRow = Selectable<BookingTables['bookings']>;
