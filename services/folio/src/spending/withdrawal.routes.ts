import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Problem, Withdrawal, WithdrawalRequest } from '@eron/shared';
import { WITHDRAWERS } from '../roles';
import { oneStatement } from '../runtime';
import { withdraw } from './spend.use-cases';

/** Beneficiary data is confidential: kept on the use, only its relationship and bank type travel elsewhere. */
const withdrawalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/folio/withdrawals',
    {
      config: { auth: { roles: WITHDRAWERS } },
      schema: {
        operationId: 'createWithdrawal',
        'x-rules': ['FOL-08', 'FOL-07'],
        summary: 'A use of the Folio on written request: productive projects, permission, transfer, bail, appliances (FOL-08)',
        description:
          'FOL-08 (Art. 41.2, 41.4–7): each use needs its written request (signature, fingerprint where the article says so) ' +
          'and data; every missing item → 422 FOL-08 listing them all. FOL-07: within the caps and balance. Idempotency-Key (PLT-05).',
        body: WithdrawalRequest,
        response: { 201: Withdrawal, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    // Scoped by the PPL's establishment in the statement itself (FOL-07: one round trip).
    async (req, reply) => oneStatement(app, req, reply, (s) => withdraw(s, req.body)),
  );
};

export default withdrawalRoutes;
