import type { Static } from '@sinclair/typebox';
import {
  bogotaToday,
  canActFor,
  notFound,
  type RecaudoFileApproval,
  type RecaudoUpload,
  type RecaudoFileProgress,
  type RecaudoFileReport,
} from '@eron/shared';
import type { Outcome } from '@eron/shared/platform';
import type { Ctx, Flow, Reader } from '../runtime';
import { parseAsobancaria } from './asobancaria.parser';
import { capsInForce } from '../limits/limits.repository';
import { bookBatch, decideBatch, fitUnderCap, lockBatch, stageLines, type Batch } from './file-batch.repository';
import {
  claimLane,
  findFileProgress,
  findUpload,
  keepUpload,
  lockFileForApproval,
  lockReceivedUpload,
  uploadBytes,
  registerFile,
  settleUpload,
} from './files.repository';
import { gatedDepositIds, lockDeposit, lockGatedAccounts } from './review.repository';
import { resolveHeld } from './review.use-cases';
import { assertApprovable, assertFileAccepted, seesLine, stagedLines } from './files.rules';
import type { Agreement } from './recaudo.config';
import { fileReport } from './report.repository';

const noFile = () => notFound({ es: 'No existe ese archivo de recaudo', en: 'No such collection file' });

/**
 * The bytes of the last large uploads this instance received, kept (committed) for its own file job
 * to check without reading them back (PLT-14: 16 MB of bytea came back as 33 MB of hex, over a
 * second of the ingest). Another instance, or this one after a restart, reads them from the database.
 */
const received = new Map<string, Buffer>();
const RECEIVED_KEPT = 4;

function holdReceived(id: string, raw: Buffer): void {
  received.set(id, raw);
  for (const oldest of received.keys()) if (received.size > RECEIVED_KEPT) received.delete(oldest);
}

/**
 * Issue 8: a file larger than the inline limit is not parsed on the request: its bytes are kept
 * and the file job checks it (checkUpload), woken once the upload is committed.
 */
export async function keepLargeFile(flow: Flow, input: { file: Buffer; source: 'bank' | 'staff' }) {
  const id = await flow.step(async (ctx) => {
    const erons = input.source === 'bank' || ctx.actor.national ? null : ctx.actor.erons;
    const kept = await keepUpload(ctx.trx, { raw: input.file, source: input.source, by: ctx.actor.sub, erons });
    await ctx.audit({ action: 'receive-recaudo-upload', entity: 'recaudo_upload', entityId: kept, details: { bytes: input.file.length } });
    return kept;
  });
  holdReceived(id, input.file);
  await flow.trigger('recaudo-files', { uploadId: id }, id);
  return { id, status: 'received' as const, bytes: input.file.length };
}

/**
 * Issue 8, FOL-06 (b): the file job checks a kept upload as an inline one is checked (ASO-01 …
 * ASO-15): refused whole, each issue kept with its check, line and field, nothing credited; or
 * registered once as a file (ASO-20) for the job to book. Returns the file to book, if any.
 */
export async function checkUpload(ctx: Ctx, input: { id: string; agreement: Agreement }): Promise<string | null> {
  const u = await lockReceivedUpload(ctx.trx, input.id);
  if (!u) return null;
  const held = received.get(u.id);
  received.delete(u.id);
  const raw = held?.length === u.bytes ? held : await uploadBytes(ctx.trx, u.id);
  const parsed = parseAsobancaria(raw, input.agreement, bogotaToday());
  if (parsed.errors.length > 0) {
    await settleUpload(ctx.trx, u.id, { status: 'refused', errors: parsed.errors, fileId: null });
    await ctx.audit({ action: 'refuse-recaudo-upload', entity: 'recaudo_upload', entityId: u.id, details: { first: parsed.errors[0] } });
    return null;
  }
  const f = await registerFile(ctx.trx, parsed, { by: u.uploaded_by, source: u.source, erons: u.uploader_erons });
  if (!f.duplicateUpload && f.status === 'queued') await stageLines(ctx.trx, f.id, stagedLines(parsed, input.agreement));
  await settleUpload(ctx.trx, u.id, { status: 'accepted', errors: null, fileId: f.id });
  await ctx.audit({
    action: 'upload-recaudo-file',
    entity: 'recaudo_file',
    entityId: f.id,
    details: { records: parsed.details.length, upload: u.id },
  });
  return f.status === 'queued' ? f.id : null;
}

/** Issue 8: a kept upload — received, refused with its issues, or accepted as a file. */
export async function uploadState(r: Reader, id: string): Promise<RecaudoUpload> {
  const u = await findUpload(r.db, id);
  if (!u) throw notFound({ es: 'No existe esa carga de archivo de recaudo', en: 'No such collection file upload' });
  return {
    id: u.id,
    status: u.status,
    bytes: u.bytes,
    fileId: u.file_id,
    errors: (u.errors ?? []).map((e) => ({ field: `/line/${e.line}/${e.field}`, message: `${e.check}: ${e.message}` })),
    receivedAt: u.received_at.toISOString(),
    checkedAt: u.checked_at?.toISOString() ?? null,
  };
}

