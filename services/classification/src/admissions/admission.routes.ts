import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Admission, AdmissionRequest, Problem } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { ADMITTING_ROLES } from '../roles';
import { runtime } from '../runtime';
import { admit } from './admission.use-cases';

const admissionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/classification/admissions',
    {
      config: { auth: { roles: ADMITTING_ROLES } },
      schema: {
        operationId: 'admit',
        'x-rules': ['CLS-03', 'CLS-05', 'CLS-10'],
        summary: 'Admit a person on a written judicial order (ingreso)',
        description:
          'Checks the order of detention item by item (CLS-03, Arts. 25 and 27), assigns a new NUI and an intake-book number (CLS-05) and publishes `ppl.admitted`, with any cash carried (CLS-10). Accepts `Idempotency-Key` (PLT-05).',
        body: AdmissionRequest,
        response: { 201: Admission, 400: Problem, 401: Problem, 403: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.body.eron);
      return runtime(app).idempotent(req, reply, (ctx) => admit(ctx, req.body));
    },
  );
};

export default admissionRoutes;
