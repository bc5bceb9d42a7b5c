import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Account, Nui, Problem } from '@eron/shared';
import { ACCOUNT_READERS } from '../roles';
import { runtime } from '../runtime';
import { getAccount } from './account.use-cases';

const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/folio/accounts/:nui',
    {
      config: { auth: { roles: ACCOUNT_READERS } },
      schema: {
        operationId: 'getAccount',
        'x-rules': ['FOL-01', 'CLS-10'],
        summary: 'A PPL’s Folio: balances, and intake cash pending until the paymaster receives it (FOL-01, CLS-10)',
        params: Type.Object({ nui: Nui }),
        response: { 200: Account, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => getAccount(runtime(app).reader(req), req.params.nui, runtime(app).config.INTAKE_CASH_REVIEW_CEILING),
  );
};

export default accountRoutes;
