import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EronCode, OwnFoodAnswer, OwnFoodRequest, Problem } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { COUNCIL_RECORDERS } from '../roles';
import { runtime } from '../runtime';
import { recordOwnFood } from './own-food.use-cases';

/** Own-food requests (DIS-18). */
const ownFoodRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/discipline/establishments/:eron/own-food-requests',
    {
      config: { auth: { roles: COUNCIL_RECORDERS } },
      schema: {
        operationId: 'recordOwnFoodRequest',
        'x-rules': ['DIS-18'],
        summary: 'Record the Council’s answer to a PPL’s request to provide their own food (DIS-18)',
        description:
          'Arts. 52 §1 and 136.5: the written renunciation attached, the security council’s opinion and, for health reasons, the ' +
          'doctor’s; the Council’s decision on it (matter own_food) approves or denies — else 422 DIS-18.',
        params: Type.Object({ eron: EronCode }),
        body: OwnFoodRequest,
        response: { 201: OwnFoodAnswer, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      return reply.code(201).send(await runtime(app).transact(req, (ctx) => recordOwnFood(ctx, { eron: req.params.eron, body: req.body })));
    },
  );
};

export default ownFoodRoutes;
