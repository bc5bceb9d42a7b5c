import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Problem, ReversalRequest, Uuid } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { REVERSERS } from '../roles';
import { runtime } from '../runtime';
import { reverseUse, useScope } from './spend.use-cases';

const Reversed = Type.Object({ transactionId: Uuid, reversalId: Uuid });

const reversalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/folio/uses/:transactionId/reversal',
    {
      config: { auth: { roles: REVERSERS } },
      schema: {
        operationId: 'reverseUse',
        'x-rules': ['FOL-02', 'FOL-07', 'FOL-10'],
        summary: 'Corrects a use of the Folio by a reversing transaction (FOL-02, FOL-07)',
        description:
          'FOL-02: nothing is edited; the mirror transaction names the one it reverses, at most once. FOL-07: the day’s and ' +
          'month’s spending give back what the use took. Phone credit is settled with the provider (FOL-10), not here.',
        params: Type.Object({ transactionId: Uuid }),
        body: ReversalRequest,
        response: { 201: Reversed, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const rt = runtime(app);
      const txId = req.params.transactionId;
      assertActsFor(req, await useScope(rt.reader(req), txId));
      return rt.idempotent(req, reply, (ctx) => reverseUse(ctx, { txId, reason: req.body.reason }));
    },
  );
};

export default reversalRoutes;
