import {
  assertActorActsFor,
  pageLimit,
  type ConfidentialPatch,
  type ConfidentialRecord,
  type ConfidentialSection,
  type PplRecord,
  type RecordHistory,
  type RecordHistoryQuery,
  type RecordParts,
  type RecordPatch,
} from '@eron/shared';
import type { PplRow } from '../db';
import { keyOf, pageOf } from '../paging.rules';
import { findPpl, lockPpl } from '../ppl/ppl.repository';
import { noPpl } from '../ppl/ppl.rules';
import type { Ctx, Reader } from '../runtime';
import { notifyForeignPpl } from './foreign.use-cases';
import { appendHistory, findRecord, historyOf, readConfidential, saveConfidential, saveRecord } from './record.repository';
import {
  applyPatch,
  assertEthnicDetails,
  assertMayRecordConfidential,
  changedParts,
  foreignNationality,
  sectionsFor,
} from './record.rules';
import type { RecordRow } from './record.tables';

const toRecord = (ppl: PplRow, row: RecordRow | undefined): PplRecord => ({
  nui: ppl.nui,
  eron: ppl.eron,
  nationality: ppl.nationality,
  parts: row?.parts ?? {},
  version: row?.version ?? 0,
  updatedBy: row?.updated_by ?? null,
  updatedAt: row?.updated_at.toISOString() ?? null,
});

async function pplInScope(r: Reader | Ctx, nui: string): Promise<PplRow> {
  const ppl = await findPpl('trx' in r ? r.trx : r.db, nui);
  if (!ppl) throw noPpl(nui);
  assertActorActsFor(r.actor, ppl.eron);
  return ppl;
}

/** The general part of the record (CLS-06); never confidential data (CLS-07). */
export async function getRecord(r: Reader, nui: string): Promise<PplRecord> {
  const ppl = await pplInScope(r, nui);
  return toRecord(ppl, await findRecord(r.db, ppl.nui));
}

/**
 * CLS-06, CLS-08, CLS-09: each part sent replaces the one before, every change kept in the
 * history; an ethnic community member's details complete; a foreigner reported once.
 */
export async function updateRecord(ctx: Ctx, i: { nui: string; patch: RecordPatch }): Promise<PplRecord> {
  const { trx, actor } = ctx;
  const ppl = await lockPpl(trx, i.nui);
  if (!ppl) throw noPpl(i.nui);
  assertActorActsFor(actor, ppl.eron);
  const current = await findRecord(trx, ppl.nui);
  const before: RecordParts = current?.parts ?? {};
  const next = applyPatch(before, i.patch);
  assertEthnicDetails(next);
  const { fields, was, now } = changedParts(before, next);
  if (fields.length === 0) return toRecord(ppl, current);
  const row = await saveRecord(trx, ppl.nui, next, actor.sub);
  const by = { by: actor.sub, roles: actor.roles, requestId: ctx.requestId };
  await appendHistory(trx, { nui: ppl.nui, part: 'general', fields, before: was, after: now, ...by });
  await ctx.audit({ action: 'update-record', entity: 'ppl', entityId: ppl.nui, details: { fields } });
  const nationality = foreignNationality(next, ppl.nationality);
  if (nationality) await notifyForeignPpl(ctx, { nui: ppl.nui, eron: ppl.eron, nationality });
  return toRecord(ppl, row);
}

/** Every change to the record: who, when, what (CLS-06); confidential changes by section only (CLS-07). */
export async function recordHistory(r: Reader, nui: string, q: RecordHistoryQuery = {}): Promise<RecordHistory> {
  const ppl = await pplInScope(r, nui);
  const limit = pageLimit(q.limit, 100);
  const after = q.after ? keyOf(q.after, ['seq'], 'after')[0] : undefined;
  const page = pageOf(await historyOf(r.db, { nui: ppl.nui, after, rows: limit + 1 }), limit, (h) => [String(h.seq)]);
  return {
    nui: ppl.nui,
    next: page.next,
    changes: page.items.map((h) => ({
      seq: Number(h.seq),
      part: h.part,
      fields: h.fields,
      before: h.before,
      after: h.after,
      changedBy: h.changed_by,
      changedAt: h.changed_at.toISOString(),
      requestId: h.request_id,
    })),
  };
}

/** CLS-07: only the confidential sections the caller's roles may read; the read is audited (PLT-06). */
export async function readConfidentialRecord(ctx: Ctx, nui: string): Promise<ConfidentialRecord> {
  const ppl = await pplInScope(ctx, nui);
  const sections = sectionsFor(ctx.actor.roles);
  await ctx.audit({ action: 'read-confidential-record', entity: 'ppl', entityId: ppl.nui, details: { sections } });
  const row = await readConfidential(ctx.trx, ppl.nui, sections);
  const out: ConfidentialRecord = { nui: ppl.nui };
  for (const s of sections) if (row?.[s]) Object.assign(out, { [s]: row[s] });
  return out;
}

/** CLS-07: sections of the confidential part, each by the roles that may read it; the history names sections, never values. */
export async function updateConfidentialRecord(ctx: Ctx, i: { nui: string; patch: ConfidentialPatch }) {
  const { trx, actor } = ctx;
  assertMayRecordConfidential(i.patch, actor.roles);
  const sections = Object.keys(i.patch) as ConfidentialSection[];
  const ppl = await lockPpl(trx, i.nui);
  if (!ppl) throw noPpl(i.nui);
  assertActorActsFor(actor, ppl.eron);
  await saveConfidential(trx, ppl.nui, i.patch, actor.sub);
  await appendHistory(trx, {
    nui: ppl.nui,
    part: 'confidential',
    fields: sections,
    by: actor.sub,
    roles: actor.roles,
    requestId: ctx.requestId,
  });
  await ctx.audit({ action: 'update-confidential-record', entity: 'ppl', entityId: ppl.nui, details: { sections } });
  return { nui: ppl.nui, sections, updatedAt: new Date().toISOString() };
}
