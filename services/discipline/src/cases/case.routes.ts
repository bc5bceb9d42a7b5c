import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  CaseDecisionBody,
  CaseHearingBody,
  CaseNoticeBody,
  CaseOpeningBody,
  CaseReportBody,
  DisciplinaryCase,
  EronCode,
  LocalDate,
  Nui,
  OffenceSeverity,
  Problem,
  Uuid,
} from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { CASE_DECIDERS, CASE_INSTRUCTORS, CASE_READERS, CASE_REPORTERS } from '../roles';
import { runtime } from '../runtime';
import { caseDocument, decideCase, hearPpl, notifyCharges, openCase, readCase, reportCase } from './case.use-cases';

const ReportedCase = Type.Object({
  id: Uuid,
  eron: EronCode,
  nui: Nui,
  status: Type.String(),
  offence: Type.Object({ version: Type.String(), code: Type.String(), severity: OffenceSeverity, text: Type.String() }),
  factDate: LocalDate,
});

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const Id = Type.Object({ id: Uuid });
const base = '/api/v1/discipline/cases';

/** Disciplinary cases (DIS-01 … DIS-06): report → opening → notice → descargos → decision, one step at a time. */
const caseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    base,
    {
      config: { auth: { roles: CASE_REPORTERS } },
      schema: {
        operationId: 'reportDisciplinaryCase',
        'x-rules': ['DIS-04', 'DIS-01', 'PLT-05'],
        summary: 'Report facts about a PPL: a disciplinary case starts (DIS-04)',
        description:
          'Facts, date, place, reporter and evidence. The conduct is charged under the catalogue version in force on the date of the facts: not in it → 422 naming DIS-01. Accepts `Idempotency-Key` (PLT-05).',
        body: CaseReportBody,
        response: { 201: ReportedCase, ...Errors },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.body.eron);
      return runtime(app).idempotent(req, reply, (ctx) => reportCase(ctx, req.body));
    },
  );

  app.get(
    `${base}/:id`,
    {
      config: { auth: { roles: CASE_READERS } },
      schema: {
        operationId: 'getDisciplinaryCase',
        'x-rules': ['DIS-04'],
        summary: 'A case as the record keeps it: its steps, decision, sanction and appeals',
        params: Id,
        response: { 200: DisciplinaryCase, ...Errors },
      },
    },
    async (req) => readCase(runtime(app).reader(req), req.params.id),
  );

  app.post(
    `${base}/:id/opening`,
    {
      config: { auth: { roles: CASE_INSTRUCTORS } },
      schema: {
        operationId: 'openDisciplinaryCase',
        'x-rules': ['DIS-03', 'DIS-04'],
        summary: 'The instructor opens the case (DIS-03)',
        description:
          'A leve is instructed by the investigations officer (`investigator`); a grave by the deputy director once the Director has been informed of the report (`directorInformedOn`). Otherwise 422 naming DIS-03; out of order 422 naming DIS-04.',
        params: Id,
        body: CaseOpeningBody,
        response: { 200: DisciplinaryCase, ...Errors },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => openCase(ctx, req.params.id, req.body)),
  );

  app.post(
    `${base}/:id/notice`,
    {
      config: { auth: { roles: CASE_INSTRUCTORS } },
      schema: {
        operationId: 'notifyDisciplinaryCharges',
        'x-rules': ['DIS-04'],
        summary: 'The PPL is told of the charges (DIS-04)',
        params: Id,
        body: CaseNoticeBody,
        response: { 200: DisciplinaryCase, ...Errors },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => notifyCharges(ctx, req.params.id, req.body)),
  );

  app.post(
    `${base}/:id/hearing`,
    {
      config: { auth: { roles: CASE_INSTRUCTORS } },
      schema: {
        operationId: 'hearDisciplinaryStatement',
        'x-rules': ['DIS-04'],
        summary: 'The PPL’s descargos and evidence, after the notice (DIS-04)',
        params: Id,
        body: CaseHearingBody,
        response: { 200: DisciplinaryCase, ...Errors },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => hearPpl(ctx, req.params.id, req.body)),
  );

  app.post(
    `${base}/:id/decision`,
    {
      config: { auth: { roles: CASE_DECIDERS } },
      schema: {
        operationId: 'decideDisciplinaryCase',
        'x-rules': ['DIS-02', 'DIS-03', 'DIS-04', 'DIS-05', 'DIS-06', 'DIS-07', 'PLT-05'],
        summary: 'The competent authority decides, with reasons and the circumstances weighed (DIS-04)',
        description:
          'Only after the descargos (DIS-04). A leve is decided by the Director; a grave by the Council’s group one in session: cite its decision (`council.sessionId`, `council.decisionId`, matter `case`, this PPL, approved) — else 422 DIS-03. ' +
          'A sanction within the bounds of the severity (DIS-05), never a forbidden measure (DIS-06), once for one fact (409 DIS-02). ' +
          'The appeal term (DIS-07) runs from `notifiedOn` (today if absent). The sanction takes effect only when firm (DIS-08). Accepts `Idempotency-Key`.',
        params: Id,
        body: CaseDecisionBody,
        response: { 201: DisciplinaryCase, ...Errors },
      },
    },
    async (req, reply) => runtime(app).idempotent(req, reply, (ctx) => decideCase(ctx, req.params.id, req.body)),
  );

  for (const which of ['notice', 'decision'] as const)
    app.get(
      `${base}/:id/${which}.pdf`,
      {
        config: { auth: { roles: CASE_READERS } },
        schema: {
          operationId: which === 'notice' ? 'getDisciplinaryNoticePdf' : 'getDisciplinaryDecisionPdf',
          'x-rules': ['DIS-04'],
          summary:
            which === 'notice'
              ? 'The notice of charges (PDF) the PPL signs on receipt (DIS-04)'
              : 'The decision (PDF): reasons, circumstances weighed, sanction and the appeals open (DIS-04, Art. 150)',
          description: 'Before the step happened → 409 naming DIS-04.',
          params: Id,
          produces: ['application/pdf'],
          response: {
            200: { description: 'The document (PDF)', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
            401: Problem,
            403: Problem,
            404: Problem,
            409: Problem,
          },
        },
      },
      async (req, reply) => {
        const { file, name } = await caseDocument(runtime(app).reader(req), req.params.id, which);
        return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}"`).send(file);
      },
    );
};

export default caseRoutes;
