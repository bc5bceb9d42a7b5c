import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  Complaint,
  ComplaintDetail,
  ComplaintList,
  ComplaintRequest,
  ComplaintSending,
  EronCode,
  PoliceReport,
  Problem,
  Uuid,
} from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { COMPLAINT_CONFIDENTIAL_READERS, COMPLAINT_READERS, COMPLAINT_RECEIVERS, JUDICIAL_POLICE } from '../roles';
import { runtime } from '../runtime';
import { overdueComplaints, readComplaint, recordPoliceReport, registerComplaint, sendComplaint } from './complaints.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem };
const Id = Type.Object({ id: Uuid });

/** Complaints, claims and reports (DIS-19, Art. 142). */
const complaintRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/discipline/complaints',
    {
      config: { auth: { roles: COMPLAINT_RECEIVERS } },
      schema: {
        operationId: 'registerComplaint',
        'x-rules': ['DIS-19', 'PLT-06'],
        summary: 'Register a complaint on receipt, with urgent protective measures (DIS-19, Art. 142)',
        description:
          'Sets the deadlines from knowledge of the fact: sent to the Procuraduría or the Fiscalía within 24 h; for sexual violence, torture, ' +
          'cruel treatment, discrimination or another human-rights violation the judicial police’s written report within 36 h. Forwarded at ' +
          'once to the DG’s citizen-attention group (`notification.requested`). The complainant and a sexual-violence account are confidential.',
        body: ComplaintRequest,
        response: { 201: Complaint, ...Errors },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.body.eron);
      return reply.code(201).send(await runtime(app).transact(req, (ctx) => registerComplaint(ctx, req.body)));
    },
  );

  app.post(
    '/api/v1/discipline/complaints/:id/sending',
    {
      config: { auth: { roles: COMPLAINT_RECEIVERS } },
      schema: {
        operationId: 'sendComplaint',
        'x-rules': ['DIS-19'],
        summary: 'Record that the complaint went to the Procuraduría or the Fiscalía (DIS-19, 24 hours)',
        params: Id,
        body: ComplaintSending,
        response: { 200: Complaint, ...Errors },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => sendComplaint(ctx, { id: req.params.id, sending: req.body })),
  );

  app.post(
    '/api/v1/discipline/complaints/:id/police-report',
    {
      config: { auth: { roles: JUDICIAL_POLICE } },
      schema: {
        operationId: 'recordComplaintPoliceReport',
        'x-rules': ['DIS-19'],
        summary: 'Record the judicial police’s written report to the prosecutor (DIS-19, 36 hours, Art. 142 §3)',
        params: Id,
        body: PoliceReport,
        response: { 200: Complaint, ...Errors },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => recordPoliceReport(ctx, { id: req.params.id, report: req.body })),
  );

  app.get(
    '/api/v1/discipline/complaints/:id',
    {
      config: { auth: { roles: COMPLAINT_CONFIDENTIAL_READERS } },
      schema: {
        operationId: 'getComplaint',
        'x-rules': ['DIS-19', 'PLT-06'],
        summary: 'A complaint with the complainant and the account; every read is audited (DIS-19, PLT-06)',
        params: Id,
        response: { 200: ComplaintDetail, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => readComplaint(ctx, req.params.id)),
  );

  app.get(
    '/api/v1/discipline/establishments/:code/complaints/overdue',
    {
      config: { auth: { roles: COMPLAINT_READERS } },
      schema: {
        operationId: 'listOverdueComplaints',
        'x-rules': ['DIS-19'],
        summary: 'The establishment’s complaints past their 24-hour or 36-hour deadline (DIS-19); no confidential data',
        params: Type.Object({ code: EronCode }),
        response: { 200: ComplaintList, 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.code);
      return overdueComplaints(runtime(app).reader(req), req.params.code);
    },
  );
};

export default complaintRoutes;
