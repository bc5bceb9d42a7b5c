import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DisciplineSanction, EronCode, FirmnessRun, Problem, RevocationBody, SanctionSuspensionBody, Uuid } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { APPEAL_TERM_SETTERS, SANCTION_REVOKERS, SANCTION_SUSPENDERS } from '../roles';
import { runtime } from '../runtime';
import { revokeSanction, runFirmness, suspendSanction } from './sanction.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const Id = Type.Object({ id: Uuid });

/** A sanction's life after the decision: firmness (DIS-08), conditional suspension (DIS-09), the DG's revocation (DIS-10). */
const sanctionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/discipline/establishments/:eron/firmness',
    {
      config: { auth: { roles: APPEAL_TERM_SETTERS } },
      schema: {
        operationId: 'runSanctionFirmness',
        'x-rules': ['DIS-08', 'DIS-09'],
        summary: 'Make firm now the sanctions whose appeal term ended with no appeal (DIS-08)',
        description:
          'An hourly job does the same for every establishment. Each publishes `sanction.firm` (visits applies a suppression), is reported to the judge (DIS-15) and revives a suspended sanction its facts fall within three months of (DIS-09).',
        params: Type.Object({ eron: EronCode }),
        response: { 200: FirmnessRun, ...Errors },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return { eron: req.params.eron, firm: await runtime(app).transact(req, (ctx) => runFirmness(ctx, req.params.eron)) };
    },
  );

  app.post(
    '/api/v1/discipline/sanctions/:id/suspension',
    {
      config: { auth: { roles: SANCTION_SUSPENDERS } },
      schema: {
        operationId: 'suspendSanction',
        'x-rules': ['DIS-09'],
        summary: 'The Director or the Council suspends a sanction conditionally, with reasons (DIS-09)',
        description:
          'A repeat offender’s (another sanction for facts within six months) only with a stated `justification`, else 422 DIS-09. A firm sanction stops taking effect (`sanction.lifted`); a new offence within three months of the day it would have been served revives it.',
        params: Id,
        body: SanctionSuspensionBody,
        response: { 200: DisciplineSanction, ...Errors },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => suspendSanction(ctx, req.params.id, req.body)),
  );

  app.post(
    '/api/v1/discipline/sanctions/:id/revocation',
    {
      config: { auth: { roles: SANCTION_REVOKERS } },
      schema: {
        operationId: 'revokeSanction',
        'x-rules': ['DIS-10'],
        summary: 'The DG revokes an offence’s qualification or a sanction contrary to its nature (DIS-10)',
        description: 'Publishes `sanction.lifted`. Already lifted or revoked → 409 DIS-10.',
        params: Id,
        body: RevocationBody,
        response: { 200: DisciplineSanction, ...Errors },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => revokeSanction(ctx, req.params.id, req.body)),
  );
};

export default sanctionRoutes;
