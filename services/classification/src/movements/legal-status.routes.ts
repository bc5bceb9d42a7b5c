import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ConvictionRequest, LegalStatusRecord, Nui, Problem } from '@eron/shared';
import { LEGAL_STATUS_READERS, LEGAL_STATUS_RECORDERS } from '../roles';
import { runtime } from '../runtime';
import { getLegalStatus, recordFirmConviction } from './legal-status.use-cases';

const Params = Type.Object({ nui: Nui });

/** A PPL's legal situation after intake: a conviction becoming firm (CLS-06, Art. 26; CLS-04). */
const legalStatusRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/classification/ppl/:nui/legal-status',
    {
      config: { auth: { roles: LEGAL_STATUS_RECORDERS } },
      schema: {
        operationId: 'recordFirmConviction',
        'x-rules': ['CLS-06', 'CLS-04'],
        summary: 'Record that a PPL’s conviction became firm, with the judicial decision (CLS-06, Art. 26)',
        description:
          'The legal situation becomes `condenado`; the change and the decision (court, number, date it became firm) are kept as history and ' +
          '`ppl.status-changed` is published with `legalStatus: condenado` (discipline computes pre-trial hours from then, DIS-24). ' +
          'A person already sentenced, or a firm date after today (Bogotá), is refused with 422 CLS-06 listing every failing item.',
        params: Params,
        body: ConvictionRequest,
        response: { 200: LegalStatusRecord, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => recordFirmConviction(ctx, { nui: req.params.nui, conviction: req.body })),
  );

  app.get(
    '/api/v1/classification/ppl/:nui/legal-status',
    {
      config: { auth: { roles: LEGAL_STATUS_READERS } },
      schema: {
        operationId: 'getLegalStatus',
        'x-rules': ['CLS-06'],
        summary: 'A PPL’s legal situation and its changes since intake, with the judicial decisions (CLS-06)',
        params: Params,
        response: { 200: LegalStatusRecord, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => getLegalStatus(runtime(app).reader(req), req.params.nui),
  );
};

export default legalStatusRoutes;
