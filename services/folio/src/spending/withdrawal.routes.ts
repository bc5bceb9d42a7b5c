import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { bogotaToday, Problem, Withdrawal, WithdrawalRequest } from '@eron/shared';
import type { Db } from '../db';
import { capsInForce } from '../limits/limits.repository';
import { oneStatement } from './purchase.routes';
import { spend } from './spend.repository';
import { refusal, standing } from './spend.rules';
import { CONCEPT, COUNTER, incompleteRequest, withdrawalItems } from './withdrawal.rules';

/** Beneficiary data is confidential: kept on the use, only its relationship and bank type travel elsewhere. */
const withdrawalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/folio/withdrawals',
    {
      config: { auth: { roles: ['paymaster'] } },
      schema: {
        operationId: 'createWithdrawal',
        summary: 'A use of the Folio on written request: productive projects, permission, transfer, bail, appliances (FOL-08)',
        description:
          'FOL-08 (Art. 41.2, 41.4–7): each use needs its written request (signature, fingerprint where the article says so) ' +
          'and data; every missing item → 422 FOL-08 listing them all. FOL-07: within the caps and balance. Idempotency-Key (PLT-05).',
        body: WithdrawalRequest,
        response: { 201: Withdrawal, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const r = req.body;
      const date = bogotaToday();
      const caps = await capsInForce(app.db as Db, date);
      const items = withdrawalItems(r, caps.spend_day);
      if (items.length > 0) throw incompleteRequest(items);
      const { nui, use, amount, ...details } = r;
      return oneStatement(req, reply, app.db as Db, async (q) => {
        const o = await spend(q, {
          nui,
          erons: req.principal.national ? null : req.principal.erons,
          amount,
          dayAmount: amount,
          date,
          use,
          concept: CONCEPT[use],
          counter: COUNTER[use],
          createdBy: req.principal.sub,
          requestId: req.id,
          details,
        });
        if (o.outcome !== 'ok') throw refusal(o, nui, amount);
        const body = { transactionId: o.txId, voucherNumber: `${o.ppl_eron}-${o.receipt}`, nui, use, amount, date, after: standing(o) };
        return { status: 201, body };
      });
    },
  );
};

export default withdrawalRoutes;
