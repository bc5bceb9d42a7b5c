import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Problem, PurchaseRequest, Receipt } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { SELLERS } from '../roles';
import { oneStatement } from '../runtime';
import { buy } from './spend.use-cases';

const purchaseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/folio/purchases',
    {
      config: { auth: { roles: SELLERS } },
      schema: {
        operationId: 'createPurchase',
        'x-rules': ['FOL-09', 'FOL-02', 'FOL-07', 'FOL-08'],
        summary: 'A shop sale paid through the Folio, with its receipt (FOL-09, FOL-07, FOL-08 (1))',
        description:
          'FOL-09 (Arts. 124–130): priced from the shop’s list, paid only through the Folio, receipt numbered. ' +
          'FOL-07 (Arts. 41, 42): within the daily and monthly caps and the balance (FOL-02), atomically; ' +
          'raw materials count toward the monthly cap only. Idempotency-Key (PLT-05).',
        body: PurchaseRequest,
        response: { 201: Receipt, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.body.shop);
      return oneStatement(app, req, reply, (s) => buy(s, req.body));
    },
  );
};

export default purchaseRoutes;
