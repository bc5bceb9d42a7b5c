import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ChosenVisitDay, ChosenVisitDayRequest, Nui, Problem } from '@eron/shared';
import { CHOSEN_DAY_KEEPERS } from '../roles';
import { runtime } from '../runtime';
import { chooseVisitDay, readChosenDay, withdrawChosenDay } from './chosen-day.use-cases';

const params = Type.Object({ nui: Nui });

const chosenDayRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/api/v1/visits/ppl/:nui/chosen-visit-day',
    {
      config: { auth: { roles: CHOSEN_DAY_KEEPERS } },
      schema: {
        operationId: 'chooseVisitDay',
        'x-rules': ['VIS-04', 'PLT-06'],
        summary: 'A trans or intersex PPL chooses their visit day (VIS-04, Art. 68 §1)',
        description:
          'On that weekday the PPL’s visitors are booked whatever the day’s gender rule (it must still be a visit day of the regime, VIS-01). The basis is confidential: never listed, every read audited (PLT-06).',
        params,
        body: ChosenVisitDayRequest,
        response: { 200: ChosenVisitDay, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => chooseVisitDay(ctx, req.params.nui, req.body)),
  );

  app.get(
    '/api/v1/visits/ppl/:nui/chosen-visit-day',
    {
      config: { auth: { roles: CHOSEN_DAY_KEEPERS } },
      schema: {
        operationId: 'readChosenVisitDay',
        'x-rules': ['VIS-04', 'PLT-06'],
        summary: 'The visit day the PPL chose and its basis: confidential, every read audited (VIS-04, PLT-06)',
        params,
        response: { 200: ChosenVisitDay, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => readChosenDay(ctx, req.params.nui)),
  );

  app.delete(
    '/api/v1/visits/ppl/:nui/chosen-visit-day',
    {
      config: { auth: { roles: CHOSEN_DAY_KEEPERS } },
      schema: {
        operationId: 'withdrawChosenVisitDay',
        'x-rules': ['VIS-04'],
        summary: 'The PPL withdraws the chosen visit day: the day’s gender rule applies again (VIS-04)',
        params,
        response: { 204: Type.Null(), 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req, reply) => {
      await runtime(app).transact(req, (ctx) => withdrawChosenDay(ctx, req.params.nui));
      return reply.code(204).send(null);
    },
  );
};

export default chosenDayRoutes;
