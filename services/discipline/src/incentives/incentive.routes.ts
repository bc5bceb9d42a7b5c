import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EronCode, Incentive, IncentiveRequest, Problem, TreatmentOpinion, TreatmentOpinionRequest } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { INCENTIVE_GRANTERS, TREATMENT_OPINERS } from '../roles';
import { runtime } from '../runtime';
import { giveTreatmentOpinion, grantIncentive } from './incentive.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem };
const Eron = Type.Object({ eron: EronCode });
const base = '/api/v1/discipline/establishments/:eron/incentives';

/** Incentives (DIS-16): the treatment officer's opinion, then the Director's grant citing the Council's. */
const incentiveRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    `${base}/treatment-opinions`,
    {
      config: { auth: { roles: TREATMENT_OPINERS } },
      schema: {
        operationId: 'giveTreatmentOpinion',
        'x-rules': ['DIS-16'],
        summary: 'The treatment officer’s opinion on an incentive for a PPL held here (DIS-16)',
        params: Eron,
        body: TreatmentOpinionRequest,
        response: { 201: TreatmentOpinion, ...Errors },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      return reply
        .code(201)
        .send(await runtime(app).transact(req, (ctx) => giveTreatmentOpinion(ctx, { eron: req.params.eron, body: req.body })));
    },
  );

  app.post(
    base,
    {
      config: { auth: { roles: INCENTIVE_GRANTERS } },
      schema: {
        operationId: 'grantIncentive',
        'x-rules': ['DIS-16', 'DIS-15'],
        summary: 'The Director grants an incentive after the Council’s and the treatment officer’s favourable opinions (DIS-16)',
        description:
          'Arts. 136.3 and 149: the Council’s decision (matter incentive, this PPL, approved) and a favourable treatment opinion, ' +
          'else 422 DIS-16. The supervising judge is told through the notifier (DIS-15).',
        params: Eron,
        body: IncentiveRequest,
        response: { 201: Incentive, ...Errors },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      return reply
        .code(201)
        .send(await runtime(app).transact(req, (ctx) => grantIncentive(ctx, { eron: req.params.eron, body: req.body })));
    },
  );
};

export default incentiveRoutes;
