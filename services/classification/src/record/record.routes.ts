import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Nui, PplRecord, Problem, RecordHistory, RecordPatch, ruleBroken, type RecordParts } from '@eron/shared';
import { assertActsFor, audit } from '@eron/shared/platform';
import type { Db, PplRow } from '../db';
import { PPL_READERS } from '../ppl/ppl.routes';
import confidentialRoutes from './confidential.routes';
import { runtime } from '../runtime';
import { notifyForeignPpl } from './foreign';
import { appendHistory, findPpl, findRecord, historyOf, lockPpl, saveRecord } from './record.repository';
import { applyPatch, changedParts, ethnicGaps, foreignNationality, noPpl } from './record.rules';
import type { RecordRow } from './record.tables';

/** The general part is read by the staff who read the register, and by health (reasonable adjustments). */
export const RECORD_READERS = [...PPL_READERS, 'health'] as const;
/** Art. 26 data is gathered at intake by the legal area and social work, under the Director. */
export const RECORD_WRITERS = ['director', 'deputy_director', 'legal', 'social_worker'] as const;

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem };
const NuiParams = Type.Object({ nui: Nui });

const toRecord = (ppl: PplRow, row: RecordRow | undefined): PplRecord => ({
  nui: ppl.nui,
  eron: ppl.eron,
  nationality: ppl.nationality,
  parts: row?.parts ?? {},
  version: row?.version ?? 0,
  updatedBy: row?.updated_by ?? null,
  updatedAt: row?.updated_at.toISOString() ?? null,
});

const recordRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db as Db;

  app.get(
    '/api/v1/classification/ppl/:nui/record',
    {
      config: { auth: { roles: RECORD_READERS } },
      schema: {
        operationId: 'getPplRecord',
        summary: 'The record (cartilla biográfica), general part (CLS-06)',
        description: 'CLS-06, Art. 26. Never carries confidential data (CLS-07): see `/record/confidential`.',
        params: NuiParams,
        response: { 200: PplRecord, ...Errors },
      },
    },
    async (req) => {
      const ppl = await findPpl(db, req.params.nui);
      if (!ppl) throw noPpl(req.params.nui);
      assertActsFor(req, ppl.eron);
      return toRecord(ppl, await findRecord(db, ppl.nui));
    },
  );

  app.patch(
    '/api/v1/classification/ppl/:nui/record',
    {
      config: { auth: { roles: RECORD_WRITERS } },
      schema: {
        operationId: 'updatePplRecord',
        summary: 'Change parts of the record (CLS-06, CLS-08, CLS-09)',
        description:
          'Each part sent replaces the one before; every change is kept in the history (who, when, what — CLS-06). A member of an ethnic community needs community, resguardo and consejo comunitario stated (CLS-09); a foreigner is reported to the consulate and migration once (CLS-08).',
        params: NuiParams,
        body: RecordPatch,
        response: { 200: PplRecord, ...Errors },
      },
    },
    async (req) => {
      return runtime(app).transact(req, async (ctx) => {
        const { trx } = ctx;
        const ppl = await lockPpl(trx, req.params.nui);
        if (!ppl) throw noPpl(req.params.nui);
        assertActsFor(req, ppl.eron);
        const current = await findRecord(trx, ppl.nui);
        const before: RecordParts = current?.parts ?? {};
        const next = applyPatch(before, req.body);
        const gaps = ethnicGaps(next);
        if (gaps.length > 0) {
          throw ruleBroken(
            'CLS-09',
            'Art. 26 §4',
            {
              es: 'Falta declarar la comunidad, el resguardo o el consejo comunitario',
              en: 'Community, resguardo or consejo comunitario not stated',
            },
            { errors: gaps },
          );
        }
        const { fields, was, now } = changedParts(before, next);
        if (fields.length === 0) return toRecord(ppl, current);
        const row = await saveRecord(trx, ppl.nui, next, req.principal.sub);
        const by = { by: req.principal.sub, roles: req.principal.roles, requestId: req.id };
        await appendHistory(trx, { nui: ppl.nui, part: 'general', fields, before: was, after: now, ...by });
        await audit(trx, req, { action: 'update-record', entity: 'ppl', entityId: ppl.nui, details: { fields } });
        const nationality = foreignNationality(next, ppl.nationality);
        if (nationality) await notifyForeignPpl(ctx, { nui: ppl.nui, eron: ppl.eron, nationality });
        return toRecord(ppl, row);
      });
    },
  );

  app.get(
    '/api/v1/classification/ppl/:nui/record/history',
    {
      config: { auth: { roles: RECORD_READERS } },
      schema: {
        operationId: 'getPplRecordHistory',
        summary: 'Every change to the record: who, when, what (CLS-06)',
        description: 'Changes to the confidential part name the sections only, never the values (CLS-07).',
        params: NuiParams,
        response: { 200: RecordHistory, ...Errors },
      },
    },
    async (req) => {
      const ppl = await findPpl(db, req.params.nui);
      if (!ppl) throw noPpl(req.params.nui);
      assertActsFor(req, ppl.eron);
      const rows = await historyOf(db, ppl.nui);
      return {
        nui: ppl.nui,
        changes: rows.map((h) => ({
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
    },
  );

  await app.register(confidentialRoutes);
};

export default recordRoutes;
