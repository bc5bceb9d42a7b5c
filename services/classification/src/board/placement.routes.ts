import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EronCode, Induction, InductionRequest, Nui, OccupancyReport, Placement, PlacementRequest, Problem } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { INDUCTORS, PLACERS, STAFF_READERS } from '../roles';
import { runtime } from '../runtime';
import { occupancyOf, placeInCell, recordInduction } from './placement.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const NuiParams = Type.Object({ nui: Nui });

/** The patio/cell board places PPL: induction first, then the unit and cell with every check (CLS-12 … CLS-16). */
const placementRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/api/v1/classification/ppl/:nui/induction',
    {
      config: { auth: { roles: INDUCTORS } },
      schema: {
        operationId: 'recordInduction',
        'x-rules': ['CLS-12'],
        summary: 'Record the induction given to a newly admitted PPL (CLS-12)',
        description: 'CLS-12, Art. 32: rules, rights and duties, complaints and the disciplinary regime, before any placement.',
        params: NuiParams,
        body: InductionRequest,
        response: { 200: Induction, ...Errors },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => recordInduction(ctx, { nui: req.params.nui, induction: req.body })),
  );

  app.post(
    '/api/v1/classification/ppl/:nui/placements',
    {
      config: { auth: { roles: PLACERS } },
      schema: {
        operationId: 'placeInCell',
        'x-rules': ['CLS-13', 'CLS-11', 'CLS-12', 'CLS-14', 'CLS-15', 'CLS-16'],
        summary: 'The board (or the DG) assigns unit and cell, with its acta and reasons (CLS-12 … CLS-16)',
        description:
          'CLS-11: the board decides in a session (sessionId), the DG by its own act (acta). CLS-12: only after the induction. CLS-13: the unit’s eligibility (sex, pre-trial/sentenced, special regime) → 422 naming every breach. ' +
          'CLS-14: takes no orientation or gender identity; a protection space needs the person’s recorded consent. ' +
          'CLS-15: security level one, extradition and special-regime units are the DG’s (403). ' +
          'CLS-16: a full cell needs an over-capacity reason. Idempotency-Key (PLT-05).',
        params: NuiParams,
        body: PlacementRequest,
        response: { 201: Placement, ...Errors },
      },
    },
    async (req, reply) => runtime(app).idempotent(req, reply, (ctx) => placeInCell(ctx, { nui: req.params.nui, placement: req.body })),
  );

  app.get(
    '/api/v1/classification/establishments/:code/occupancy',
    {
      config: { auth: { roles: STAFF_READERS } },
      schema: {
        operationId: 'getOccupancy',
        'x-rules': ['CLS-16'],
        summary: 'Places, occupants and overcrowding (hacinamiento) per unit and establishment (CLS-16)',
        params: Type.Object({ code: EronCode }),
        response: { 200: OccupancyReport, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.code);
      return occupancyOf(runtime(app).reader(req), req.params.code);
    },
  );
};

export default placementRoutes;
