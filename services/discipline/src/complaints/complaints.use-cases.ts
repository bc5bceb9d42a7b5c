import { randomUUID } from 'node:crypto';
import {
  assertActorActsFor,
  notFound,
  type Complaint,
  type ComplaintDetail,
  type ComplaintList,
  type ComplaintRequest,
  type ComplaintSending,
  type PoliceReport,
} from '@eron/shared';
import type { Db } from '../db';
import type { Ctx, Reader } from '../runtime';
import {
  confidentialOf,
  findComplaint,
  flagOverdue,
  insertComplaint,
  lockComplaint,
  markReported,
  markSent,
  overdueOf,
} from './complaints.repository';
import { accountIsConfidential, assertKnownAt, assertStep, deadlines, late } from './complaints.rules';
import type { ComplaintRow } from './complaints.tables';

const noComplaint = (id: string) => notFound({ es: `No existe la queja ${id}`, en: `No complaint ${id}` });

/** The complaint as lists and answers show it: no complainant, no sexual-violence account (PLT-06). */
export function complaintView(c: ComplaintRow, now = new Date()): Complaint {
  const step = (dueAt: Date, doneAt: Date | null) => ({
    dueAt: dueAt.toISOString(),
    doneAt: doneAt?.toISOString() ?? null,
    onTime: doneAt ? !late(dueAt, doneAt, now) : null,
  });
  const report = c.report_due_at;
  return {
    id: c.id,
    eron: c.eron,
    kind: c.kind,
    crimeAlleged: c.crime_alleged,
    knownAt: c.known_at.toISOString(),
    receivedAt: c.received_at.toISOString(),
    urgentMeasures: c.urgent_measures,
    sending: { ...step(c.send_due_at, c.sent_at), to: c.sent_to },
    policeReport: report ? { ...step(report, c.reported_at), reportNumber: c.report_number } : null,
    overdue: late(c.send_due_at, c.sent_at, now) || (report !== null && late(report, c.reported_at, now)),
    overdueFlaggedAt: c.overdue_flagged_at?.toISOString() ?? null,
  };
}

const notification = (ctx: Ctx, recipient: string, subject: string, eron: string) =>
  ctx.publish('notification.requested', { notificationId: randomUUID(), recipient, subject, eron });

/**
 * DIS-19 (Art. 142): registered on receipt, urgent measures recorded, deadlines set from knowledge of
 * the fact, forwarded at once to the DG's citizen-attention group; the notice names no one (PLT-06).
 */
export async function registerComplaint(ctx: Ctx, b: ComplaintRequest): Promise<Complaint> {
  assertKnownAt(new Date(b.knownAt), new Date());
  const due = deadlines(b.kind, new Date(b.knownAt));
  const c = await insertComplaint(ctx.trx, b, { ...due, confidentialAccount: accountIsConfidential(b.kind), by: ctx.actor.sub });
  await notification(ctx, 'dg_citizen_attention', `complaint ${c.id}`, c.eron);
  if (b.crimeAlleged) await notification(ctx, 'judicial_police', `complaint ${c.id}`, c.eron);
  await ctx.audit({ action: 'register-complaint', entity: 'complaint', entityId: c.id, details: { kind: c.kind } });
  return complaintView(c);
}

async function locked(ctx: Ctx, id: string): Promise<ComplaintRow> {
  const c = await lockComplaint(ctx.trx, id);
  if (!c) throw noComplaint(id);
  assertActorActsFor(ctx.actor, c.eron);
  return c;
}

/** DIS-19 (Art. 142 §1): sent to the Procuraduría or the Fiscalía — within 24 hours of knowledge, else marked late. */
export async function sendComplaint(ctx: Ctx, i: { id: string; sending: ComplaintSending }): Promise<Complaint> {
  const c = await locked(ctx, i.id);
  assertStep('sending', c);
  const sent = await markSent(ctx.trx, c.id, i.sending.to);
  await notification(ctx, i.sending.to, `complaint ${c.id}`, c.eron);
  await ctx.audit({ action: 'send-complaint', entity: 'complaint', entityId: c.id, details: { to: i.sending.to } });
  return complaintView(sent);
}

/** DIS-19 (Art. 142 §3): the judicial police's written report to the prosecutor, due within 36 hours of knowledge. */
export async function recordPoliceReport(ctx: Ctx, i: { id: string; report: PoliceReport }): Promise<Complaint> {
  const c = await locked(ctx, i.id);
  assertStep('report', c);
  const done = await markReported(ctx.trx, c.id, i.report);
  await ctx.audit({ action: 'police-report', entity: 'complaint', entityId: c.id, details: { reportNumber: i.report.reportNumber } });
  return complaintView(done);
}

/** A complaint with its confidential parts; the read is audited (PLT-06). */
export async function readComplaint(ctx: Ctx, id: string): Promise<ComplaintDetail> {
  const c = await findComplaint(ctx.trx, id);
  if (!c) throw noComplaint(id);
  assertActorActsFor(ctx.actor, c.eron);
  const secret = await confidentialOf(ctx.trx, id);
  await ctx.audit({ action: 'read-complaint-confidential', entity: 'complaint', entityId: id, details: {} });
  return { ...complaintView(c), complainant: secret.complainant, account: secret.account ?? c.account ?? '' };
}

/** DIS-19: the establishment's complaints past a deadline (no confidential data). */
export async function overdueComplaints(r: Reader, eron: string): Promise<ComplaintList> {
  return { eron, items: (await overdueOf(r.db, eron)).map((c) => complaintView(c)) };
}

/** DIS-19: the scheduled job's step — flags complaints still pending past a deadline. */
export const flagOverdueComplaints = (db: Db): Promise<number> => flagOverdue(db);
