import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  Problem,
  RecaudoFileAccepted,
  RecaudoFileApproval,
  RecaudoFileProgress,
  RecaudoFileReport,
  RecaudoUpload,
  RecaudoUploadReceived,
  Uuid,
} from '@eron/shared';
import { DEPOSIT_NOTIFIERS, FILE_APPROVERS, FILE_READERS, FILE_UPLOADERS } from '../roles';
import { requestFlow, runtime } from '../runtime';
import { notAFile } from './files.rules';
import { approveFile, fileOutcomes, fileProgress, keepLargeFile, uploadFile, uploadState } from './files.use-cases';
import { agreementOf } from './recaudo.config';

export const MAX_FILE_BYTES = 25 * 1024 * 1024;

/** FOL-06 (b): the daily Asobancaria 2001 collection file. */
const filesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Collection files arrive as they are: fixed-width text, read byte-wise (asobancaria-2001.md §1).
  app.addContentTypeParser(
    ['text/plain', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES },
    (_req, body, done) => done(null, body),
  );
  const params = Type.Object({ id: Uuid });

  const accepted = {
    202: Type.Union([RecaudoFileAccepted, RecaudoUploadReceived]),
    200: RecaudoFileAccepted,
    400: Problem,
    401: Problem,
    403: Problem,
    413: Problem,
    415: Problem,
    422: Problem,
  };
  const checks =
    'A file larger than RECAUDO_INLINE_CHECK_BYTES is kept as it came and answered 202 with the Location of its upload (GET …/recaudo/uploads/{id}): the file job checks it and shows it refused with every issue, or accepted with the file it became. A smaller one is checked whole first (asobancaria-2001.md ASO-01 … ASO-15): a file that is malformed or whose control counts/totals disagree is refused whole with 422 naming the check, line and field, and nothing is credited. Else 202 and processed in the background; the same file again credits nothing (ASO-20).';
  const receive = (source: 'bank' | 'staff') => async (req: FastifyRequest, reply: FastifyReply) => {
    // Only the raw file is read; a JSON (or any parsed) body is not a collection file (PLT-04).
    if (!Buffer.isBuffer(req.body)) throw notAFile();
    const rt = runtime(app);
    if (req.body.length > rt.config.RECAUDO_INLINE_CHECK_BYTES) {
      // Issue 8: a large file is kept as it came and checked by the file job, off the request.
      const kept = await keepLargeFile(requestFlow(app, req), { file: req.body, source });
      req.log.info({ uploadId: kept.id, bytes: kept.bytes, source }, 'Recaudo file kept for the job');
      reply.header('location', `/api/v1/folio/recaudo/uploads/${kept.id}`);
      return reply.code(202).send(kept);
    }
    const agreement = agreementOf(rt.config);
    const file = await uploadFile(requestFlow(app, req), { file: req.body, agreement, source });
    req.log.info({ fileId: file.id, status: file.status, duplicateUpload: file.duplicateUpload, source }, 'Recaudo file received');
    // Where to watch it (issue 8): the progress, then the report, of the file the job books.
    reply.header('location', `/api/v1/folio/recaudo/files/${file.id}`);
    return reply.code(file.duplicateUpload ? 200 : 202).send(file);
  };

  app.post(
    '/api/v1/folio/recaudo/files',
    {
      bodyLimit: MAX_FILE_BYTES,
      config: { auth: { roles: FILE_UPLOADERS } },
      schema: {
        operationId: 'uploadRecaudoFile',
        'x-rules': ['FOL-06', 'ASO-01', 'ASO-15', 'ASO-20'],
        summary: 'An officer uploads the bank’s Asobancaria 2001 collection file (FOL-06 b)',
        description: `FOL-06 (b): body is the file itself (text/plain or application/octet-stream). ${checks} An officer's upload credits nothing on its own: a line that would be credited waits (held, \`awaiting_confirmation\`) until the bank's notice of the same payment confirms it or a second officer approves the file; a line naming a PPL of an establishment the uploader does not act for is held for the national office (\`national_review\`).`,
        response: accepted,
      },
    },
    receive('staff'),
  );

  app.post(
    '/api/v1/folio/recaudo/bank-files',
    {
      bodyLimit: MAX_FILE_BYTES,
      config: { auth: { machine: DEPOSIT_NOTIFIERS } },
      schema: {
        operationId: 'deliverRecaudoFile',
        'x-rules': ['FOL-06', 'PLT-03', 'ASO-01', 'ASO-15', 'ASO-20'],
        summary: 'The bank’s machine client delivers the Asobancaria 2001 collection file (FOL-06 b)',
        description: `FOL-06 (b), PLT-03: HMAC-signed by the bank over the raw body and a timestamp, as the notices (replays and bad signatures → 401). ${checks} Lines are credited, owed back or held as the rules decide.`,
        response: accepted,
      },
    },
    receive('bank'),
  );

  app.post(
    '/api/v1/folio/recaudo/files/:id/approve',
    {
      config: { auth: { roles: FILE_APPROVERS } },
      schema: {
        operationId: 'approveRecaudoFile',
        'x-rules': ['FOL-06', 'PLT-05'],
        summary: 'A second officer approves a staff-uploaded collection file (FOL-06 b)',
        description:
          'FOL-06 (b): once processed, an officer other than the uploader approves the file: each line held for confirmation of an establishment the approver acts for (the national office: those held for it) is credited if FOL-05 and FOL-04 allow it now, else owed back with the reason. The uploader, a bank-delivered file or one not yet processed → 409. Idempotency-Key accepted (PLT-05).',
        params,
        response: { 200: RecaudoFileApproval, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => runtime(app).idempotent(req, reply, (ctx) => approveFile(ctx, req.params.id)),
  );

  app.get(
    '/api/v1/folio/recaudo/uploads/:id',
    {
      config: { auth: { roles: FILE_READERS } },
      schema: {
        operationId: 'getRecaudoUpload',
        'x-rules': ['FOL-06'],
        summary: 'A large collection file kept for the file job: received, refused or accepted (FOL-06 b)',
        description:
          'Issue 8, FOL-06 (b): a file larger than RECAUDO_INLINE_CHECK_BYTES is checked by the file job, not on the request. `refused`: every issue with its check, line and field, nothing credited; `accepted`: `fileId` is the file it became — its progress and report.',
        params,
        response: { 200: RecaudoUpload, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => uploadState(runtime(app).reader(req), req.params.id),
  );

  app.get(
    '/api/v1/folio/recaudo/files/:id',
    {
      config: { auth: { roles: FILE_READERS } },
      schema: {
        operationId: 'getRecaudoFile',
        'x-rules': ['FOL-06'],
        summary: 'Progress of a collection file’s processing (FOL-06 b)',
        description: 'FOL-06 (b): status and records processed out of the total.',
        params,
        response: { 200: RecaudoFileProgress, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => fileProgress(runtime(app).reader(req), req.params.id),
  );

  app.get(
    '/api/v1/folio/recaudo/files/:id/report',
    {
      config: { auth: { roles: FILE_READERS } },
      schema: {
        operationId: 'getRecaudoFileReport',
        'x-rules': ['FOL-06', 'FOL-04', 'FOL-05'],
        summary: 'Result of a collection file: credited, rejected, held, duplicates (FOL-06 b)',
        description:
          'FOL-06 (b), FOL-04, FOL-05: per outcome count and amount, reconciling to the file total (credited + rejected + held + duplicates); the records not credited with their reason, for the establishments the caller acts for.',
        params,
        response: { 200: RecaudoFileReport, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => fileOutcomes(runtime(app).reader(req), req.params.id, agreementOf(runtime(app).config).nationalEron),
  );
};

export default filesRoutes;
