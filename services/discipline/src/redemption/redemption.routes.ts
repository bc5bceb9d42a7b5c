import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  Certificate,
  CertificateBody,
  DecisionBody,
  EronCode,
  Evaluation,
  EvaluationBody,
  Nui,
  Problem,
  RedemptionAccount,
  Uuid,
} from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { CERTIFIERS, JETEE_READERS, JETEE_SECRETARIES } from '../roles';
import { runtime } from '../runtime';
import { evaluateInSession } from './evaluation.use-cases';
import { certificateDocument, issueCertificate, recordJudgeDecision, redemptionAccount } from './redemption.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const certs = '/api/v1/discipline/redemption/certificates';

/** Monthly evaluations (DIS-23) and the redemption computation, account, certificates and the judge's decision (DIS-24). */
const redemptionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/discipline/establishments/:eron/jetee/sessions/:id/evaluations',
    {
      config: { auth: { roles: JETEE_SECRETARIES } },
      schema: {
        operationId: 'evaluateInJeteeSession',
        'x-rules': ['DIS-23'],
        summary: 'The JETEE rates each PPL’s month per programme in session, with the period’s conduct rating beside it (DIS-23)',
        description: 'Sobresaliente, buena or deficiente, in writing; a deficiente month earns no redemption (DIS-24).',
        params: Type.Object({ eron: EronCode, id: Uuid }),
        body: EvaluationBody,
        response: { 201: Type.Array(Evaluation), ...Errors },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      const out = await runtime(app).transact(req, (ctx) =>
        evaluateInSession(ctx, { eron: req.params.eron, sessionId: req.params.id, body: req.body }),
      );
      return reply.code(201).send(out);
    },
  );

  app.get(
    '/api/v1/discipline/ppl/:nui/redemption',
    {
      config: { auth: { roles: JETEE_READERS } },
      schema: {
        operationId: 'getRedemptionAccount',
        'x-rules': ['DIS-24'],
        summary: 'The PPL’s redemption account: days earned, certified, pending, granted, lost, with each month’s computation (DIS-24)',
        params: Type.Object({ nui: Nui }),
        response: { 200: RedemptionAccount, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => redemptionAccount(runtime(app).reader(req), req.params.nui),
  );

  app.post(
    '/api/v1/discipline/ppl/:nui/redemption/certificates',
    {
      config: { auth: { roles: CERTIFIERS } },
      schema: {
        operationId: 'issueRedemptionCertificate',
        'x-rules': ['DIS-24'],
        summary: 'The Director’s certificate of computed time, sent to the supervising judge through the notifier (DIS-24)',
        description:
          'Covers every evaluated month not yet certified; pre-trial months only once the conviction is firm, or with `judgeRequest` (Art. 112).',
        params: Type.Object({ nui: Nui }),
        body: CertificateBody,
        response: { 201: Certificate, ...Errors },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.body.eron);
      const out = await runtime(app).transact(req, (ctx) => issueCertificate(ctx, { nui: req.params.nui, ...req.body }));
      return reply.code(201).send(out);
    },
  );

  app.get(
    `${certs}/:id/pdf`,
    {
      config: { auth: { roles: JETEE_READERS } },
      schema: {
        operationId: 'getRedemptionCertificatePdf',
        'x-rules': ['DIS-24'],
        summary: 'The certificate of computed time (PDF) with its verification code (DIS-24)',
        params: Type.Object({ id: Uuid }),
        produces: ['application/pdf'],
        response: {
          200: { description: 'The certificate (PDF)', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
        },
      },
    },
    async (req, reply) => {
      const file = await certificateDocument(runtime(app).reader(req), req.params.id);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="computos-${req.params.id}.pdf"`).send(file);
    },
  );

  app.post(
    `${certs}/:id/decision`,
    {
      config: { auth: { roles: CERTIFIERS } },
      schema: {
        operationId: 'recordRedemptionDecision',
        'x-rules': ['DIS-24'],
        summary: 'Record the judge’s decision on a certificate: days granted, order number, date (DIS-24)',
        params: Type.Object({ id: Uuid }),
        body: DecisionBody,
        response: { 200: Certificate, ...Errors },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => recordJudgeDecision(ctx, { id: req.params.id, body: req.body })),
  );
};

export default redemptionRoutes;
