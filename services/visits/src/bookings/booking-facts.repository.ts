import type DataLoader from 'dataloader';
import { sql } from 'kysely';
import { executePrepared, literal } from '@eron/shared/platform';
import type { RegimeDay, VisitSession } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { PplRow } from '../ppl/ppl.tables';
import { oneBatchAtATime } from './one-at-a-time';

/** What VIS-08 needs to know of one booking request. */
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

/** One booking request as its facts are looked up: the request and its week (Monday to Sunday). */
export interface FactsQuery {
  nui: string;
  areaId: string;
  date: string;
  weekFrom: string;
  weekTo: string;
  visitorIds: string[];
}

/**
 * Every fact a booking is checked against (VIS-01 … VIS-08), for many requests in one round trip
 * (PLT-15): per request, the PPL's row, the unit's session, the regime in force, the area and its
 * places, the week's bookings, extradition, suppression, intimate visit and chosen day, and each
 * visitor's list, ban, gender and birth date. Never cached: each decides a rule. A prepared
 * statement (planning it cost nine times running it) over arrays, so its text is the same for one
 * request or five hundred. Its yes/no facts are `(SELECT true … LIMIT 1) IS NOT NULL`, not EXISTS:
 * over many requests the planner would make an EXISTS one hashed pass over the whole table (20 ms
 * over a month's bookings) instead of a look-up by the PPL's index. Answers in the order asked;
 * undefined for an unknown PPL.
 */
async function factsOf(db: Trx | Db, qs: readonly FactsQuery[]): Promise<(BookingFactsRow | undefined)[]> {
  const { rows } = await executePrepared(
    db,
    'booking_facts',
    sql<BookingFactsRow & { i: string }>`
    SELECT
      q.i,
      jsonb_build_object('nui', p.nui, 'eron', p.eron, 'state', p.state, 'unit_id', p.unit_id, 'legal_status', p.legal_status) AS ppl,
      u.session,
      (SELECT jsonb_build_object('days', r.days, 'visits_per_week', r.visits_per_week, 'persons_per_visit', r.persons_per_visit)
         FROM regimes r WHERE r.eron = p.eron AND r.status = 'approved') AS regime,
      (SELECT jsonb_build_object('id', a.id, 'eron', a.eron, 'capacity', a.capacity, 'for_children', a.for_children)
         FROM areas a WHERE a.id = q.area_id) AS area,
      (SELECT sp.capacity - sp.booked FROM session_places sp
         WHERE sp.area_id = q.area_id AND sp.date = q.date AND sp.session = u.session) AS "placesLeft",
      ARRAY(SELECT b.date::text FROM bookings b
         WHERE b.nui = p.nui AND b.kind = 'ordinary' AND b.status = 'booked' AND b.date BETWEEN q.week_from AND q.week_to
      ) AS "weekDates",
      (SELECT true FROM extradition_authorisations e WHERE e.nui = p.nui AND e.valid_until >= q.date LIMIT 1) IS NOT NULL AS "extraditionAuthorised",
      (SELECT true FROM visit_suppressions s WHERE s.nui = p.nui AND s.date = q.date LIMIT 1) IS NOT NULL AS suppressed,
      (SELECT true FROM intimate_visits i WHERE i.nui = p.nui AND i.date = q.date LIMIT 1) IS NOT NULL AS "intimateThatDay",
      (SELECT c.weekday FROM chosen_visit_days c WHERE c.nui = p.nui) AS "chosenWeekday",
      (
        SELECT true FROM bookings b
        JOIN booking_visitors bv ON bv.booking_id = b.id
        JOIN visitors v ON v.id = bv.visitor_id
        WHERE b.nui = p.nui AND b.kind = 'ordinary' AND b.status = 'booked'
          AND date_trunc('month', b.date) = date_trunc('month', q.date)
          AND v.birth_date > b.date - interval '18 years'
        LIMIT 1
      ) IS NOT NULL AS "childrenVisitThisMonth",
      COALESCE((
        SELECT jsonb_agg(jsonb_build_object(
          'id', v.id, 'gender', v.gender, 'birth_date', v.birth_date::text, 'listed', av.nui IS NOT NULL,
          'banned', (SELECT true FROM visitor_bans vb WHERE vb.visitor_id = v.id AND vb.eron = p.eron AND vb.until >= q.date LIMIT 1) IS NOT NULL))
        FROM visitors v
        LEFT JOIN authorised_visitors av ON av.visitor_id = v.id AND av.nui = p.nui
        WHERE v.id = ANY(q.visitor_ids::uuid[])
      ), '[]'::jsonb) AS visitors
    FROM unnest(
      ${qs.map((q) => q.nui)}::text[], ${qs.map((q) => q.areaId)}::uuid[], ${qs.map((q) => q.date)}::date[],
      ${qs.map((q) => q.weekFrom)}::date[], ${qs.map((q) => q.weekTo)}::date[],
      ${qs.map((q) => `{${q.visitorIds.join(',')}}`)}::text[]
    ) WITH ORDINALITY AS q(nui, area_id, date, week_from, week_to, visitor_ids, i)
    JOIN ppl p ON p.nui = q.nui
    LEFT JOIN units u ON u.id = p.unit_id
  `,
  );
  const found = new Map(rows.map(({ i, ...facts }) => [Number(i), facts]));
  return qs.map((_, k) => found.get(k + 1));
}

/**
 * The facts of requests inside a booking's transaction, their PPL's rows locked until it ends
 * (their bookings one at a time, so the day's and the week's limits hold; several in one order, so
 * two transactions never wait on each other). Locked first, read after, in two statements: a
 * statement sees the data as it was when it began, so facts read by the statement that waited for
 * the lock would miss the booking that the lock's holder committed.
 */
export async function lockedFacts(trx: Trx, qs: readonly FactsQuery[]): Promise<(BookingFactsRow | undefined)[]> {
  // Without parameters, so it goes with the transaction's BEGIN in one round trip (see `literal`).
  await sql`SELECT 1 FROM ppl WHERE nui = ANY(${literal([...new Set(qs.map((q) => q.nui))])}) ORDER BY nui FOR UPDATE`.execute(trx);
  return factsOf(trx, qs);
}

/**
 * The facts of one request as committed, with no transaction or lock, for a refusal (PLT-15). The
 * requests that reach here while one statement is out are gathered into the next: in a burst for
 * one visit day the service then sends one statement for many refusals instead of one each.
 */
export function committedFacts(db: Db, q: FactsQuery): Promise<BookingFactsRow | undefined> {
  let loader = loaders.get(db);
  if (!loader) {
    loader = oneBatchAtATime((qs: readonly FactsQuery[]) => factsOf(db, qs));
    loaders.set(db, loader);
  }
  return loader.load(q);
}

const loaders = new WeakMap<Db, DataLoader<FactsQuery, BookingFactsRow | undefined>>();
