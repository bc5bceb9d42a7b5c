import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CaseReportBody, EronCode, LocalDate, Nui, OffenceSeverity, Problem, Uuid } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { CASE_REPORTERS } from '../roles';
import { runtime } from '../runtime';
import { reportCase } from './case.use-cases';

const ReportedCase = Type.Object({
  id: Uuid,
  eron: EronCode,
  nui: Nui,
  status: Type.String(),
  offence: Type.Object({ version: Type.String(), code: Type.String(), severity: OffenceSeverity, text: Type.String() }),
  factDate: LocalDate,
});

/** Disciplinary cases (DIS-01 … DIS-04): so far, the report that starts one. */
const caseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/discipline/cases',
    {
      config: { auth: { roles: CASE_REPORTERS } },
      schema: {
        operationId: 'reportDisciplinaryCase',
        'x-rules': ['DIS-04', 'DIS-01', 'PLT-05'],
        summary: 'Report facts about a PPL: a disciplinary case starts (DIS-04)',
        description:
          'Facts, date, place, reporter and evidence. The conduct is charged under the catalogue version in force on the date of the facts: not in it → 422 naming DIS-01. Accepts `Idempotency-Key` (PLT-05).',
        body: CaseReportBody,
        response: { 201: ReportedCase, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.body.eron);
      return runtime(app).idempotent(req, reply, (ctx) => reportCase(ctx, req.body));
    },
  );
};

export default caseRoutes;
