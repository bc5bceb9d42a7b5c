-- PLT-15: the raw-SQL side of the booking benchmark. The claim of an area's places as the visits
-- service issues it (services/visits/src/bookings/booking.repository.ts, claimAndBook): one upsert
-- creates the session's row or claims n places on it only while they fit, in one transaction (the
-- service writes the booking in the same statement; the baseline is the claim alone).
-- Run with PGOPTIONS='-c search_path=visits' and -M prepared.
-- Variables: -D area=<uuid> -D date=<YYYY-MM-DD> -D capacity=<n>; 1 to 3 persons per booking.
\set n random(1, 3)
BEGIN;
INSERT INTO session_places AS sp (area_id, date, session, capacity, booked) VALUES (:area, :date, 'morning', :capacity, :n)
  ON CONFLICT (area_id, date, session) DO UPDATE SET booked = sp.booked + EXCLUDED.booked
  WHERE sp.booked + EXCLUDED.booked <= sp.capacity;
COMMIT;
