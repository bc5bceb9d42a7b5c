import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EronCode, Problem, RollCall, RollCallDay, RollCallDayQuery, RollCallRequest, Uuid } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { COUNTERS, STAFF_READERS } from '../roles';
import { runtime } from '../runtime';
import { recordRollCall, rollCallDay } from './roll-call.use-cases';

/** Roll calls of units against the cell book (CLS-19). */
const rollCallRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/classification/units/:id/roll-calls',
    {
      config: { auth: { roles: COUNTERS } },
      schema: {
        operationId: 'recordRollCall',
        'x-rules': ['CLS-19'],
        summary: 'Record a roll call of a unit, checked against the cell book (CLS-19)',
        description:
          'CLS-19, Arts. 16 and 141.7: every name against the cell book; absent, wrong cell and unknown persons are recorded as discrepancies. A NUI listed twice → 422 CLS-19 naming each repetition.',
        params: Type.Object({ id: Uuid }),
        body: RollCallRequest,
        response: { 201: RollCall, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await runtime(app).transact(req, (ctx) => recordRollCall(ctx, { unitId: req.params.id, call: req.body }))),
  );

  app.get(
    '/api/v1/classification/establishments/:code/roll-calls',
    {
      config: { auth: { roles: STAFF_READERS } },
      schema: {
        operationId: 'rollCallDay',
        'x-rules': ['CLS-19'],
        summary: 'A day’s roll calls per unit, units below two, and every discrepancy (CLS-19)',
        description: 'The units’ counts whole; the discrepancies a page at a time (`limit`, at most 1 000): pass `next` as `after`.',
        params: Type.Object({ code: EronCode }),
        querystring: RollCallDayQuery,
        response: { 200: RollCallDay, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.code);
      return rollCallDay(runtime(app).reader(req), { eron: req.params.code, ...req.query });
    },
  );
};

export default rollCallRoutes;
