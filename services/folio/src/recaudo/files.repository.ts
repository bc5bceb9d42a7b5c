import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { lockKeys } from '@eron/shared/platform';
import type { Db, Trx } from '../db';
import type { Issue, ParsedFile } from './asobancaria.parser';
import type { RecaudoFileStatus } from './recaudo.tables';

/** ASO-20: what makes a file "the same file". */
export const identityKey = (h: ParsedFile['header']): string => [h.nit, h.bankCode, h.account, h.collectionDate, h.modifier].join('|');

/**
 * Records an uploaded file once (ASO-20). Uploads of the same identity are serialised by an
 * advisory lock, so two at once see each other: same content → the earlier file; other content →
 * held for review, never processed.
 */
export async function registerFile(
  trx: Trx,
  parsed: ParsedFile,
  uploader: { by: string; source: 'bank' | 'staff'; erons: string[] | null },
) {
  const key = identityKey(parsed.header);
  await lockKeys(trx, [key]);
  const earlier = await trx
    .selectFrom('recaudo_files')
    .select(['id', 'status', 'sha256', 'total_records'])
    .where('identity_key', '=', key)
    .execute();
  const same = earlier.find((f) => f.sha256 === parsed.sha256);
  if (same) return { id: same.id, status: same.status, duplicateUpload: true };
  const status: RecaudoFileStatus = earlier.length > 0 ? 'held_for_review' : 'queued';
  const id = randomUUID();
  await trx
    .insertInto('recaudo_files')
    .values({
      id,
      identity_key: key,
      sha256: parsed.sha256,
      collection_date: parsed.header.collectionDate,
      bank_code: parsed.header.bankCode,
      modifier: parsed.header.modifier,
      status,
      total_records: parsed.details.length,
      total_cents: Number(parsed.totalCents),
      warnings: JSON.stringify(parsed.warnings),
      content: parsed.normalised,
      uploaded_by: uploader.by,
      source: uploader.source,
      uploader_erons: uploader.erons === null ? null : JSON.stringify(uploader.erons),
      finished_at: null,
    })
    .execute();
  return { id, status, duplicateUpload: false };
}

export const nextPendingFile = (db: Db) =>
  db
    .selectFrom('recaudo_files')
    .select('id')
    .where('status', 'in', ['queued', 'processing'])
    .orderBy('uploaded_at')
    .limit(1)
    .executeTakeFirst();

/**
 * Claims one lane of the file for one batch: another worker holding it means "not now". A file
 * held for review or already done has no lane to claim.
 */
export async function claimLane(trx: Trx, id: string, lane: number): Promise<boolean> {
  const { rows } = await sql<{ claimed: boolean }>`
    SELECT pg_try_advisory_xact_lock(hashtext(${id}), ${lane}) AS claimed FROM recaudo_files
     WHERE id = ${id} AND status IN ('queued', 'processing')`.execute(trx);
  return rows[0]?.claimed ?? false;
}

/** A file with no detail records is done as soon as it is looked at. */
export const finishEmpty = (db: Db, id: string) =>
  db
    .updateTable('recaudo_files')
    .set({ status: 'done', finished_at: new Date() })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'processing'])
    .execute();

/** What the file job books a file with: who delivered it, its collection date and bank (never its content). */
export const fileToBook = (db: Db, id: string) =>
  db
    .selectFrom('recaudo_files')
    .select(['source', 'uploader_erons', 'collection_date', 'bank_code'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

/** The file an officer approves, locked so two approvals serialise (FOL-06 b). */
export const lockFileForApproval = (trx: Trx, id: string) =>
  trx.selectFrom('recaudo_files').select(['id', 'status', 'source', 'uploaded_by']).where('id', '=', id).forUpdate().executeTakeFirst();

/** A file's progress; never its content, which is the whole file, megabytes to de-TOAST on every poll. */
export const findFileProgress = (db: Db, id: string) =>
  db
    .selectFrom('recaudo_files')
    .select(['id', 'status', 'collection_date', 'modifier', 'processed', 'total_records', 'uploaded_at', 'finished_at'])
    .where('id', '=', id)
    .executeTakeFirst();

/** Issue 8: a large file's bytes, kept for the file job to check. */
export async function keepUpload(
  trx: Trx,
  u: { raw: Buffer; source: 'bank' | 'staff'; by: string; erons: string[] | null },
): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('recaudo_uploads')
    .values({
      id,
      raw: u.raw,
      bytes: u.raw.length,
      source: u.source,
      uploaded_by: u.by,
      uploader_erons: u.erons === null ? null : JSON.stringify(u.erons),
      status: 'received',
      errors: null,
      file_id: null,
      checked_at: null,
    })
    .execute();
  return id;
}

export const nextReceivedUpload = (db: Db) =>
  db.selectFrom('recaudo_uploads').select('id').where('status', '=', 'received').orderBy('received_at').limit(1).executeTakeFirst();

/** The upload to check, locked; another worker checking it means "not now". Its bytes are read apart (`uploadBytes`). */
export const lockReceivedUpload = (trx: Trx, id: string) =>
  trx
    .selectFrom('recaudo_uploads')
    .select(['id', 'bytes', 'source', 'uploaded_by', 'uploader_erons'])
    .where('id', '=', id)
    .where('status', '=', 'received')
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();

/** An upload's bytes, as it came. */
export const uploadBytes = async (trx: Trx, id: string): Promise<Buffer> =>
  (await trx.selectFrom('recaudo_uploads').select('raw').where('id', '=', id).executeTakeFirstOrThrow()).raw;

export const settleUpload = (trx: Trx, id: string, s: { status: 'refused' | 'accepted'; errors: Issue[] | null; fileId: string | null }) =>
  trx
    .updateTable('recaudo_uploads')
    .set({ status: s.status, errors: s.errors && JSON.stringify(s.errors), file_id: s.fileId, checked_at: new Date() })
    .where('id', '=', id)
    .execute();

export const findUpload = (db: Db, id: string) =>
  db
    .selectFrom('recaudo_uploads')
    .select(['id', 'status', 'bytes', 'file_id', 'errors', 'received_at', 'checked_at'])
    .where('id', '=', id)
    .executeTakeFirst();
