import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DepositNotice, DepositNoticeResult, Problem } from '@eron/shared';
import { DEPOSIT_NOTIFIERS } from '../roles';
import { runtime } from '../runtime';
import { notifyDeposit } from './deposit.use-cases';
import { agreementOf } from './recaudo.config';

/** FOL-06 (a): the bank's signed real-time notice of one deposit. */
const noticesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/folio/recaudo/deposits',
    {
      config: { auth: { machine: DEPOSIT_NOTIFIERS } },
      schema: {
        operationId: 'notifyDeposit',
        'x-rules': ['FOL-06', 'FOL-04', 'FOL-05'],
        summary: 'The bank notifies one deposit in real time (FOL-06 a)',
        description:
          'FOL-06 (a): HMAC-signed by the bank over the raw body and a timestamp (replays outside 5 minutes and bad signatures → 401). The operation number is the idempotency key: a deposit is credited once however often it is sent. FOL-04: over the monthly cap → rejected and owed back; FOL-05: depositor not authorised → rejected and owed back.',
        body: DepositNotice,
        response: {
          201: DepositNoticeResult,
          200: DepositNoticeResult,
          400: Problem,
          401: Problem,
          403: Problem,
          409: Problem,
          422: Problem,
        },
      },
    },
    async (req, reply) => {
      const rt = runtime(app);
      const { nationalEron } = agreementOf(rt.config);
      return rt.idempotent(req, reply, async (ctx) => {
        const out = await notifyDeposit(ctx, { notice: req.body, nationalEron });
        req.log.info({ depositId: out.body.depositId, result: out.body.result, reason: out.body.reason }, 'Deposit notice');
        return out;
      });
    },
  );
};

export default noticesRoutes;
