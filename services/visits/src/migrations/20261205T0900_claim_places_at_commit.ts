import { sql, type Kysely, type Migration } from 'kysely';

/**
 * A booking claims its area's places when its transaction commits (PLT-15): a deferred constraint
 * trigger adds the booking's persons to the session's counter as the last thing before the commit
 * record, and the counter's CHECK (`session_places_within_capacity`) refuses a claim that does not
 * fit, failing the COMMIT so nothing of the booking is kept. The area's row, which every booking of
 * that day and session claims, is then held only inside the server for the few microseconds of the
 * commit, never while the service reads the answer of one statement and sends the next.
 */
export const migration: Migration = {
  async up(db: Kysely<any>) {
    await sql`CREATE FUNCTION claim_session_places() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO session_places AS sp (area_id, date, session, capacity, booked)
          SELECT NEW.area_id, NEW.date, NEW.session, a.capacity, NEW.persons FROM areas a WHERE a.id = NEW.area_id
          ON CONFLICT (area_id, date, session) DO UPDATE SET booked = sp.booked + EXCLUDED.booked;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE CONSTRAINT TRIGGER bookings_claim_places AFTER INSERT ON bookings
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION claim_session_places()`.execute(db);
  },
  async down(db: Kysely<any>) {
    await sql`DROP TRIGGER bookings_claim_places ON bookings`.execute(db);
    await sql`DROP FUNCTION claim_session_places()`.execute(db);
  },
};
