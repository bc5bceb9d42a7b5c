import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  EronCode,
  IntimateAnswerBody,
  IntimateMinimumReport,
  IntimateRequest,
  IntimateRequestBody,
  IntimateRequestList,
  IntimateStatus,
  IntimateVisit,
  IntimateVisitBody,
  Nui,
  Problem,
  Uuid,
} from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { INTIMATE_DECIDERS, INTIMATE_FILERS, INTIMATE_LISTERS, INTIMATE_READERS, INTIMATE_VISIT_GIVERS } from '../roles';
import { runtime } from '../runtime';
import {
  answerIntimateRequest,
  fileIntimateRequest,
  getIntimateRequest,
  giveIntimateVisit,
  intimateMinimum,
  listIntimateRequests,
} from './intimate.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'Mes AAAA-MM (Bogotá); por defecto el actual' });

/** Intimate visits (VIS-11 … VIS-13, Arts. 71–72, 86): all of it confidential (Art. 72 §). */
const intimateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/visits/ppl/:nui/intimate-requests',
    {
      config: { auth: { roles: INTIMATE_FILERS } },
      schema: {
        operationId: 'fileIntimateRequest',
        'x-rules': ['VIS-11', 'VIS-13'],
        summary: 'Record a PPL’s written request for intimate visits (VIS-11)',
        description:
          'Art. 71: the visitor’s names, ID number and address, with a copy of the ID. The Director answers within 15 business days (Colombian calendar). ' +
          'A partner held in another establishment: the one who moves must be movable — never security level one or extradition (VIS-13, Art. 72.6). Confidential (Art. 72 §).',
        params: Type.Object({ nui: Nui }),
        body: IntimateRequestBody,
        response: { 201: IntimateRequest, ...Errors },
      },
    },
    async (req, reply) => runtime(app).idempotent(req, reply, (ctx) => fileIntimateRequest(ctx, { nui: req.params.nui, body: req.body })),
  );

  app.post(
    '/api/v1/visits/intimate-requests/:id/answer',
    {
      config: { auth: { roles: INTIMATE_DECIDERS } },
      schema: {
        operationId: 'answerIntimateRequest',
        'x-rules': ['VIS-12', 'VIS-11', 'VIS-13'],
        summary: 'The Director grants, limits or denies an intimate-visit request (VIS-11 … VIS-13)',
        description:
          'A denial or limitation is reasoned; never on a disciplinary sanction (Art. 71), sexual orientation or gender identity (Art. 71 §1) or an infectious disease (Art. 86): 422 naming VIS-12. ' +
          'A couple in different establishments needs the judge’s permission (pre-trial) or the regional director’s (sentenced): 422 naming VIS-13.',
        params: Type.Object({ id: Uuid }),
        body: IntimateAnswerBody,
        response: { 200: IntimateRequest, ...Errors },
      },
    },
    async (req, reply) => runtime(app).idempotent(req, reply, (ctx) => answerIntimateRequest(ctx, { id: req.params.id, body: req.body })),
  );

  app.get(
    '/api/v1/visits/intimate-requests/:id',
    {
      config: { auth: { roles: INTIMATE_READERS } },
      schema: {
        operationId: 'getIntimateRequest',
        'x-rules': ['VIS-11', 'PLT-06'],
        summary: 'An intimate-visit request with the visitor and partner (confidential, audited)',
        description: 'Art. 72 §: only to the roles that handle it; every read is written to the audit log (PLT-06).',
        params: Type.Object({ id: Uuid }),
        response: { 200: IntimateRequest, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => getIntimateRequest(ctx, req.params.id)),
  );

  app.get(
    '/api/v1/visits/establishments/:eron/intimate-requests',
    {
      config: { auth: { roles: INTIMATE_LISTERS } },
      schema: {
        operationId: 'listIntimateRequests',
        'x-rules': ['VIS-11'],
        summary: 'The establishment’s intimate-visit requests, overdue ones marked (VIS-11)',
        description: 'Status and dates only — never the visitor, the partner or the grounds (Art. 72 §).',
        params: Type.Object({ eron: EronCode }),
        querystring: Type.Object({ status: Type.Optional(IntimateStatus) }, { additionalProperties: false }),
        response: { 200: IntimateRequestList, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return listIntimateRequests(runtime(app).reader(req), req.params.eron, req.query.status);
    },
  );

  app.post(
    '/api/v1/visits/intimate-requests/:id/visits',
    {
      config: { auth: { roles: INTIMATE_VISIT_GIVERS } },
      schema: {
        operationId: 'giveIntimateVisit',
        'x-rules': ['VIS-11', 'VIS-12', 'PLT-05'],
        summary: 'Give an intimate visit on a granted request (VIS-11, VIS-12)',
        description:
          'Never suppressed by a sanction (Art. 71). A limited request gives up to its monthly number. Accepts `Idempotency-Key` (PLT-05).',
        params: Type.Object({ id: Uuid }),
        body: IntimateVisitBody,
        response: { 201: IntimateVisit, ...Errors },
      },
    },
    async (req, reply) => runtime(app).idempotent(req, reply, (ctx) => giveIntimateVisit(ctx, { id: req.params.id, date: req.body.date })),
  );

  app.get(
    '/api/v1/visits/establishments/:eron/intimate-minimum',
    {
      config: { auth: { roles: INTIMATE_READERS } },
      schema: {
        operationId: 'intimateMinimum',
        'x-rules': ['VIS-11', 'PLT-06'],
        summary: 'Who is entitled to intimate visits and has had none this month (VIS-11)',
        description: 'At least one a month for each PPL entitled. Confidential: the read is audited (PLT-06).',
        params: Type.Object({ eron: EronCode }),
        querystring: Type.Object({ month: Type.Optional(Month) }, { additionalProperties: false }),
        response: { 200: IntimateMinimumReport, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return runtime(app).transact(req, (ctx) => intimateMinimum(ctx, req.params.eron, req.query.month));
    },
  );
};

export default intimateRoutes;
