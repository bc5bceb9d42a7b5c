import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  Lawyer,
  LawyerAuthorisation,
  LawyerAuthorisationBody,
  LawyerBody,
  LawyerEntryBody,
  LawyerVisit,
  LawyerVisitBody,
  MonitoringBody,
  Nui,
  Problem,
  Uuid,
} from '@eron/shared';
import { LAWYER_AUTHORISERS, LAWYER_BOOKERS, LAWYER_GATE, LAWYER_REGISTRARS, LAWYER_VISIT_READERS, MONITORS } from '../roles';
import { runtime } from '../runtime';
import { admitLawyer, attachMonitoring, authoriseLawyer, bookLawyerVisit, getLawyerVisit, registerLawyer } from './lawyer.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const Id = Type.Object({ id: Uuid });

/** Lawyer visits (VIS-14, Arts. 61, 64): credential, the PPL's authorisation with fingerprint, never recorded. */
const lawyerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/visits/lawyers',
    {
      config: { auth: { roles: LAWYER_REGISTRARS } },
      schema: {
        operationId: 'registerLawyer',
        'x-rules': ['VIS-14'],
        summary: 'Register a lawyer: ID and professional card, provisional licence or legal-aid clinic certificate (VIS-14)',
        description: 'Art. 64. The same ID again returns the lawyer on file (200).',
        body: LawyerBody,
        response: { 200: Lawyer, 201: Lawyer, ...Errors },
      },
    },
    async (req, reply) => runtime(app).idempotent(req, reply, (ctx) => registerLawyer(ctx, req.body)),
  );

  app.post(
    '/api/v1/visits/ppl/:nui/lawyer-authorisations',
    {
      config: { auth: { roles: LAWYER_AUTHORISERS } },
      schema: {
        operationId: 'authoriseLawyer',
        'x-rules': ['VIS-14'],
        summary: 'Record the PPL’s written authorisation of a lawyer, with fingerprint (VIS-14)',
        description: 'Art. 64: without the PPL’s fingerprint the authorisation is refused (422 naming VIS-14).',
        params: Type.Object({ nui: Nui }),
        body: LawyerAuthorisationBody,
        response: { 201: LawyerAuthorisation, ...Errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await runtime(app).transact(req, (ctx) => authoriseLawyer(ctx, { nui: req.params.nui, body: req.body }))),
  );

  app.post(
    '/api/v1/visits/lawyer-visits',
    {
      config: { auth: { roles: LAWYER_BOOKERS } },
      schema: {
        operationId: 'bookLawyerVisit',
        'x-rules': ['VIS-14', 'PLT-05'],
        summary: 'Book a lawyer visit: never recorded or intercepted (VIS-14)',
        description:
          'Art. 61: the booking states that the visit is never recorded or intercepted and takes no monitoring. The PPL’s authorisation is checked before entry. Accepts `Idempotency-Key` (PLT-05).',
        body: LawyerVisitBody,
        response: { 201: LawyerVisit, ...Errors },
      },
    },
    async (req, reply) => runtime(app).idempotent(req, reply, (ctx) => bookLawyerVisit(ctx, req.body)),
  );

  app.get(
    '/api/v1/visits/lawyer-visits/:id',
    {
      config: { auth: { roles: LAWYER_VISIT_READERS } },
      schema: {
        operationId: 'getLawyerVisit',
        'x-rules': ['VIS-14'],
        summary: 'A lawyer visit, with its guarantee of Art. 61',
        params: Id,
        response: { 200: LawyerVisit, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => getLawyerVisit(runtime(app).reader(req), req.params.id),
  );

  app.post(
    '/api/v1/visits/lawyer-visits/:id/entry',
    {
      config: { auth: { roles: LAWYER_GATE } },
      schema: {
        operationId: 'admitLawyer',
        'x-rules': ['VIS-14'],
        summary: 'Let the lawyer in: own ID shown and the PPL’s authorisation with fingerprint on file (VIS-14)',
        description: 'Art. 64: 422 naming VIS-14 with every gap.',
        params: Id,
        body: LawyerEntryBody,
        response: { 200: LawyerVisit, ...Errors },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => admitLawyer(ctx, { id: req.params.id, shown: req.body.documentShown })),
  );

  app.post(
    '/api/v1/visits/lawyer-visits/:id/monitoring',
    {
      config: { auth: { roles: MONITORS } },
      schema: {
        operationId: 'attachLawyerVisitMonitoring',
        'x-rules': ['VIS-14'],
        summary: 'Always refused: a lawyer visit is never recorded, intercepted or monitored (VIS-14)',
        description: 'Art. 61: every attempt is a 422 naming VIS-14; nothing is attached.',
        params: Id,
        body: MonitoringBody,
        response: Errors,
      },
    },
    async (req) => attachMonitoring(runtime(app).reader(req), req.params.id),
  );
};

export default lawyerRoutes;
