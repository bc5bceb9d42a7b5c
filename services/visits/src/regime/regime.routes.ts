import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Area, AreaList, AreaRequest, EronCode, Problem, Regime, RegimeDecision, RegimeRequest, UnitCalendar, Uuid } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { REGIME_APPROVERS, REGIME_SETTERS, VISITS_STAFF } from '../roles';
import { runtime } from '../runtime';
import { addArea, decideRegime, listAreas, proposeRegime, regimeInForce, unitCalendar } from './regime.use-cases';

const Eron = Type.Object({ eron: EronCode });
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'Mes YYYY-MM' });

const regimeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/visits/establishments/:eron/regime',
    {
      config: { auth: { roles: VISITS_STAFF } },
      schema: {
        operationId: 'getRegime',
        'x-rules': ['VIS-01', 'VIS-02'],
        summary: 'The visiting regime in force: the DG-approved one, else Art. 68.1’s default (VIS-01, VIS-02)',
        params: Eron,
        response: { 200: Regime, 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return regimeInForce(runtime(app).reader(req), req.params.eron);
    },
  );

  app.post(
    '/api/v1/visits/establishments/:eron/regime/proposals',
    {
      config: { auth: { roles: REGIME_SETTERS } },
      schema: {
        operationId: 'proposeRegime',
        'x-rules': ['VIS-01'],
        summary: 'Propose a change of the visiting regime; it takes effect once the DG approves it (VIS-01, Art. 8)',
        params: Eron,
        body: RegimeRequest,
        response: { 201: Regime, 400: Problem, 401: Problem, 403: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      const regime = await runtime(app).transact(req, (ctx) => proposeRegime(ctx, req.params.eron, req.body));
      return reply.code(201).send(regime);
    },
  );

  app.post(
    '/api/v1/visits/regimes/:id/decision',
    {
      config: { auth: { roles: REGIME_APPROVERS } },
      schema: {
        operationId: 'decideRegime',
        'x-rules': ['VIS-01'],
        summary: 'The DG approves or rejects a proposed regime (VIS-01, Art. 8)',
        params: Type.Object({ id: Uuid }),
        body: RegimeDecision,
        response: { 200: Regime, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => decideRegime(ctx, req.params.id, req.body)),
  );

  app.get(
    '/api/v1/visits/establishments/:eron/areas',
    {
      config: { auth: { roles: VISITS_STAFF } },
      schema: {
        operationId: 'listAreas',
        'x-rules': ['VIS-01'],
        summary: 'Visiting areas and their capacity (VIS-01)',
        params: Eron,
        response: { 200: AreaList, 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return listAreas(runtime(app).reader(req), req.params.eron);
    },
  );

  app.post(
    '/api/v1/visits/establishments/:eron/areas',
    {
      config: { auth: { roles: REGIME_SETTERS } },
      schema: {
        operationId: 'addArea',
        'x-rules': ['VIS-01', 'VIS-06'],
        summary: 'Add a visiting area with its capacity per session; children’s visits go to designated areas (VIS-01, VIS-06)',
        params: Eron,
        body: AreaRequest,
        response: { 201: Area, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      return reply.code(201).send(await runtime(app).transact(req, (ctx) => addArea(ctx, req.params.eron, req.body)));
    },
  );

  app.get(
    '/api/v1/visits/public/units/:unitId/calendar',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'unitCalendar',
        'x-rules': ['VIS-01', 'VIS-03'],
        summary: 'A unit’s public visiting calendar for a month: days, session and hours, no personal data (VIS-01, VIS-03, Art. 68)',
        params: Type.Object({ unitId: Uuid }),
        querystring: Type.Object({ month: Month }, { additionalProperties: false }),
        response: { 200: UnitCalendar, 400: Problem, 404: Problem },
      },
    },
    async (req) => unitCalendar(runtime(app).db, req.params.unitId, req.query.month),
  );
};

export default regimeRoutes;
