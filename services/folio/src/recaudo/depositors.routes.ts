import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DepositorIdentity, DepositorList, DepositorListRequest, Nui, Problem, Uuid } from '@eron/shared';
import { DEPOSITOR_MANAGERS, DEPOSITOR_READERS } from '../roles';
import { runtime } from '../runtime';
import { getDepositor, listDepositors, setDepositors } from './depositors.use-cases';

const depositorsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const params = Type.Object({ nui: Nui });

  app.post(
    '/api/v1/folio/accounts/:nui/depositors',
    {
      config: { auth: { roles: DEPOSITOR_MANAGERS } },
      schema: {
        operationId: 'setDepositors',
        'x-rules': ['FOL-05'],
        summary: 'Register or change the persons authorised to deposit for a PPL (FOL-05)',
        description:
          'FOL-05 (Art. 40 §2): at most 5 natural persons per PPL; one person authorised by at most 5 PPL nationwide; the first registration is free, then one change per 12 months. The body is the whole new list. Identities are confidential (PLT-06).',
        params,
        body: DepositorListRequest,
        response: { 201: DepositorList, 200: DepositorList, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const input = { nui: req.params.nui, people: req.body.depositors };
      const out = await runtime(app).transact(req, (ctx) => setDepositors(ctx, input));
      return reply.code(out.changed ? 201 : 200).send(out.list);
    },
  );

  app.get(
    '/api/v1/folio/accounts/:nui/depositors',
    {
      config: { auth: { roles: DEPOSITOR_READERS } },
      schema: {
        operationId: 'listDepositors',
        'x-rules': ['FOL-05'],
        summary: 'The persons authorised to deposit for a PPL, masked (FOL-05)',
        description: 'FOL-05, PLT-06: documents masked; names only to the paymaster and the director, and that read is audited.',
        params,
        response: { 200: DepositorList, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => listDepositors(ctx, req.params.nui)),
  );

  app.get(
    '/api/v1/folio/accounts/:nui/depositors/:id',
    {
      config: { auth: { roles: DEPOSITOR_MANAGERS } },
      schema: {
        operationId: 'getDepositor',
        'x-rules': ['FOL-05'],
        summary: 'One authorised depositor’s full identity (FOL-05), audited',
        description:
          'FOL-05, PLT-06: the full document and names, only to the paymaster and the director; every read is written to the audit log.',
        params: Type.Object({ nui: Nui, id: Uuid }),
        response: { 200: DepositorIdentity, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => getDepositor(ctx, req.params)),
  );
};

export default depositorsRoutes;
