import { sql } from 'kysely';
import type { Db, Trx } from '../db';
import type { ConductTables } from './conduct.tables';

type Subject = ConductTables['judge_reports']['subject'];

/** Records a report once per subject and reference (dated by the clock, so two in one transaction keep their order); false if already recorded. */
export async function recordReport(
  trx: Trx,
  r: { id: string; nui: string; eron: string; subject: Subject; referenceId: string; recipient: string; notificationId: string },
): Promise<boolean> {
  const row = await trx
    .insertInto('judge_reports')
    .values({
      id: r.id,
      nui: r.nui,
      eron: r.eron,
      subject: r.subject,
      reference_id: r.referenceId,
      recipient: r.recipient,
      notification_id: r.notificationId,
      created_at: sql<Date>`clock_timestamp()`,
    })
    .onConflict((oc) => oc.columns(['subject', 'reference_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Other firm sanctions of the PPL that became firm within six calendar months either side of `at` (DIS-14). */
export async function firmWithinSixMonths(db: Db | Trx, nui: string, exceptId: string, at: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('sanctions')
    .select('id')
    .where('nui', '=', nui)
    .where('id', '<>', exceptId)
    .where('status', '=', 'firm')
    .where('firm_at', '>=', sql<Date>`${at}::timestamptz - interval '6 months'`)
    .where('firm_at', '<=', sql<Date>`${at}::timestamptz + interval '6 months'`)
    .execute();
  return rows.map((r) => r.id);
}

/** A PPL's reports with their delivery: sent once the relay handed the notification to the notifier. */
export async function reportsOf(db: Db, nui: string) {
  return db
    .selectFrom('judge_reports as r')
    .leftJoin('outbox as o', (j) =>
      j
        .on('o.type', '=', 'notification.requested')
        .on(sql`o.envelope -> 'payload' ->> 'notificationId'`, '=', sql`r.notification_id::text`),
    )
    .select(['r.id', 'r.subject', 'r.reference_id', 'r.recipient', 'r.created_at', 'o.published_at'])
    .where('r.nui', '=', nui)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
}
