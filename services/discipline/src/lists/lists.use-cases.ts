import {
  assertPeriod,
  keyOf,
  pageLimit,
  pageOf,
  type ComplaintPage,
  type ComplaintsQuery,
  type CouncilSessionList,
  type CouncilSessionsQuery,
  type IncentiveList,
  type IncentivesQuery,
  type OwnFoodRequestList,
  type OwnFoodRequestsQuery,
} from '@eron/shared';
import { complaintView } from '../complaints/complaints.use-cases';
import type { Reader } from '../runtime';
import { complaintsOf, incentivesOf, ownFoodOf, sessionsOf, type PageAsk } from './lists.repository';
import { QUORUM } from './lists.rules';

/** A period may be as long as ten years: the page, not the period, bounds what one request reads (PLT-18). */
const MAX_PERIOD_DAYS = 3660;

/** The page a query asks for: its period checked, its cursor read (a cursor the list did not give is a 400). */
function ask(
  eron: string,
  q: { limit?: string; after?: string; from?: string; to?: string },
  key: 'date' | 'instant',
): PageAsk & { limit: number } {
  if (q.from && q.to) assertPeriod(q.from, q.to, MAX_PERIOD_DAYS);
  const limit = pageLimit(q.limit, 50);
  const after = q.after ? (keyOf(q.after, [key, 'uuid'], 'after') as [string, string]) : undefined;
  return { eron, from: q.from, to: q.to, after, rows: limit + 1, limit };
}

/** DIS-12: the council's sessions, newest first — acta, date, kind, attendance, quorum and decisions counted. */
export async function listSessions(r: Reader, eron: string, q: CouncilSessionsQuery): Promise<CouncilSessionList> {
  const p = ask(eron, q, 'date');
  const page = pageOf(await sessionsOf(r.db, { ...p, kind: q.kind }), p.limit, (s) => [s.date, s.id]);
  const items = page.items.map((s) => ({
    id: s.id,
    acta: s.acta,
    number: s.number,
    date: s.date,
    kind: s.kind,
    present: s.present,
    votersPresent: s.voters,
    quorum: { plenary: s.voters >= QUORUM, one: s.voters_one >= QUORUM, two: s.voters_two >= QUORUM },
    decisions: s.decisions,
  }));
  return { eron, items, next: page.next };
}

/** DIS-16: the incentives granted here, newest first, each with the acta of the Council's opinion and the judge's report. */
export async function listIncentives(r: Reader, eron: string, q: IncentivesQuery): Promise<IncentiveList> {
  const p = ask(eron, q, 'instant');
  const page = pageOf(await incentivesOf(r.db, { ...p, nui: q.nui }), p.limit, (i) => [i.granted_at.toISOString(), i.id]);
  const items = page.items.map((i) => ({
    id: i.id,
    nui: i.nui,
    incentive: i.incentive,
    acta: i.acta,
    councilDecisionId: i.council_decision_id,
    treatmentOpinionId: i.treatment_opinion_id,
    notificationId: i.notification_id,
    grantedBy: i.granted_by,
    grantedAt: i.granted_at.toISOString(),
  }));
  return { eron, items, next: page.next };
}

/** DIS-18: the own-food requests answered here and their status, newest first. */
export async function listOwnFood(r: Reader, eron: string, q: OwnFoodRequestsQuery): Promise<OwnFoodRequestList> {
  const p = ask(eron, q, 'instant');
  const page = pageOf(await ownFoodOf(r.db, { ...p, status: q.status }), p.limit, (o) => [o.recorded_at.toISOString(), o.id]);
  const items = page.items.map((o) => ({
    id: o.id,
    nui: o.nui,
    status: o.status,
    healthReasons: o.health_reasons,
    acta: o.acta,
    recordedAt: o.recorded_at.toISOString(),
  }));
  return { eron, items, next: page.next };
}

/** DIS-19: the complaints received here with their deadlines and overdue flag; no complainant, no account (PLT-06). */
export async function listComplaints(r: Reader, eron: string, q: ComplaintsQuery): Promise<ComplaintPage> {
  const p = ask(eron, q, 'instant');
  const overdue = q.overdue === undefined ? undefined : q.overdue === 'true';
  const now = new Date();
  const page = pageOf(await complaintsOf(r.db, { ...p, kind: q.kind, overdue }), p.limit, (c) => [c.received_at.toISOString(), c.id]);
  return { eron, items: page.items.map((c) => complaintView(c, now)), next: page.next };
}
