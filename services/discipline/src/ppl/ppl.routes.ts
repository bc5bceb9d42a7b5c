import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DisciplinePpl, Nui, Problem } from '@eron/shared';
import { DISCIPLINE_STAFF } from '../roles';
import { runtime } from '../runtime';
import { getPpl } from './ppl.use-cases';

const pplRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/discipline/ppl/:nui',
    {
      config: { auth: { roles: DISCIPLINE_STAFF } },
      schema: {
        operationId: 'getDisciplinePpl',
        'x-rules': ['DIS-04', 'DIS-24'],
        summary: 'A PPL as discipline knows them: establishment, legal status and when the conviction became firm (DIS-24)',
        params: Type.Object({ nui: Nui }),
        response: { 200: DisciplinePpl, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => getPpl(runtime(app).reader(req), req.params.nui),
  );
};

export default pplRoutes;
