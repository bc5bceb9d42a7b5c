import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  CheckInBody,
  CheckOutBody,
  EronCode,
  GateEntry,
  IncidentReportBody,
  IncidentReportSent,
  InsideNow,
  LocalDate,
  Problem,
  Suspension,
  SuspensionBody,
  Uuid,
} from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { GATE_OFFICERS, INCIDENT_READERS, INCIDENT_REPORTERS, VISIT_SUSPENDERS } from '../roles';
import { runtime } from '../runtime';
import { checkIn, checkOut, incidentReport, sendIncidentReport, suspendVisit, whoIsInside } from './gate.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const Eron = Type.Object({ eron: EronCode });
const base = '/api/v1/visits/gate/establishments/:eron';

/** The gate (VIS-19, VIS-20): check-in and out against numbered tokens, who is inside, suspensions, the day's incidents. */
const gateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    `${base}/check-ins`,
    {
      config: { auth: { roles: GATE_OFFICERS } },
      schema: {
        operationId: 'checkInVisitor',
        'x-rules': ['VIS-19'],
        summary: 'Check a visitor in: today’s booking, the ID shown, the seal or its exemption, a numbered token (VIS-19)',
        description:
          'Art. 68. The ID shown must be the visitor’s and the visitor on today’s booking (422 naming VIS-19 with every gap). ' +
          'A visitor under the influence is refused with the reason (status `refused`, no token). Otherwise the ink seal is ' +
          'applied unless exempt (under-12s, judges, magistrates, prosecutors, defenders, recognised attorneys) and the next ' +
          'token of the establishment’s day is issued against the document.',
        params: Eron,
        body: CheckInBody,
        response: { 201: GateEntry, ...Errors },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      return reply.code(201).send(await runtime(app).transact(req, (ctx) => checkIn(ctx, { eron: req.params.eron, body: req.body })));
    },
  );

  app.post(
    `${base}/check-outs`,
    {
      config: { auth: { roles: GATE_OFFICERS } },
      schema: {
        operationId: 'checkOutVisitor',
        'x-rules': ['VIS-19'],
        summary: 'Check a visitor out: the document back against the token; a lost or damaged token costs 3 SMLDV (VIS-19)',
        description: 'With `tokenState` lost or damaged, the visitor is named instead and owes 3 SMLDV, recorded as their debt.',
        params: Eron,
        body: CheckOutBody,
        response: { 200: GateEntry, ...Errors },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return runtime(app).transact(req, (ctx) => checkOut(ctx, { eron: req.params.eron, body: req.body }));
    },
  );

  app.get(
    `${base}/inside`,
    {
      config: { auth: { roles: GATE_OFFICERS } },
      schema: {
        operationId: 'whoIsInside',
        'x-rules': ['VIS-19'],
        summary: 'Who is inside now: tokens, bookings and visitor IDs, no identity data (VIS-19)',
        params: Eron,
        response: { 200: InsideNow, 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return whoIsInside(runtime(app).reader(req), req.params.eron);
    },
  );

  app.post(
    `${base}/bookings/:id/suspension`,
    {
      config: { auth: { roles: VISIT_SUSPENDERS } },
      schema: {
        operationId: 'suspendVisit',
        'x-rules': ['VIS-20'],
        summary: 'Suspend a visit at once, with the reason; its visitors inside are checked out (VIS-20)',
        description: 'Art. 85. A suspended visit lets no one else in (422 naming VIS-19); suspending twice is a 409.',
        params: Type.Object({ eron: EronCode, id: Uuid }),
        body: SuspensionBody,
        response: { 200: Suspension, ...Errors },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return runtime(app).transact(req, (ctx) =>
        suspendVisit(ctx, { eron: req.params.eron, bookingId: req.params.id, reason: req.body.reason }),
      );
    },
  );

  app.get(
    `${base}/incident-report`,
    {
      config: { auth: { roles: INCIDENT_READERS } },
      schema: {
        operationId: 'getIncidentReportPdf',
        'x-rules': ['VIS-20'],
        summary: 'The visit day’s incident report (PDF) for the regional director (VIS-20)',
        description: 'Art. 68 §1: refusals, suspensions and lost or damaged tokens of the day, with reasons; no visitor identity.',
        params: Eron,
        querystring: Type.Object({ date: LocalDate }, { additionalProperties: false }),
        produces: ['application/pdf'],
        response: {
          200: { description: 'The report (PDF)', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
          400: Problem,
          401: Problem,
          403: Problem,
        },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      const file = await incidentReport(runtime(app).reader(req), { eron: req.params.eron, date: req.query.date });
      const name = `novedades-visitas-${req.params.eron}-${req.query.date}.pdf`;
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}"`).send(file);
    },
  );

  app.post(
    `${base}/incident-reports`,
    {
      config: { auth: { roles: INCIDENT_REPORTERS } },
      schema: {
        operationId: 'sendIncidentReport',
        'x-rules': ['VIS-20'],
        summary: 'Send the visit day’s incident report to the regional director through the notifier (VIS-20)',
        description: 'Art. 68 §1: publishes `notification.requested` (recipient regional_director); the PDF is at `incident-report`.',
        params: Eron,
        body: IncidentReportBody,
        response: { 202: IncidentReportSent, ...Errors },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      return reply
        .code(202)
        .send(await runtime(app).transact(req, (ctx) => sendIncidentReport(ctx, { eron: req.params.eron, date: req.body.date })));
    },
  );
};

export default gateRoutes;
