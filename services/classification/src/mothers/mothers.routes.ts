import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ChildDecisionRequest, ChildRequest, ChildRequestBody, ChildrenTurningThree, EronCode, Nui, Problem, Uuid } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { CHILD_ALERTED, CHILD_DECIDERS, CHILD_READERS, CHILD_REQUESTERS } from '../roles';
import { runtime } from '../runtime';
import { ALERT_DAYS } from './mothers.rules';
import { childrenTurningThree, decideChildPermanence, getChildRequest, requestChildPermanence } from './mothers.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };

/** CLS-17 (Art. 31): mothers with children under three — request, Director's decision, ICBF notice, alert. */
const motherRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/classification/ppl/:nui/child-requests',
    {
      config: { auth: { roles: CHILD_REQUESTERS } },
      schema: {
        operationId: 'requestChildPermanence',
        'x-rules': ['CLS-17'],
        summary: 'Record a mother’s request that her child under three stay with her (CLS-17)',
        description:
          'Art. 31: only a woman held in the establishment, for a child under three. The child’s identity is kept apart (PLT-06).',
        params: Type.Object({ nui: Nui }),
        body: ChildRequestBody,
        response: { 201: ChildRequest, ...Errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await runtime(app).transact(req, (ctx) => requestChildPermanence(ctx, { nui: req.params.nui, request: req.body }))),
  );

  app.post(
    '/api/v1/classification/child-requests/:id/decision',
    {
      config: { auth: { roles: CHILD_DECIDERS } },
      schema: {
        operationId: 'decideChildPermanence',
        'x-rules': ['CLS-17', 'CLS-12', 'CLS-16'],
        summary: 'The Director approves or denies a mother’s request for her child under three (CLS-17)',
        description:
          'Art. 31: approval needs filiation and the absence of risk accredited and the establishment’s doctor’s examination (422 naming CLS-17 with every gap); ' +
          'the mother goes to a mothers’ unit — `cellId` places her with every placement check (CLS-12 … CLS-16; the Director decides this unit, Art. 31), ' +
          'or she is already placed in one. A denial needs written reasons. ICBF is notified either way. ' +
          'Disability, orientation or gender identity are not taken: never a reason to separate them. Idempotency-Key (PLT-05).',
        params: Type.Object({ id: Uuid }),
        body: ChildDecisionRequest,
        response: { 200: ChildRequest, ...Errors },
      },
    },
    async (req, reply) =>
      runtime(app).idempotent(req, reply, (ctx) => decideChildPermanence(ctx, { id: req.params.id, decision: req.body })),
  );

  app.get(
    '/api/v1/classification/child-requests/:id',
    {
      config: { auth: { roles: CHILD_READERS } },
      schema: {
        operationId: 'getChildRequest',
        'x-rules': ['CLS-17', 'CLS-07'],
        summary: 'A mother’s request and its decision (CLS-17); the child’s identity only to the roles that need it',
        description: 'The child’s names and document go to social work, legal and the Director (CLS-07); that read is audited (PLT-06).',
        params: Type.Object({ id: Uuid }),
        response: { 200: ChildRequest, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => getChildRequest(ctx, req.params.id)),
  );

  app.get(
    '/api/v1/classification/establishments/:code/children-turning-three',
    {
      config: { auth: { roles: CHILD_ALERTED } },
      schema: {
        operationId: 'listChildrenTurningThree',
        'x-rules': ['CLS-17'],
        summary: `Alert: children with their mothers who turn three within ${ALERT_DAYS} days (CLS-17)`,
        description: 'Art. 31: to be acted on before the child turns three. Mother’s NUI and the date only, never the child’s names.',
        params: Type.Object({ code: EronCode }),
        response: { 200: ChildrenTurningThree, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.code);
      return childrenTurningThree(runtime(app).reader(req), req.params.code);
    },
  );
};

export default motherRoutes;
