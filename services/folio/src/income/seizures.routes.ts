import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Problem, Seizure, SeizureRequest } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { SEIZURE_RECORDERS } from '../roles';
import { runtime } from '../runtime';
import { recordSeizure } from './income.use-cases';

const seizuresRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/folio/seizures',
    {
      config: { auth: { roles: SEIZURE_RECORDERS } },
      schema: {
        operationId: 'recordSeizure',
        'x-rules': ['FOL-12'],
        summary: 'Record cash seized in a search (FOL-12)',
        description:
          'FOL-12, Art. 44: cash found on a known PPL is recorded against them (seized account) and returned in full at release; ' +
          'cash whose owner cannot be established goes to the establishment’s unknown-owner account. Accepts Idempotency-Key (PLT-05).',
        body: SeizureRequest,
        response: { 201: Seizure, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.body.eron);
      return runtime(app).idempotent(req, reply, (ctx) => recordSeizure(ctx, req.body));
    },
  );
};

export default seizuresRoutes;
