import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  Ban,
  BanRequest,
  EronCode,
  ExtraditionAuthorisation,
  ExtraditionAuthorisationRequest,
  ListEntryRequest,
  Nui,
  Problem,
  Uuid,
  Visitor,
  VisitorContact,
  VisitorContactLookup,
  VisitorContactRequest,
  VisitorIdentity,
  VisitorList,
  VisitorRequest,
} from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { BANNERS, CONTACT_READERS, EXTRADITION_RECORDERS, IDENTITY_READERS, VISITOR_KEEPERS, VISITS_STAFF } from '../roles';
import { runtime } from '../runtime';
import {
  authorise,
  banVisitor,
  contactFor,
  readIdentity,
  recordExtraditionAuthorisation,
  registerVisitor,
  setContact,
  visitorList,
} from './visitor.use-cases';

const visitorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/visits/visitors',
    {
      config: { auth: { roles: VISITOR_KEEPERS } },
      schema: {
        operationId: 'registerVisitor',
        'x-rules': ['VIS-05', 'PLT-06'],
        summary: 'Register a visitor with a verified ID document (VIS-05); the identity is confidential (PLT-06)',
        body: VisitorRequest,
        response: { 201: Visitor, 400: Problem, 401: Problem, 403: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => reply.code(201).send(await runtime(app).transact(req, (ctx) => registerVisitor(ctx, req.body))),
  );

  app.get(
    '/api/v1/visits/visitors/:id/identity',
    {
      config: { auth: { roles: IDENTITY_READERS } },
      schema: {
        operationId: 'visitorIdentity',
        'x-rules': ['VIS-05', 'PLT-06'],
        summary: 'A visitor’s identity: confidential, every read audited (PLT-06, VIS-05)',
        params: Type.Object({ id: Uuid }),
        response: { 200: VisitorIdentity, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => readIdentity(ctx, req.params.id)),
  );

  app.put(
    '/api/v1/visits/visitors/:id/contact',
    {
      config: { auth: { roles: VISITOR_KEEPERS } },
      schema: {
        operationId: 'setVisitorContact',
        'x-rules': ['VIS-10', 'PLT-06'],
        summary: 'Set how the visitor is told of a cancelled visit (VIS-09, VIS-10): e-mail, phone; confidential (PLT-06)',
        description: 'A field left out keeps its value; `null` clears it. The contact never travels in an event or a log.',
        params: Type.Object({ id: Uuid }),
        body: VisitorContactRequest,
        response: { 200: VisitorContact, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => setContact(ctx, req.params.id, req.body)),
  );

  app.post(
    '/api/v1/visits/visitor-contacts/lookup',
    {
      config: { auth: { machine: CONTACT_READERS } },
      schema: {
        operationId: 'lookUpVisitorContact',
        'x-rules': ['VIS-10', 'PLT-06', 'PLT-03'],
        summary: 'The notifier asks for a visitor’s contact when it sends a notice (VIS-10); HMAC-signed, every read audited (PLT-06)',
        description:
          'Service-to-service, signed by the notifier (PLT-03). Answers nulls for a visitor without a contact, so the notifier records "no contact".',
        body: VisitorContactLookup,
        response: { 200: VisitorContact, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => contactFor(ctx, req.body)),
  );

  app.get(
    '/api/v1/visits/ppl/:nui/visitors',
    {
      config: { auth: { roles: VISITS_STAFF } },
      schema: {
        operationId: 'visitorList',
        'x-rules': ['VIS-05', 'VIS-06'],
        summary: 'The PPL’s authorised visitors, with no identity data (VIS-05, VIS-06)',
        params: Type.Object({ nui: Nui }),
        response: { 200: VisitorList, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => visitorList(runtime(app).reader(req), req.params.nui),
  );

  app.put(
    '/api/v1/visits/ppl/:nui/visitors/:visitorId',
    {
      config: { auth: { roles: VISITOR_KEEPERS } },
      schema: {
        operationId: 'authoriseVisitor',
        'x-rules': ['VIS-05', 'VIS-06'],
        summary: 'Put a visitor on the PPL’s authorised list; minors only as Art. 69 allows (VIS-05, VIS-06)',
        params: Type.Object({ nui: Nui, visitorId: Uuid }),
        body: ListEntryRequest,
        response: { 200: VisitorList, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => authorise(ctx, req.params.nui, req.params.visitorId, req.body)),
  );

  app.post(
    '/api/v1/visits/establishments/:eron/visitors/:visitorId/bans',
    {
      config: { auth: { roles: BANNERS } },
      schema: {
        operationId: 'banVisitor',
        'x-rules': ['VIS-05'],
        summary: 'Ban a visitor from the establishment with the reason and the term (VIS-05)',
        params: Type.Object({ eron: EronCode, visitorId: Uuid }),
        body: BanRequest,
        response: { 201: Ban, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      return reply
        .code(201)
        .send(await runtime(app).transact(req, (ctx) => banVisitor(ctx, req.params.eron, req.params.visitorId, req.body)));
    },
  );

  app.put(
    '/api/v1/visits/ppl/:nui/extradition-authorisation',
    {
      config: { auth: { roles: EXTRADITION_RECORDERS } },
      schema: {
        operationId: 'recordExtraditionAuthorisation',
        'x-rules': ['VIS-07'],
        summary: 'Record the Fiscalía’s authorisation for visits to a PPL held for extradition (VIS-07, Art. 68 §1)',
        params: Type.Object({ nui: Nui }),
        body: ExtraditionAuthorisationRequest,
        response: { 200: ExtraditionAuthorisation, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => recordExtraditionAuthorisation(ctx, req.params.nui, req.body)),
  );
};

export default visitorRoutes;
