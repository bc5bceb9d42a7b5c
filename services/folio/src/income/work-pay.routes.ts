import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Nui, Problem, SavingsAuthorisation, SavingsAuthorisationRequest, WorkPayment, WorkPaymentRequest } from '@eron/shared';
import { SAVINGS_RECORDERS, WORK_PAYERS } from '../roles';
import { runtime } from '../runtime';
import { payWork, setSavingsAuthorisation } from './income.use-cases';

const workPayRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/api/v1/folio/accounts/:nui/savings-authorisation',
    {
      config: { auth: { roles: SAVINGS_RECORDERS } },
      schema: {
        operationId: 'setSavingsAuthorisation',
        'x-rules': ['FOL-11'],
        summary: 'Record the PPL’s written authorisation to save 10 % of work pay (FOL-11)',
        description: 'FOL-11, Art. 43: the savings deduction applies only where the PPL authorised it. The latest document is in force.',
        params: Type.Object({ nui: Nui }),
        body: SavingsAuthorisationRequest,
        response: { 200: SavingsAuthorisation, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => setSavingsAuthorisation(ctx, { nui: req.params.nui, ...req.body })),
  );

  app.post(
    '/api/v1/folio/work-payments',
    {
      config: { auth: { roles: WORK_PAYERS } },
      schema: {
        operationId: 'payWork',
        'x-rules': ['FOL-11'],
        summary: 'Book a PPL’s monthly work bonificación, split by law (FOL-11)',
        description:
          'FOL-11, Arts. 43 and 120: 10 % to the Caja Especial, 10 % to savings where authorised, the rest available; ' +
          'whole pesos, parts add exactly to the amount. One per PPL and month. Accepts Idempotency-Key (PLT-05).',
        body: WorkPaymentRequest,
        response: { 201: WorkPayment, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => runtime(app).idempotent(req, reply, (ctx) => payWork(ctx, req.body)),
  );
};

export default workPayRoutes;
