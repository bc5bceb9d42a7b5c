import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppealBody, AppealDecisionBody, AppealTerm, AppealTermBody, DisciplinaryCase, EronCode, Problem, Uuid } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { APPEAL_RECEIVERS, APPEAL_TERM_SETTERS, CASE_DECIDERS, CASE_READERS } from '../roles';
import { runtime } from '../runtime';
import { decideAppealOf, fileAppeal } from './appeal.use-cases';
import { appealTerm, changeAppealTerm } from './case.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const Id = Type.Object({ id: Uuid });
const Eron = Type.Object({ eron: EronCode });

/** Appeals against a decision (DIS-07) and the establishment's term to file them. */
const appealRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/discipline/cases/:id/appeals',
    {
      config: { auth: { roles: APPEAL_RECEIVERS } },
      schema: {
        operationId: 'fileDisciplinaryAppeal',
        'x-rules': ['DIS-07', 'PLT-05'],
        summary: 'The PPL files a reposición, and in subsidy an apelación, against a sanction (DIS-07)',
        description:
          'Leve: reposición → the Director, apelación → the Council’s group one. Grave: reposición → group one, apelación → group two. ' +
          'Within the establishment’s term after the decision’s notice (default 3 business days, Colombian calendar): late → 422 DIS-07. Accepts `Idempotency-Key`.',
        params: Id,
        body: AppealBody,
        response: { 201: DisciplinaryCase, ...Errors },
      },
    },
    async (req, reply) => runtime(app).idempotent(req, reply, (ctx) => fileAppeal(ctx, req.params.id, req.body)),
  );

  app.post(
    '/api/v1/discipline/appeals/:id/decision',
    {
      config: { auth: { roles: CASE_DECIDERS } },
      schema: {
        operationId: 'decideDisciplinaryAppeal',
        'x-rules': ['DIS-07', 'DIS-08'],
        summary: 'The authority of the instance decides the appeal (DIS-07)',
        description:
          'A Council group cites its decision in session (matter `appeal`); group two’s Ministerio Público delegate must differ from first instance’s (422 DIS-07). ' +
          'Reversed → the sanction is lifted (`sanction.lifted`); confirmed with no apelación to follow → firm (`sanction.firm`, DIS-08).',
        params: Id,
        body: AppealDecisionBody,
        response: { 200: DisciplinaryCase, ...Errors },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => decideAppealOf(ctx, req.params.id, req.body)),
  );

  app.get(
    '/api/v1/discipline/establishments/:eron/appeal-term',
    {
      config: { auth: { roles: CASE_READERS } },
      schema: {
        operationId: 'getAppealTerm',
        'x-rules': ['DIS-07'],
        summary: 'Business days to appeal after a decision’s notice in this establishment (DIS-07)',
        params: Eron,
        response: { 200: AppealTerm, ...Errors },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return appealTerm(runtime(app).reader(req), req.params.eron);
    },
  );

  app.put(
    '/api/v1/discipline/establishments/:eron/appeal-term',
    {
      config: { auth: { roles: APPEAL_TERM_SETTERS } },
      schema: {
        operationId: 'setAppealTerm',
        'x-rules': ['DIS-07'],
        summary: 'The Director sets the establishment’s term to appeal, in business days (DIS-07)',
        description: 'Applies to decisions notified from now on; a decision keeps the term it was notified with.',
        params: Eron,
        body: AppealTermBody,
        response: { 200: AppealTerm, ...Errors },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return runtime(app).transact(req, (ctx) => changeAppealTerm(ctx, req.params.eron, req.body.businessDays));
    },
  );
};

export default appealRoutes;
