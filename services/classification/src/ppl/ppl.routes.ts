import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EronCode, LegalStatus, Nui, notFound, Problem, Timestamp } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { findPpl } from '../admissions/admission.repository';
import type { Db } from '../db';

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

export const PPL_READERS = [
  'dg',
  'regional_director',
  'director',
  'deputy_director',
  'legal',
  'guard_commander',
  'gate_officer',
  'visits_officer',
  'social_worker',
  'treatment_officer',
  'council_member',
  'paymaster',
  'auditor',
  'info_systems',
] as const;

const pplRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/classification/ppl/:nui',
    {
      config: { auth: { roles: PPL_READERS } },
      schema: {
        operationId: 'getPpl',
        summary: 'A PPL’s record (cartilla biográfica), general part',
        params: Type.Object({ nui: Nui }),
        response: { 200: PplSummary, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      const row = await findPpl(app.db as Db, req.params.nui);
      if (!row) throw notFound({ es: `No existe la PPL ${req.params.nui}`, en: `No PPL ${req.params.nui}` });
      assertActsFor(req, row.eron);
      return {
        nui: row.nui,
        eron: row.eron,
        names: row.names,
        surnames: row.surnames,
        legalStatus: row.legal_status as never,
        securityLevel: row.security_level,
        status: row.status,
        admittedAt: row.admitted_at.toISOString(),
      };
    },
  );
};

export default pplRoutes;
