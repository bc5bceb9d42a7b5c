import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EronCode, IntakeCashLine, IntakeCashPage, IntakeCashQuery, IntakeCashReceiptRequest, Nui, Problem } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { INTAKE_CASH_RECEIVERS, STAFF_READERS } from '../roles';
import { runtime } from '../runtime';
import { intakeCashList, receiveIntakeCash } from './intake-cash.use-cases';

/** The paymaster's receipt of the intake cash and the establishment's list with overdue flags (CLS-10, Art. 28). */
const intakeCashRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/classification/ppl/:nui/intake-cash/receipt',
    {
      config: { auth: { roles: INTAKE_CASH_RECEIVERS } },
      schema: {
        operationId: 'receiveIntakeCash',
        'x-rules': ['CLS-10'],
        summary: 'The paymaster receives the cash found at intake, with the act signed by the three (CLS-10)',
        description:
          'CLS-10, Art. 28: the act is signed by the guard commander, the custody officer who received the person and the paymaster; a ' +
          'copy goes to the PPL. Received later than the day after the search, it is flagged overdue.',
        params: Type.Object({ nui: Nui }),
        body: IntakeCashReceiptRequest,
        response: { 201: IntakeCashLine, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await runtime(app).transact(req, (ctx) => receiveIntakeCash(ctx, { nui: req.params.nui, receipt: req.body }))),
  );

  app.get(
    '/api/v1/classification/establishments/:code/intake-cash',
    {
      config: { auth: { roles: STAFF_READERS } },
      schema: {
        operationId: 'listIntakeCash',
        'x-rules': ['CLS-10'],
        summary: 'Cash found at intake in a period of searches: when it reached the paymaster, and which is overdue (CLS-10)',
        description:
          'A period of at most 31 days (400 beyond), by search date then NUI, a page at a time (`limit`, at most 500): pass `next` as `after`.',
        params: Type.Object({ code: EronCode }),
        querystring: IntakeCashQuery,
        response: { 200: IntakeCashPage, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.code);
      return intakeCashList(runtime(app).reader(req), { eron: req.params.code, ...req.query });
    },
  );
};

export default intakeCashRoutes;
