import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  bogotaToday,
  notFound,
  Problem,
  ProblemError,
  RecaudoFileAccepted,
  RecaudoFileProgress,
  RecaudoFileReport,
  ruleBroken,
  Uuid,
} from '@eron/shared';
import { audit } from '@eron/shared/platform';
import type { Db } from '../db';
import { parseAsobancaria } from './asobancaria.parser';
import { registerFile } from './files.repository';
import { fileReport } from './report.repository';
import type { Agreement } from './recaudo.config';

export const MAX_FILE_BYTES = 25 * 1024 * 1024;
const notAFile = () =>
  new ProblemError({
    status: 415,
    code: 'unsupported-media-type',
    title: 'Unsupported Media Type',
    detail: {
      es: 'Envíe el archivo Asobancaria tal cual, como text/plain o application/octet-stream',
      en: 'Send the Asobancaria file as it is, as text/plain or application/octet-stream',
    },
    rule: 'FOL-06',
  });
const UPLOADERS = ['paymaster', 'info_systems'] as const;
const READERS = ['paymaster', 'info_systems', 'director', 'deputy_director', 'auditor', 'dg'] as const;

/** FOL-06 (b): the daily Asobancaria 2001 collection file. */
const filesRoutes: FastifyPluginAsyncTypebox<{ agreement: () => Agreement; kick: () => void }> = async (app, { agreement, kick }) => {
  const db = app.db as Db;
  const params = Type.Object({ id: Uuid });

  app.post(
    '/api/v1/folio/recaudo/files',
    {
      bodyLimit: MAX_FILE_BYTES,
      config: { auth: { roles: UPLOADERS } },
      schema: {
        operationId: 'uploadRecaudoFile',
        summary: 'Upload the bank’s Asobancaria 2001 collection file (FOL-06 b)',
        description:
          'FOL-06 (b): body is the file itself (text/plain or application/octet-stream). Checked whole first (asobancaria-2001.md ASO-01 … ASO-15): a file that is malformed or whose control counts/totals disagree is refused whole with 422 naming the check, line and field, and nothing is credited. Else 202 and processed in the background; the same file again credits nothing (ASO-20).',
        response: {
          202: RecaudoFileAccepted,
          200: RecaudoFileAccepted,
          400: Problem,
          401: Problem,
          403: Problem,
          413: Problem,
          415: Problem,
          422: Problem,
        },
      },
    },
    async (req, reply) => {
      // Only the raw file is read; a JSON (or any parsed) body is not a collection file (PLT-04).
      if (!Buffer.isBuffer(req.body)) throw notAFile();
      const parsed = parseAsobancaria(req.body, agreement(), bogotaToday());
      const first = parsed.errors[0];
      if (first) {
        throw ruleBroken(
          'FOL-06',
          'Art. 40',
          {
            es: `Archivo rechazado completo, no se abonó nada: ${first.check} en la línea ${first.line}, campo ${first.field}: ${first.message}`,
            en: `File refused whole, nothing credited: ${first.check} on line ${first.line}, field ${first.field}: ${first.message}`,
          },
          {
            code: 'fol-06-file-refused',
            errors: parsed.errors.map((e) => ({
              field: `/line/${e.line}/${e.field}`,
              message: { es: `${e.check}: ${e.message}`, en: `${e.check}: ${e.message}` },
            })),
          },
        );
      }
      const file = await db.transaction().execute(async (trx) => {
        const f = await registerFile(trx, parsed, req.principal.sub);
        if (!f.duplicateUpload) {
          await audit(trx, req, {
            action: 'upload-recaudo-file',
            entity: 'recaudo_file',
            entityId: f.id,
            details: { records: parsed.details.length, status: f.status },
          });
        }
        return f;
      });
      kick();
      req.log.info({ fileId: file.id, status: file.status, duplicateUpload: file.duplicateUpload }, 'Recaudo file received');
      const body = { ...file, totalRecords: parsed.details.length, warnings: parsed.warnings };
      return reply.code(file.duplicateUpload ? 200 : 202).send(body);
    },
  );

  app.get(
    '/api/v1/folio/recaudo/files/:id',
    {
      config: { auth: { roles: READERS } },
      schema: {
        operationId: 'getRecaudoFile',
        summary: 'Progress of a collection file’s processing (FOL-06 b)',
        description: 'FOL-06 (b): status and records processed out of the total.',
        params,
        response: { 200: RecaudoFileProgress, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      // Never the content: it is the whole file, megabytes to de-TOAST on every poll.
      const f = await db
        .selectFrom('recaudo_files')
        .select(['id', 'status', 'collection_date', 'modifier', 'processed', 'total_records', 'uploaded_at', 'finished_at'])
        .where('id', '=', req.params.id)
        .executeTakeFirst();
      if (!f) throw notFound({ es: 'No existe ese archivo de recaudo', en: 'No such collection file' });
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
    },
  );

  app.get(
    '/api/v1/folio/recaudo/files/:id/report',
    {
      config: { auth: { roles: READERS } },
      schema: {
        operationId: 'getRecaudoFileReport',
        summary: 'Result of a collection file: credited, rejected, held, duplicates (FOL-06 b)',
        description:
          'FOL-06 (b), FOL-04, FOL-05: per outcome count and amount, reconciling to the file total (credited + rejected + held + duplicates); the records not credited with their reason, for the establishments the caller acts for.',
        params,
        response: { 200: RecaudoFileReport, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      const report = await fileReport(db, req.params.id, req.principal);
      if (!report) throw notFound({ es: 'No existe ese archivo de recaudo', en: 'No such collection file' });
      return report;
    },
  );
};

export default filesRoutes;
