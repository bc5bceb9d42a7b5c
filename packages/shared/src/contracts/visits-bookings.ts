import { Type, type Static } from '@sinclair/typebox';
import { EronCode, LocalDate, Nui, Timestamp, Uuid } from '../primitives';
import { VisitSession } from './visits';

export const BookingRequest = Type.Object(
  {
    nui: Nui,
    date: LocalDate,
    areaId: Uuid,
    visitorIds: Type.Array(Uuid, { minItems: 1, maxItems: 10, uniqueItems: true }),
  },
  { additionalProperties: false, description: 'Reserva de visita presencial (VIS-08)' },
);
export type BookingRequest = Static<typeof BookingRequest>;

export const BookingStatus = Type.Union([Type.Literal('booked'), Type.Literal('cancelled')]);

export const Booking = Type.Object({
  id: Uuid,
  nui: Nui,
  eron: EronCode,
  kind: Type.String({ description: 'ordinary (VIS-08); other kinds belong to intimate, lawyer and official visits' }),
  areaId: Uuid,
  date: LocalDate,
  session: VisitSession,
  visitorIds: Type.Array(Uuid),
  status: BookingStatus,
  cancelReason: Type.Union([Type.String(), Type.Null()]),
  bookedAt: Timestamp,
});
export type Booking = Static<typeof Booking>;

export const Roster = Type.Object({
  eron: EronCode,
  date: LocalDate,
  session: VisitSession,
  units: Type.Array(Type.Object({ unitId: Uuid, bookings: Type.Array(Booking) })),
});
export type Roster = Static<typeof Roster>;

export const CancellationRequest = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500 }) }, { additionalProperties: false });
export type CancellationRequest = Static<typeof CancellationRequest>;
