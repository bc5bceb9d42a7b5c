import type { ConfidentialPatch, ConfidentialSection, RecordParts } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { ConfidentialRow, HistoryRow, RecordRow } from './record.tables';

export const findRecord = (db: Db | Trx, nui: string): Promise<RecordRow | undefined> =>
  db.selectFrom('ppl_records').selectAll().where('nui', '=', nui).executeTakeFirst();

export async function saveRecord(trx: Trx, nui: string, parts: RecordParts, by: string): Promise<RecordRow> {
  const json = JSON.stringify(parts);
  return trx
    .insertInto('ppl_records')
    .values({ nui, parts: json, updated_by: by, version: 1 })
    .onConflict((oc) =>
      oc.column('nui').doUpdateSet((eb) => ({
        parts: json,
        updated_by: by,
        updated_at: new Date(),
        version: eb('ppl_records.version', '+', 1),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function appendHistory(
  trx: Trx,
  h: {
    nui: string;
    part: 'general' | 'confidential';
    fields: string[];
    before?: object;
    after?: object;
    by: string;
    roles: string[];
    requestId: string;
  },
): Promise<void> {
  await trx
    .insertInto('record_history')
    .values({
      nui: h.nui,
      part: h.part,
      fields: h.fields,
      before: h.before ? JSON.stringify(h.before) : null,
      after: h.after ? JSON.stringify(h.after) : null,
      changed_by: h.by,
      roles: h.roles,
      request_id: h.requestId,
    })
    .execute();
}

/** A page of the record's changes, oldest first, after the cursor's sequence number. */
export const historyOf = (db: Db | Trx, q: { nui: string; after?: string; rows: number }): Promise<HistoryRow[]> =>
  db
    .selectFrom('record_history')
    .selectAll()
    .where('nui', '=', q.nui)
    .$if(q.after !== undefined, (w) => w.where('seq', '>', q.after!))
    .orderBy('seq')
    .limit(q.rows)
    .execute();

/** Reads only the sections asked for: the others never leave the database (CLS-07). */
export async function readConfidential(
  db: Db | Trx,
  nui: string,
  sections: ConfidentialSection[],
): Promise<Partial<ConfidentialRow> | undefined> {
  if (sections.length === 0) return undefined;
  return db.selectFrom('ppl_confidential').select(sections).where('nui', '=', nui).executeTakeFirst();
}

export async function saveConfidential(trx: Trx, nui: string, patch: ConfidentialPatch, by: string): Promise<void> {
  const values = Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, JSON.stringify(v)])) as Record<ConfidentialSection, string>;
  await trx
    .insertInto('ppl_confidential')
    .values({ nui, ...values, updated_by: by })
    .onConflict((oc) => oc.column('nui').doUpdateSet({ ...values, updated_by: by, updated_at: new Date() }))
    .execute();
}

/** Claims the notice to one recipient; false when it was already requested (CLS-08: exactly once). */
export async function claimNotice(
  trx: Trx,
  n: { nui: string; recipient: string; notificationId: string; nationality: string },
): Promise<boolean> {
  const row = await trx
    .insertInto('foreign_notices')
    .values({ nui: n.nui, recipient: n.recipient, notification_id: n.notificationId, nationality: n.nationality })
    .onConflict((oc) => oc.columns(['nui', 'recipient']).doNothing())
    .returning('nui')
    .executeTakeFirst();
  return row !== undefined;
}
