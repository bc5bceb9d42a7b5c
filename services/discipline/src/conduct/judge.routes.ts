import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { JudgeReportList, Nui, Problem } from '@eron/shared';
import { DISCIPLINE_STAFF } from '../roles';
import { runtime } from '../runtime';
import { judgeReports } from './judge.use-cases';

/** DIS-14, DIS-15: the reports to the supervising judge, in the PPL's record. */
const judgeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/discipline/ppl/:nui/judge-reports',
    {
      config: { auth: { roles: DISCIPLINE_STAFF } },
      schema: {
        operationId: 'listJudgeReports',
        'x-rules': ['DIS-15', 'DIS-14'],
        summary:
          'What was reported to the supervising judge — firm sanctions, incentives, repeat offence — and its delivery (DIS-15, DIS-14)',
        params: Type.Object({ nui: Nui }),
        response: { 200: JudgeReportList, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => ({ items: await judgeReports(runtime(app).reader(req), req.params.nui) }),
  );
};

export default judgeRoutes;
