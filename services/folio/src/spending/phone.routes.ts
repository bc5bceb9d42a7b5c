import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PhoneCredit, PhoneCreditRequest, Problem } from '@eron/shared';
import { IDEMPOTENCY_HEADER } from '@eron/shared/platform';
import { PHONE_SELLERS } from '../roles';
import { requestFlow, runtime } from '../runtime';
import { buyPhoneCredit } from './phone.use-cases';

/** Phone credit through the telephony provider (FOL-10); scoped to the PPL's establishment in the hold itself. */
const phoneRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/folio/phone-credits',
    {
      config: { auth: { roles: PHONE_SELLERS } },
      schema: {
        operationId: 'buyPhoneCredit',
        'x-rules': ['FOL-10', 'FOL-07'],
        summary: 'Phone credit bought through the telephony provider (FOL-10, FOL-07)',
        description:
          'FOL-10 (Arts. 41.3, 63): money held first (counts toward the FOL-07 caps), then the provider is called; ' +
          'the PPL is charged only for credit it confirms; error or timeout → released, 502. Idempotency-Key (PLT-05).',
        body: PhoneCreditRequest,
        response: { 201: PhoneCredit, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem, 502: Problem },
      },
    },
    async (req, reply) => {
      const key = req.headers[IDEMPOTENCY_HEADER];
      const input = { request: req.body, idempotencyKey: typeof key === 'string' ? key : undefined, telephony: runtime(app).config };
      return reply.code(201).send(await buyPhoneCredit(requestFlow(app, req), input));
    },
  );
};

export default phoneRoutes;
