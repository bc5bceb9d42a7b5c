import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db';
import type { ComplaintRow } from '../complaints/complaints.tables';

/**
 * A page of a list: the establishment, an optional period of Bogotá dates, the key after which it
 * starts, one row more than shown. Cursors carry instants to the millisecond (what JavaScript keeps),
 * so lists order and compare by the millisecond too: no row is skipped or shown twice between pages.
 */
export interface PageAsk {
  eron: string;
  from?: string;
  to?: string;
  after?: [string, string];
  rows: number;
}

/** A timestamp's Bogotá date within the period asked for (both ends included). */
const inPeriod = (column: RawBuilder<unknown>, p: PageAsk) =>
  sql`${p.from ? sql`AND (${column} AT TIME ZONE 'America/Bogota')::date >= ${p.from}::date` : sql``}
      ${p.to ? sql`AND (${column} AT TIME ZONE 'America/Bogota')::date <= ${p.to}::date` : sql``}`;

/** DIS-12: the establishment's council sessions, newest first, with attendance, quorum per group and decisions counted. */
export async function sessionsOf(db: Db, p: PageAsk & { kind?: 'ordinary' | 'extraordinary' }) {
  const after = p.after ? sql`AND (s.date, s.id) < (${p.after[0]}::date, ${p.after[1]}::uuid)` : sql``;
  const { rows } = await sql<{
    id: string;
    acta: string;
    number: number;
    date: string;
    kind: 'ordinary' | 'extraordinary';
    present: number;
    voters: number;
    voters_one: number;
    voters_two: number;
    decisions: number;
  }>`SELECT s.id, s.acta, s.number, s.date::text AS date, s.kind,
        cardinality(s.present) AS present,
        (SELECT count(*)::int FROM council_members m WHERE m.id::text = ANY (s.present) AND m.eron = s.eron AND m.votes) AS voters,
        (SELECT count(*)::int FROM council_members m
          WHERE m.id::text = ANY (s.present) AND m.eron = s.eron AND m.votes AND 'one' = ANY (m.groups)) AS voters_one,
        (SELECT count(*)::int FROM council_members m
          WHERE m.id::text = ANY (s.present) AND m.eron = s.eron AND m.votes AND 'two' = ANY (m.groups)) AS voters_two,
        (SELECT count(*)::int FROM council_decisions d WHERE d.session_id = s.id) AS decisions
      FROM council_sessions s
      WHERE s.eron = ${p.eron}
        ${p.kind ? sql`AND s.kind = ${p.kind}` : sql``}
        ${p.from ? sql`AND s.date >= ${p.from}::date` : sql``}
        ${p.to ? sql`AND s.date <= ${p.to}::date` : sql``}
        ${after}
      ORDER BY s.date DESC, s.id DESC LIMIT ${p.rows}`.execute(db);
  return rows;
}

/** DIS-16: the incentives the Director granted here, newest first, with the acta of the Council's opinion. */
export async function incentivesOf(db: Db, p: PageAsk & { nui?: string }) {
  const after = p.after
    ? sql`AND (date_trunc('milliseconds', i.granted_at), i.id) < (${p.after[0]}::timestamptz, ${p.after[1]}::uuid)`
    : sql``;
  const { rows } = await sql<{
    id: string;
    nui: string;
    incentive: string;
    acta: string;
    council_decision_id: string;
    treatment_opinion_id: string;
    notification_id: string;
    granted_by: string;
    granted_at: Date;
  }>`SELECT i.id, i.nui, i.incentive, s.acta, i.council_decision_id, i.treatment_opinion_id, i.notification_id::text AS notification_id,
        i.granted_by, i.granted_at
      FROM incentives i
      JOIN council_decisions d ON d.id = i.council_decision_id
      JOIN council_sessions s ON s.id = d.session_id
      WHERE i.eron = ${p.eron} ${p.nui ? sql`AND i.nui = ${p.nui}` : sql``} ${inPeriod(sql`i.granted_at`, p)} ${after}
      ORDER BY date_trunc('milliseconds', i.granted_at) DESC, i.id DESC LIMIT ${p.rows}`.execute(db);
  return rows;
}

/** DIS-18: the own-food requests the Council answered here, newest first. */
export async function ownFoodOf(db: Db, p: PageAsk & { status?: 'approved' | 'denied' }) {
  const after = p.after
    ? sql`AND (date_trunc('milliseconds', o.recorded_at), o.id) < (${p.after[0]}::timestamptz, ${p.after[1]}::uuid)`
    : sql``;
  const { rows } = await sql<{
    id: string;
    nui: string;
    status: 'approved' | 'denied';
    health_reasons: boolean;
    acta: string;
    recorded_at: Date;
  }>`SELECT o.id, o.nui, o.status, o.health_reasons, s.acta, o.recorded_at
      FROM own_food_requests o
      JOIN council_decisions d ON d.id = o.council_decision_id
      JOIN council_sessions s ON s.id = d.session_id
      WHERE o.eron = ${p.eron} ${p.status ? sql`AND o.status = ${p.status}` : sql``} ${inPeriod(sql`o.recorded_at`, p)} ${after}
      ORDER BY date_trunc('milliseconds', o.recorded_at) DESC, o.id DESC LIMIT ${p.rows}`.execute(db);
  return rows;
}

/** Past a deadline: not sent on within 24 h, or the police report not made within 36 h (pending or done late). */
const overdue = sql`(coalesce(c.sent_at, now()) > c.send_due_at OR (c.report_due_at IS NOT NULL AND coalesce(c.reported_at, now()) > c.report_due_at))`;

/** DIS-19: the establishment's complaints, newest received first; the confidential table is never read (PLT-06). */
export async function complaintsOf(db: Db, p: PageAsk & { kind?: string; overdue?: boolean }) {
  const after = p.after
    ? sql`AND (date_trunc('milliseconds', c.received_at), c.id) < (${p.after[0]}::timestamptz, ${p.after[1]}::uuid)`
    : sql``;
  const { rows } = await sql<ComplaintRow>`SELECT c.* FROM complaints c
      WHERE c.eron = ${p.eron}
        ${p.kind ? sql`AND c.kind = ${p.kind}` : sql``}
        ${p.overdue === undefined ? sql`` : p.overdue ? sql`AND ${overdue}` : sql`AND NOT ${overdue}`}
        ${inPeriod(sql`c.received_at`, p)} ${after}
      ORDER BY date_trunc('milliseconds', c.received_at) DESC, c.id DESC LIMIT ${p.rows}`.execute(db);
  return rows;
}
