import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  Nui,
  Payout,
  PayoutPaymentRequest,
  Problem,
  Settlement,
  SettlementPayment,
  SettlementPaymentRequest,
  SmallRemainderRequest,
  Uuid,
} from '@eron/shared';
import { ACCOUNT_READERS, PAYOUT_PAYERS, SETTLEMENT_PAYERS, SMALL_REMAINDER_APPROVERS } from '../roles';
import { runtime } from '../runtime';
import { exitSettlements, payPayout, paySettlement, settleSmallRemainder } from './exits.use-cases';

const IdParams = Type.Object({ id: Uuid });
const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };

const exitsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/folio/accounts/:nui/exit-settlements',
    {
      config: { auth: { roles: ACCOUNT_READERS } },
      schema: {
        operationId: 'getExitSettlements',
        'x-rules': ['FOL-14', 'FOL-15'],
        summary: 'What the exit left owed: payouts and held settlements (FOL-14, FOL-15)',
        description: 'FOL-14 payouts on release or house arrest; FOL-15 balances held on death, escape or extradition.',
        params: Type.Object({ nui: Nui }),
        response: {
          200: Type.Object({ payouts: Type.Array(Payout), settlements: Type.Array(Settlement) }),
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
        },
      },
    },
    async (req) => exitSettlements(runtime(app).reader(req), req.params.nui),
  );

  app.post(
    '/api/v1/folio/payouts/:id/payment',
    {
      config: { auth: { roles: PAYOUT_PAYERS } },
      schema: {
        operationId: 'payPayout',
        'x-rules': ['FOL-14'],
        summary: 'The paymaster hands the exit balance to the person (FOL-14)',
        description:
          'FOL-14, Art. 41 §: what remains, at once — the whole balance, or what reached the payout after it was paid (a phone ' +
          'credit released after the exit). A remainder under $1 000 needs the Director instead. Idempotency-Key (PLT-05).',
        params: IdParams,
        body: PayoutPaymentRequest,
        response: { 200: Payout, ...Errors },
      },
    },
    async (req, reply) => runtime(app).idempotent(req, reply, (ctx) => payPayout(ctx, { id: req.params.id, ...req.body })),
  );

  app.post(
    '/api/v1/folio/payouts/:id/small-remainder',
    {
      config: { auth: { roles: SMALL_REMAINDER_APPROVERS } },
      schema: {
        operationId: 'settleSmallRemainder',
        'x-rules': ['FOL-14'],
        summary: 'The Director approves how a remainder under $1 000 is delivered (FOL-14)',
        description:
          'FOL-14, Art. 41 §: under $1 000 the balance is handed in cash by the paymaster or moved to the Folio of another PPL the ' +
          'person names (open, same establishment), with the Director’s approval. Idempotency-Key (PLT-05).',
        params: IdParams,
        body: SmallRemainderRequest,
        response: { 200: Payout, ...Errors },
      },
    },
    async (req, reply) => runtime(app).idempotent(req, reply, (ctx) => settleSmallRemainder(ctx, { id: req.params.id, ...req.body })),
  );

  app.post(
    '/api/v1/folio/settlements/:id/payments',
    {
      config: { auth: { roles: SETTLEMENT_PAYERS } },
      schema: {
        operationId: 'paySettlement',
        'x-rules': ['FOL-15'],
        summary: 'Pay a held settlement to a person the PPL authorised (FOL-15)',
        description:
          'FOL-15, Arts. 41 § and 123: on death, escape or extradition the balance is held and paid to whom the PPL authorised; ' +
          'several payments up to the amount held. The beneficiary’s identity is confidential. Idempotency-Key (PLT-05).',
        params: IdParams,
        body: SettlementPaymentRequest,
        response: { 201: SettlementPayment, ...Errors },
      },
    },
    async (req, reply) => runtime(app).idempotent(req, reply, (ctx) => paySettlement(ctx, { id: req.params.id, ...req.body })),
  );
};

export default exitsRoutes;
