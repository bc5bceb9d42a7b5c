import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ConductDecisions, ConductRatingList, ConductRun, EronCode, Problem, Quarter, Uuid } from '@eron/shared';
import { assertActsFor, traceOf } from '@eron/shared/platform';
import { CONDUCT_COUNCIL, CONDUCT_PROPOSERS, DISCIPLINE_STAFF } from '../roles';
import { runtime } from '../runtime';
import { decideRatings, getRun, listRatings, requestProposals } from './conduct.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem };
const base = '/api/v1/discipline/establishments/:eron/conduct';
const EronQuarter = Type.Object({ eron: EronCode, quarter: Quarter });

/** DIS-13: quarterly conduct ratings — proposed by a job from the record, decided by the Council in session. */
const conductRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    `${base}/quarters/:quarter/proposals`,
    {
      config: { auth: { roles: CONDUCT_PROPOSERS } },
      schema: {
        operationId: 'proposeConductRatings',
        'x-rules': ['DIS-13'],
        summary: 'Propose the quarter’s conduct rating of every PPL of the establishment, as a job with progress (DIS-13)',
        description:
          'Arts. 136.1, 137. Every PPL held at the establishment and every one it sent to house arrest is rated from the record: ' +
          'a firm grave in the quarter → mala; a firm leve → regular, or in a quarter already mala the mala carries into the next; ' +
          'ejemplar after three consecutive buena; else buena. 202 with the Location of the job, whose progress says how many are done. ' +
          'A rating the Council already decided is kept.',
        params: EronQuarter,
        response: { 202: ConductRun, ...Errors },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      const rt = runtime(app);
      const run = await rt.transact(req, (ctx) => requestProposals(ctx, req.params));
      // Woken once committed, in the request's trace; a lost wake-up is found by the job's schedule.
      await rt.jobs
        .trigger('conduct-proposals', { runId: run.id }, run.id, traceOf(req))
        .catch((err: unknown) => req.log.warn({ err, runId: run.id }, 'Conduct job not woken'));
      return reply.code(202).header('location', `/api/v1/discipline/establishments/${run.eron}/conduct/proposal-runs/${run.id}`).send(run);
    },
  );

  app.get(
    `${base}/proposal-runs/:id`,
    {
      config: { auth: { roles: DISCIPLINE_STAFF } },
      schema: {
        operationId: 'getConductProposalRun',
        'x-rules': ['DIS-13'],
        summary: 'A rating job’s progress: queued, running (done of total), done or failed (DIS-13)',
        params: Type.Object({ eron: EronCode, id: Uuid }),
        response: { 200: ConductRun, ...Errors },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return getRun(runtime(app).reader(req), req.params.eron, req.params.id);
    },
  );

  app.get(
    `${base}/quarters/:quarter/ratings`,
    {
      config: { auth: { roles: DISCIPLINE_STAFF } },
      schema: {
        operationId: 'listConductRatings',
        'x-rules': ['DIS-13'],
        summary: 'The quarter’s ratings of the establishment: each proposal, its basis and the Council’s decision (DIS-13)',
        params: EronQuarter,
        response: { 200: ConductRatingList, ...Errors },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return { items: await listRatings(runtime(app).reader(req), req.params.eron, req.params.quarter) };
    },
  );

  app.post(
    `${base}/quarters/:quarter/decisions`,
    {
      config: { auth: { roles: CONDUCT_COUNCIL } },
      schema: {
        operationId: 'decideConductRatings',
        'x-rules': ['DIS-13'],
        summary: 'The Council approves or amends proposed ratings in session; an amendment gives its reasons (DIS-13)',
        description:
          'Art. 137. A rating equal to the proposal approves it; another amends it and needs `reasons` (422 DIS-13 listing every ' +
          'decision without them, or naming a PPL with no proposal this quarter). `session` is the Council session’s acta reference.',
        params: EronQuarter,
        body: ConductDecisions,
        response: { 200: ConductRatingList, ...Errors },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      const items = await runtime(app).transact(req, (ctx) => decideRatings(ctx, { ...req.params, ...req.body }));
      return { items };
    },
  );
};

export default conductRoutes;
