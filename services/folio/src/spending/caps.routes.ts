import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CapsStanding, LocalDate, Nui, Problem } from '@eron/shared';
import { ACCOUNT_READERS } from '../roles';
import { runtime } from '../runtime';
import { accountCaps } from './spend.use-cases';

const capsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/folio/accounts/:nui/caps',
    {
      config: { auth: { roles: ACCOUNT_READERS } },
      schema: {
        operationId: 'getAccountCaps',
        'x-rules': ['FOL-07'],
        summary: 'What remains of a PPL’s daily and monthly spending caps (FOL-07)',
        description: 'FOL-07 (Art. 41): 2 SMLDV a day and 2 SMMLV a month, or the DG’s figures; Bogotá calendar.',
        params: Type.Object({ nui: Nui }),
        querystring: Type.Object({ date: Type.Optional(LocalDate) }, { additionalProperties: false }),
        response: { 200: CapsStanding, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => accountCaps(runtime(app).reader(req), { nui: req.params.nui, date: req.query.date }),
  );
};

export default capsRoutes;
