import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Nui, Problem, TreatmentRecord, TreatmentRequest } from '@eron/shared';
import { CET, TREATMENT_READERS } from '../roles';
import { runtime } from '../runtime';
import { getTreatment, setTreatment } from './treatment.use-cases';

const Params = Type.Object({ nui: Nui });

/** The CET's security level and treatment phase of sentenced PPL (CLS-22). */
const treatmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/classification/ppl/:nui/treatment',
    {
      config: { auth: { roles: CET } },
      schema: {
        operationId: 'setTreatment',
        'x-rules': ['CLS-22'],
        summary: 'The CET sets a sentenced PPL’s security level and treatment phase (CLS-22, Art. 139)',
        description: 'Sentenced PPL only (422 CLS-22 otherwise). Kept as history; publishes `ppl.status-changed`.',
        params: Params,
        body: TreatmentRequest,
        response: { 200: TreatmentRecord, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => setTreatment(ctx, { nui: req.params.nui, change: req.body })),
  );

  app.get(
    '/api/v1/classification/ppl/:nui/treatment',
    {
      config: { auth: { roles: TREATMENT_READERS } },
      schema: {
        operationId: 'getTreatment',
        'x-rules': ['CLS-22'],
        summary: 'A PPL’s security level and treatment phase, with history (CLS-22)',
        params: Params,
        response: { 200: TreatmentRecord, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => getTreatment(runtime(app).reader(req), req.params.nui),
  );
};

export default treatmentRoutes;
