import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { ComplaintRequest } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { ComplaintRow } from './complaints.tables';

export async function insertComplaint(
  trx: Trx,
  b: ComplaintRequest,
  c: { sendDueAt: Date; reportDueAt: Date | null; confidentialAccount: boolean; by: string },
): Promise<ComplaintRow> {
  const row = await trx
    .insertInto('complaints')
    .values({
      id: randomUUID(),
      eron: b.eron,
      kind: b.kind,
      crime_alleged: b.crimeAlleged,
      account: c.confidentialAccount ? null : b.account,
      urgent_measures: b.urgentMeasures ?? null,
      known_at: new Date(b.knownAt),
      send_due_at: c.sendDueAt,
      report_due_at: c.reportDueAt,
      registered_by: c.by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('complaint_confidential')
    .values({ complaint_id: row.id, complainant: JSON.stringify(b.complainant), account: c.confidentialAccount ? b.account : null })
    .execute();
  return row;
}

export const findComplaint = (db: Db | Trx, id: string) => db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirst();
export const lockComplaint = (trx: Trx, id: string) =>
  trx.selectFrom('complaints').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
export const confidentialOf = (db: Db | Trx, id: string) =>
  db.selectFrom('complaint_confidential').selectAll().where('complaint_id', '=', id).executeTakeFirstOrThrow();

export const markSent = (trx: Trx, id: string, to: 'procuraduria' | 'fiscalia') =>
  trx.updateTable('complaints').set({ sent_to: to, sent_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export const markReported = (trx: Trx, id: string, r: { officer: string; reportNumber: string }) =>
  trx
    .updateTable('complaints')
    .set({ report_officer: r.officer, report_number: r.reportNumber, reported_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

/** Past a deadline: not sent on within 24 h, or the police report not made within 36 h (whether still pending or done late). */
const overdue = sql<boolean>`(coalesce(sent_at, now()) > send_due_at OR (report_due_at IS NOT NULL AND coalesce(reported_at, now()) > report_due_at))`;

/** The establishment's complaints past a deadline, newest knowledge first. */
export const overdueOf = (db: Db | Trx, eron: string) =>
  db.selectFrom('complaints').selectAll().where('eron', '=', eron).where(overdue).orderBy('known_at', 'desc').limit(500).execute();

/** Flags every complaint still pending past a deadline and not yet flagged; returns how many. */
export async function flagOverdue(db: Db): Promise<number> {
  const rows = await db
    .updateTable('complaints')
    .set({ overdue_flagged_at: sql`now()` })
    .where('overdue_flagged_at', 'is', null)
    .where(
      sql<boolean>`((sent_at IS NULL AND send_due_at < now()) OR (report_due_at IS NOT NULL AND reported_at IS NULL AND report_due_at < now()))`,
    )
    .returning('id')
    .execute();
  return rows.length;
}
