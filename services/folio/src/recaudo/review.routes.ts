import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DepositReviewParams, DepositReviewRequest, DepositReviewResult, HeldDeposits, HeldDepositsQuery, Problem } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { DEPOSIT_REVIEWERS } from '../roles';
import { runtime } from '../runtime';
import { depositScope, heldDeposits, reviewDeposit } from './review.use-cases';

/** FOL-06: the paymaster resolves a deposit held for review; a credit passes FOL-05 and FOL-04 first. */
const reviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/folio/recaudo/deposits',
    {
      config: { auth: { roles: DEPOSIT_REVIEWERS } },
      schema: {
        operationId: 'listHeldDeposits',
        'x-rules': ['FOL-06', 'FOL-05'],
        summary: 'Deposits of an establishment held for review (FOL-06)',
        description:
          'FOL-06: the deposits whose depositor could not be known (or that came with a return reason), not yet decided, oldest first, a page at a time (`limit`, default 200, at most 500; `after` = the previous page’s `next`). Depositor identities are confidential and never listed (FOL-05, PLT-06).',
        querystring: HeldDepositsQuery,
        response: { 200: HeldDeposits, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.query.eron);
      return heldDeposits(runtime(app).reader(req), req.query);
    },
  );

  app.post(
    '/api/v1/folio/recaudo/deposits/:id/review',
    {
      config: { auth: { roles: DEPOSIT_REVIEWERS } },
      schema: {
        operationId: 'reviewHeldDeposit',
        'x-rules': ['FOL-06', 'FOL-04', 'FOL-05'],
        summary: 'Credit or refund a deposit held for review (FOL-06, FOL-05, FOL-04)',
        description:
          'FOL-06: a deposit held for review is resolved once. `credit` names the depositor as the bank’s support shows; the rules then apply at that moment: the depositor must be authorised for the PPL (FOL-05) and the month of the payment must stay within the deposit cap (FOL-04) — otherwise the deposit is rejected and owed back with the reason, never credited blindly. `refund` owes it back. A deposit not held, or already decided → 409. Idempotency-Key accepted (PLT-05). Who decided, when and why are kept and audited; the depositor is shown masked.',
        params: DepositReviewParams,
        body: DepositReviewRequest,
        response: { 200: DepositReviewResult, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const rt = runtime(app);
      assertActsFor(req, await depositScope(rt.reader(req), req.params.id));
      return rt.idempotent(req, reply, async (ctx) => {
        const out = await reviewDeposit(ctx, { id: req.params.id, body: req.body });
        const { depositId, status, reason } = out.body;
        req.log.info({ depositId, decision: req.body.decision, status, reason }, 'Held deposit reviewed');
        return out;
      });
    },
  );
};

export default reviewRoutes;
