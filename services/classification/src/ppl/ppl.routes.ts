import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EronCode, LegalStatus, Nui, Problem, Timestamp } from '@eron/shared';
import { PPL_READERS } from '../roles';
import { runtime } from '../runtime';
import { getPpl } from './ppl.use-cases';

const PplSummary = Type.Object(
  {
    nui: Nui,
    eron: EronCode,
    names: Type.String(),
    surnames: Type.String(),
    legalStatus: LegalStatus,
    securityLevel: Type.Union([Type.Integer(), Type.Null()]),
    status: Type.String(),
    admittedAt: Timestamp,
  },
  { description: 'Datos generales de la cartilla biográfica (sin datos confidenciales, CLS-07)' },
);

const pplRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/classification/ppl/:nui',
    {
      config: { auth: { roles: PPL_READERS } },
      schema: {
        operationId: 'getPpl',
        'x-rules': ['CLS-05'],
        summary: 'A PPL’s record (cartilla biográfica), general part',
        params: Type.Object({ nui: Nui }),
        response: { 200: PplSummary, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => getPpl(runtime(app).reader(req), req.params.nui),
  );
};

export default pplRoutes;
