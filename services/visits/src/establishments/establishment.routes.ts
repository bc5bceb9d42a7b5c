import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EronCode, Problem, UnitSessionRequest, Uuid, VisitUnit, VisitUnitList } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { REGIME_SETTERS, VISITS_STAFF } from '../roles';
import { runtime } from '../runtime';
import { assignSession, listUnits } from './establishment.use-cases';

const establishmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/visits/establishments/:eron/units',
    {
      config: { auth: { roles: VISITS_STAFF } },
      schema: {
        operationId: 'listVisitUnits',
        'x-rules': ['VIS-03'],
        summary: 'The units of an establishment with their visiting session and population (VIS-03)',
        params: Type.Object({ eron: EronCode }),
        response: { 200: VisitUnitList, 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return listUnits(runtime(app).reader(req), req.params.eron);
    },
  );

  app.put(
    '/api/v1/visits/establishments/:eron/units/:unitId/session',
    {
      config: { auth: { roles: REGIME_SETTERS } },
      schema: {
        operationId: 'assignUnitSession',
        'x-rules': ['VIS-03'],
        summary: 'Assign a unit to the morning or afternoon visiting session (VIS-03, Art. 68.5)',
        description: 'About half the population should be visited in each session; bookings fall in the session of the PPL’s unit.',
        params: Type.Object({ eron: EronCode, unitId: Uuid }),
        body: UnitSessionRequest,
        response: { 200: VisitUnit, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return runtime(app).transact(req, (ctx) => assignSession(ctx, req.params.eron, req.params.unitId, req.body));
    },
  );
};

export default establishmentRoutes;
