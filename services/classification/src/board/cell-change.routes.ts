import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CellChange, CellChangeDecisionRequest, CellChangeRequestBody, Nui, Problem, Uuid } from '@eron/shared';
import { BOARD_MEMBERS, INDUCTORS, STAFF_READERS } from '../roles';
import { runtime } from '../runtime';
import { decideCellChange, listCellChanges, requestCellChange } from './cell-change.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };

/** CLS-18 (Art. 141.6): requests for another patio, unit or cell, answered by the board with reasons. */
const cellChangeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/classification/ppl/:nui/cell-change-requests',
    {
      config: { auth: { roles: INDUCTORS } },
      schema: {
        operationId: 'requestCellChange',
        'x-rules': ['CLS-18'],
        summary: 'Record a PPL’s request for another patio, unit or cell (CLS-18)',
        params: Type.Object({ nui: Nui }),
        body: CellChangeRequestBody,
        response: { 201: CellChange, ...Errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await runtime(app).transact(req, (ctx) => requestCellChange(ctx, { nui: req.params.nui, request: req.body }))),
  );

  app.get(
    '/api/v1/classification/ppl/:nui/cell-change-requests',
    {
      config: { auth: { roles: STAFF_READERS } },
      schema: {
        operationId: 'listCellChangeRequests',
        'x-rules': ['CLS-18'],
        summary: 'A PPL’s cell-change requests and the board’s answers (CLS-18)',
        params: Type.Object({ nui: Nui }),
        response: { 200: Type.Array(CellChange), 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => listCellChanges(runtime(app).reader(req), req.params.nui),
  );

  app.post(
    '/api/v1/classification/cell-change-requests/:id/decision',
    {
      config: { auth: { roles: BOARD_MEMBERS } },
      schema: {
        operationId: 'decideCellChange',
        'x-rules': ['CLS-18', 'CLS-12', 'CLS-16'],
        summary: 'The board approves (and places) or denies a cell-change request, with reasons (CLS-18)',
        description:
          'CLS-18, Art. 141.6: decided in a board session; an approval places the person with every placement check (CLS-12 … CLS-16). ' +
          'Idempotency-Key (PLT-05).',
        params: Type.Object({ id: Uuid }),
        body: CellChangeDecisionRequest,
        response: { 200: CellChange, ...Errors },
      },
    },
    async (req, reply) => runtime(app).idempotent(req, reply, (ctx) => decideCellChange(ctx, { id: req.params.id, decision: req.body })),
  );
};

export default cellChangeRoutes;
