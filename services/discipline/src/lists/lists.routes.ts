import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  ComplaintPage,
  ComplaintsQuery,
  CouncilSessionList,
  CouncilSessionsQuery,
  EronCode,
  IncentiveList,
  IncentivesQuery,
  OwnFoodRequestList,
  OwnFoodRequestsQuery,
  Problem,
} from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { COMPLAINT_READERS, COUNCIL_READERS, INCENTIVE_READERS } from '../roles';
import { runtime } from '../runtime';
import { listComplaints, listIncentives, listOwnFood, listSessions } from './lists.use-cases';

const Eron = Type.Object({ eron: EronCode });
const Errors = { 400: Problem, 401: Problem, 403: Problem };
const base = '/api/v1/discipline/establishments/:eron';
const paging =
  'Newest first, a page at a time (`limit`, default 50, at most 200; `after` = the previous page’s `next`); `from`/`to` ' +
  'bound the Bogotá dates.';

/** The lists a council secretary and the Director read: sessions, incentives, own-food requests, complaints. */
const listRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    `${base}/council/sessions`,
    {
      config: { auth: { roles: COUNCIL_READERS } },
      schema: {
        operationId: 'listCouncilSessions',
        'x-rules': ['DIS-12', 'DIS-11'],
        summary: 'The council’s sessions: acta, date, kind, attendance, quorum and decisions counted (DIS-12)',
        description: `DIS-12: each session with its numbered acta, the members present, whether the plenary and each group had quorum (three members with a vote present, Art. 135) and how many decisions it took. ${paging} \`kind\` filters ordinary or extraordinary sessions.`,
        params: Eron,
        querystring: CouncilSessionsQuery,
        response: { 200: CouncilSessionList, ...Errors },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return listSessions(runtime(app).reader(req), req.params.eron, req.query);
    },
  );

  app.get(
    `${base}/incentives`,
    {
      config: { auth: { roles: INCENTIVE_READERS } },
      schema: {
        operationId: 'listIncentives',
        'x-rules': ['DIS-16', 'DIS-15'],
        summary: 'The incentives the Director granted here, with the Council’s acta and the report to the judge (DIS-16)',
        description: `DIS-16: every incentive granted, with the Council’s decision and the treatment officer’s opinion it cites and the notification to the supervising judge (DIS-15). ${paging} \`nui\` filters one PPL.`,
        params: Eron,
        querystring: IncentivesQuery,
        response: { 200: IncentiveList, ...Errors },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return listIncentives(runtime(app).reader(req), req.params.eron, req.query);
    },
  );

  app.get(
    `${base}/own-food-requests`,
    {
      config: { auth: { roles: COUNCIL_READERS } },
      schema: {
        operationId: 'listOwnFoodRequests',
        'x-rules': ['DIS-18'],
        summary: 'The own-food requests the Council answered here and their status (DIS-18)',
        description: `DIS-18: each request with the Council’s answer (approved or denied), whether it was for health reasons, and the acta. ${paging} \`status\` filters approved or denied.`,
        params: Eron,
        querystring: OwnFoodRequestsQuery,
        response: { 200: OwnFoodRequestList, ...Errors },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return listOwnFood(runtime(app).reader(req), req.params.eron, req.query);
    },
  );

  app.get(
    `${base}/complaints`,
    {
      config: { auth: { roles: COMPLAINT_READERS } },
      schema: {
        operationId: 'listComplaints',
        'x-rules': ['DIS-19', 'PLT-06'],
        summary:
          'The complaints received here with their 24- and 36-hour deadlines and the overdue flag; no confidential data (DIS-19, PLT-06)',
        description: `DIS-19: each complaint’s kind, deadlines (due, done, on time) and whether it is overdue; the complainant and the account are never listed (PLT-06) — read one complaint for them. ${paging} \`overdue=true\` lists only those past a deadline, \`kind\` one kind.`,
        params: Eron,
        querystring: ComplaintsQuery,
        response: { 200: ComplaintPage, ...Errors },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return listComplaints(runtime(app).reader(req), req.params.eron, req.query);
    },
  );
};

export default listRoutes;
