import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Problem, Transfer, TransferDelayRequest, TransferOrderRequest, Uuid } from '@eron/shared';
import { ESCORTS, RECEIVERS, TRANSFER_ORDERERS, TRANSFER_READERS } from '../roles';
import { runtime } from '../runtime';
import { delayTransfer, dispatchTransfer, getTransfer, orderTransfer, receiveTransfer } from './transfers.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const IdParams = Type.Object({ id: Uuid });

/** Transfers between establishments: ordered, dispatched (or delayed) and received (CLS-20). */
const transferRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/classification/transfers',
    {
      config: { auth: { roles: TRANSFER_ORDERERS } },
      schema: {
        operationId: 'orderTransfer',
        'x-rules': ['CLS-20'],
        summary: 'Order a transfer to another establishment (CLS-20)',
        description:
          'Art. 171: the DG, or a regional director with the DG’s delegation (field `delegation`) between establishments of their region. Reasons are required. ' +
          'The judge supervising a sentence, or the authority at whose disposal a pre-trial or extradition PPL is, is notified (`notification.requested`). Idempotency-Key (PLT-05).',
        body: TransferOrderRequest,
        response: { 201: Transfer, ...Errors },
      },
    },
    async (req, reply) => runtime(app).idempotent(req, reply, (ctx) => orderTransfer(ctx, req.body)),
  );

  app.post(
    '/api/v1/classification/transfers/:id/dispatch',
    {
      config: { auth: { roles: ESCORTS } },
      schema: {
        operationId: 'dispatchTransfer',
        'x-rules': ['CLS-20'],
        summary: 'The origin hands the PPL over for the transfer: placement ends, in transit (CLS-20)',
        params: IdParams,
        response: { 200: Transfer, ...Errors },
      },
    },
    async (req, reply) => runtime(app).idempotent(req, reply, (ctx) => dispatchTransfer(ctx, req.params.id)),
  );

  app.post(
    '/api/v1/classification/transfers/:id/delay',
    {
      config: { auth: { roles: ESCORTS } },
      schema: {
        operationId: 'delayTransfer',
        'x-rules': ['CLS-20'],
        summary: 'Record a force-majeure delay of a transfer, reported to the DG (CLS-20, Art. 178 §1)',
        params: IdParams,
        body: TransferDelayRequest,
        response: { 200: Transfer, ...Errors },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => delayTransfer(ctx, { id: req.params.id, delay: req.body })),
  );

  app.post(
    '/api/v1/classification/transfers/:id/reception',
    {
      config: { auth: { roles: RECEIVERS } },
      schema: {
        operationId: 'receiveTransfer',
        'x-rules': ['CLS-20', 'CLS-12'],
        summary: 'The destination receives the PPL: the person now belongs to it; `ppl.transferred` (CLS-20)',
        description: 'The person arrives without a cell: the destination’s board places them (CLS-12). Idempotency-Key (PLT-05).',
        params: IdParams,
        response: { 200: Transfer, ...Errors },
      },
    },
    async (req, reply) => runtime(app).idempotent(req, reply, (ctx) => receiveTransfer(ctx, req.params.id)),
  );

  app.get(
    '/api/v1/classification/transfers/:id',
    {
      config: { auth: { roles: TRANSFER_READERS } },
      schema: {
        operationId: 'getTransfer',
        'x-rules': ['CLS-20'],
        summary: 'A transfer with its delays (CLS-20)',
        params: IdParams,
        response: { 200: Transfer, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => getTransfer(runtime(app).reader(req), req.params.id),
  );
};

export default transferRoutes;
