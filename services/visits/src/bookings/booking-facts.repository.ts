import { sql } from 'kysely';
import { executePrepared } from '@eron/shared/platform';
import type { RegimeDay, VisitSession } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { PplRow } from '../ppl/ppl.tables';

/** What VIS-08 needs to know of one booking request, read in one statement with the PPL's row locked. */
export interface BookingFactsRow {
  ppl: Pick<PplRow, 'nui' | 'eron' | 'state' | 'unit_id' | 'legal_status'>;
  session: VisitSession | null;
  regime: { days: RegimeDay[]; visits_per_week: number; persons_per_visit: number } | null;
  area: { id: string; eron: string; capacity: number; for_children: boolean } | null;
  /** The session's places left, null while none was claimed (then the area's capacity). */
  placesLeft: number | null;
  /** The dates of the PPL's ordinary bookings in the week. */
  weekDates: string[];
  extraditionAuthorised: boolean;
  suppressed: boolean;
  intimateThatDay: boolean;
  chosenWeekday: number | null;
  /** VIS-06: a visit with minors (on its own date) already booked in the date's month. */
  childrenVisitThisMonth: boolean;
  visitors: { id: string; gender: 'M' | 'F'; birth_date: string; listed: boolean; banned: boolean }[];
}

/**
 * Every fact a booking is checked against (VIS-01 … VIS-08), in one round trip instead of eleven
 * (PLT-15): the PPL's row locked (their bookings one at a time, so the weekly limits hold), the
 * unit's session, the regime in force, the area and its places, the week's bookings, extradition,
 * suppression, intimate visit and chosen day, and each visitor's list, ban, gender and birth date.
 * Never cached: each decides a rule. `lock` takes the PPL's row (inside the booking's transaction);
 * without it, the facts as committed, for a refusal that needs no transaction. A prepared statement
 * (each form its own): planning it cost nine times running it.
 */
export async function bookingFacts(
  db: Trx | Db,
  q: { nui: string; areaId: string; date: string; weekFrom: string; weekTo: string; visitorIds: string[] },
  lock: boolean,
): Promise<BookingFactsRow | undefined> {
  const { rows } = await executePrepared(
    db,
    lock ? 'booking_facts' : 'booking_facts_unlocked',
    sql<BookingFactsRow>`
    SELECT
      jsonb_build_object('nui', p.nui, 'eron', p.eron, 'state', p.state, 'unit_id', p.unit_id, 'legal_status', p.legal_status) AS ppl,
      u.session,
      (SELECT jsonb_build_object('days', r.days, 'visits_per_week', r.visits_per_week, 'persons_per_visit', r.persons_per_visit)
         FROM regimes r WHERE r.eron = p.eron AND r.status = 'approved') AS regime,
      (SELECT jsonb_build_object('id', a.id, 'eron', a.eron, 'capacity', a.capacity, 'for_children', a.for_children)
         FROM areas a WHERE a.id = ${q.areaId}::uuid) AS area,
      (SELECT sp.capacity - sp.booked FROM session_places sp
         WHERE sp.area_id = ${q.areaId}::uuid AND sp.date = ${q.date}::date AND sp.session = u.session) AS "placesLeft",
      ARRAY(SELECT b.date::text FROM bookings b
         WHERE b.nui = p.nui AND b.kind = 'ordinary' AND b.status = 'booked' AND b.date BETWEEN ${q.weekFrom}::date AND ${q.weekTo}::date
      ) AS "weekDates",
      EXISTS (SELECT 1 FROM extradition_authorisations e WHERE e.nui = p.nui AND e.valid_until >= ${q.date}::date) AS "extraditionAuthorised",
      EXISTS (SELECT 1 FROM visit_suppressions s WHERE s.nui = p.nui AND s.date = ${q.date}::date) AS suppressed,
      EXISTS (SELECT 1 FROM intimate_visits i WHERE i.nui = p.nui AND i.date = ${q.date}::date) AS "intimateThatDay",
      (SELECT c.weekday FROM chosen_visit_days c WHERE c.nui = p.nui) AS "chosenWeekday",
      EXISTS (
        SELECT 1 FROM bookings b
        JOIN booking_visitors bv ON bv.booking_id = b.id
        JOIN visitors v ON v.id = bv.visitor_id
        WHERE b.nui = p.nui AND b.kind = 'ordinary' AND b.status = 'booked'
          AND date_trunc('month', b.date) = date_trunc('month', ${q.date}::date)
          AND v.birth_date > b.date - interval '18 years'
      ) AS "childrenVisitThisMonth",
      COALESCE((
        SELECT jsonb_agg(jsonb_build_object(
          'id', v.id, 'gender', v.gender, 'birth_date', v.birth_date::text, 'listed', av.nui IS NOT NULL,
          'banned', EXISTS (SELECT 1 FROM visitor_bans vb WHERE vb.visitor_id = v.id AND vb.eron = p.eron AND vb.until >= ${q.date}::date)))
        FROM visitors v
        LEFT JOIN authorised_visitors av ON av.visitor_id = v.id AND av.nui = p.nui
        WHERE v.id = ANY(${q.visitorIds}::uuid[])
      ), '[]'::jsonb) AS visitors
    FROM ppl p
    LEFT JOIN units u ON u.id = p.unit_id
    WHERE p.nui = ${q.nui}
    ${lock ? sql`FOR UPDATE OF p` : sql``}
  `,
  );
  return rows[0];
}
