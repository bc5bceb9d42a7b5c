-- PLT-15: the raw-SQL side of the booking benchmark: the claim of an area's places, as raw SQL does
-- it best. The session's row is created if missing, then one conditional UPDATE claims n places only
-- while they fit, in one transaction. (The service writes the booking and claims its places as the
-- transaction commits, by the deferred trigger `bookings_claim_places`, after its checks have
-- refused a full area: services/visits/src/bookings/booking.repository.ts writeBookings.)
-- Run with PGOPTIONS='-c search_path=visits' and -M prepared.
-- Variables: -D area=<uuid> -D date=<YYYY-MM-DD> -D capacity=<n>; 1 to 3 persons per booking.
\set n random(1, 3)
BEGIN;
INSERT INTO session_places (area_id, date, session, capacity) VALUES (:area, :date, 'morning', :capacity)
  ON CONFLICT (area_id, date, session) DO NOTHING;
UPDATE session_places SET booked = booked + :n
  WHERE area_id = :area AND date = :date AND session = 'morning' AND booked + :n <= capacity;
COMMIT;