/**
 * FOL-06 (b): the bank's Asobancaria 2001 file, checked whole first (ASO-01 … ASO-15) — refused
 * whole if any check fails, nothing credited — then recorded once (ASO-20) and left to the file
 * job, woken once the file is committed.
 */
export async function uploadFile(flow: Flow, input: { file: Buffer; agreement: Agreement; source: 'bank' | 'staff' }) {
  const parsed = parseAsobancaria(input.file, input.agreement, bogotaToday());
  assertFileAccepted(parsed);
  const file = await flow.step(async (ctx) => {
    const erons = input.source === 'bank' || ctx.actor.national ? null : ctx.actor.erons;
    const f = await registerFile(ctx.trx, parsed, { by: ctx.actor.sub, source: input.source, erons });
    if (!f.duplicateUpload && f.status === 'queued') await stageLines(ctx.trx, f.id, stagedLines(parsed, input.agreement));
    if (!f.duplicateUpload) {
      await ctx.audit({
        action: 'upload-recaudo-file',
        entity: 'recaudo_file',
        entityId: f.id,
        details: { records: parsed.details.length, status: f.status, source: input.source },
      });
    }
    return f;
  });
  if (file.status === 'queued' || file.status === 'processing') await flow.trigger('recaudo-files', { fileId: file.id }, file.id);
  return { ...file, totalRecords: parsed.details.length, warnings: parsed.warnings };
}

/** FOL-06 (b): status and records processed out of the total. */
export async function fileProgress(r: Reader, id: string): Promise<Static<typeof RecaudoFileProgress>> {
  const f = await findFileProgress(r.db, id);
  if (!f) throw noFile();
  return {
    id: f.id,
    status: f.status,
    collectionDate: f.collection_date,
    modifier: f.modifier,
    processed: f.processed,
    total: f.total_records,
    uploadedAt: f.uploaded_at.toISOString(),
    finishedAt: f.finished_at?.toISOString() ?? null,
  };
}

/** FOL-06 (b): totals by outcome adding up to the file total; the records not credited, of the caller's establishments only. */
export async function fileOutcomes(r: Reader, id: string, nationalEron: string): Promise<RecaudoFileReport> {
  const report = await fileReport(r.db, id);
  if (!report) throw noFile();
  const { uploaderErons, ...rest } = report;
  const records = report.records
    .filter((x) => seesLine(r.actor, x, uploaderErons, nationalEron))
    .map(({ eron: _eron, namedEron: _named, ...x }) => x);
  return { ...rest, records };
}

/**
 * One batch of one lane of a file, in one transaction, set-based (PLT-14): the lane claimed
 * (another worker holding it means "not now"), the accounts its new payments credit locked, every
 * line not yet recorded (a restart, or another instance) decided and booked by a few statements
 * over the staged lines. Returns how many lines of the lane are behind it.
 */
export async function bookFileBatch(
  ctx: Ctx,
  input: {
    batch: Batch;
    file: { collectionDate: string; bankCode: string };
    nationalEron: string;
    staff?: { erons: string[] | null };
  },
): Promise<number | 'busy'> {
  const { batch, file } = input;
  if (!(await claimLane(ctx.trx, batch.fileId, batch.lane))) return 'busy';
  await lockBatch(ctx.trx, batch);
  const cap = (await capsInForce(ctx.trx, file.collectionDate)).deposit_month;
  const terms = { month: file.collectionDate.slice(0, 7), cap, nationalEron: input.nationalEron, staff: input.staff };
  const decided = await decideBatch(ctx.trx, batch, terms);
  if (decided.overCap > 0 && !input.staff) await fitUnderCap(ctx.trx, cap);
  if (decided.lines > 0)
    await bookBatch(ctx.trx, batch, { fileId: batch.fileId, ...file, createdBy: `recaudo-file:${batch.fileId}`, requestId: ctx.requestId });
  return batch.to - batch.from;
}

/**
 * FOL-06 (b): a second officer — not the one who uploaded it — approves a staff-uploaded file once
 * it is processed: each line waiting for confirmation of an establishment the approver acts for
 * (the national office for lines held for it) is credited if FOL-05 and FOL-04 allow it now, else
 * owed back with the reason. Lines of other establishments stay held.
 */
export async function approveFile(ctx: Ctx, id: string): Promise<Outcome<RecaudoFileApproval>> {
  const file = await lockFileForApproval(ctx.trx, id);
  if (!file) throw noFile();
  assertApprovable(file, ctx.actor.sub);
  await lockGatedAccounts(ctx.trx, id);
  const tally = { credited: 0, rejected: 0, notYours: 0 };
  for (const depositId of await gatedDepositIds(ctx.trx, id)) {
    const d = (await lockDeposit(ctx.trx, depositId))!;
    if (!canActFor(ctx.actor, d.eron)) {
      tally.notYours += 1;
      continue;
    }
    const note = 'Archivo aprobado por un segundo funcionario (FOL-06 b)';
    const { out } = await resolveHeld(ctx, d, { decision: 'credit', depositorId: d.depositor_id, note });
    tally[out.status] += 1;
  }
  await ctx.audit({ action: 'recaudo.file.approved', entity: 'recaudo_file', entityId: id, details: tally });
  return { status: 200, body: { id, approvedBy: ctx.actor.sub, ...tally } };
}
