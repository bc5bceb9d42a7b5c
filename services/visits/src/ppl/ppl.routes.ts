import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Nui, Problem, VisitsPpl } from '@eron/shared';
import { VISITS_STAFF } from '../roles';
import { runtime } from '../runtime';
import { getPpl } from './ppl.use-cases';

const pplRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/visits/ppl/:nui',
    {
      config: { auth: { roles: VISITS_STAFF } },
      schema: {
        operationId: 'getVisitsPpl',
        'x-rules': ['VIS-08', 'VIS-03'],
        summary: 'A PPL as visits knows them: establishment, unit and its session, legal status (VIS-03, VIS-08)',
        params: Type.Object({ nui: Nui }),
        response: { 200: VisitsPpl, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => getPpl(runtime(app).reader(req), req.params.nui),
  );
};

export default pplRoutes;
