import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  Council,
  CouncilDecision,
  CouncilDecisionRequest,
  CouncilRequest,
  CouncilSession,
  CouncilSessionRequest,
  EronCode,
  Problem,
  Uuid,
} from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { COUNCIL_CONVENERS, COUNCIL_READERS, COUNCIL_RECORDERS, COUNCIL_SETTERS } from '../roles';
import { runtime } from '../runtime';
import { decide, getCouncil, getSession, openSession, sessionActa, setCouncil } from './council.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem };
const Eron = Type.Object({ eron: EronCode });
const Session = Type.Object({ eron: EronCode, id: Uuid });
const base = '/api/v1/discipline/establishments/:eron/council';

/** The Disciplinary Council (DIS-11, DIS-12): its composition, sessions, decisions with votes, and actas. */
const councilRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    base,
    {
      config: { auth: { roles: COUNCIL_SETTERS } },
      schema: {
        operationId: 'setDisciplinaryCouncil',
        'x-rules': ['DIS-11'],
        summary: 'Set the establishment’s Disciplinary Council: members, posts, groups and secretary (DIS-11)',
        description:
          'Art. 135: the Director presides; the personero (or delegate) and an elected PPL representative with an alternate are ' +
          'always members (422 DIS-11 listing what is missing). Groups one and two follow Art. 135 §1; the PPL representative has ' +
          'voice, never vote. The new composition replaces the current one.',
        params: Eron,
        body: CouncilRequest,
        response: { 200: Council, ...Errors },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return runtime(app).transact(req, (ctx) => setCouncil(ctx, { eron: req.params.eron, body: req.body }));
    },
  );

  app.get(
    base,
    {
      config: { auth: { roles: COUNCIL_READERS } },
      schema: {
        operationId: 'getDisciplinaryCouncil',
        'x-rules': ['DIS-11'],
        summary: 'The establishment’s Disciplinary Council: members with post, groups and vote, and secretary (DIS-11)',
        params: Eron,
        response: { 200: Council, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return getCouncil(runtime(app).reader(req), req.params.eron);
    },
  );

  app.post(
    `${base}/sessions`,
    {
      config: { auth: { roles: COUNCIL_CONVENERS } },
      schema: {
        operationId: 'openCouncilSession',
        'x-rules': ['DIS-11', 'DIS-12'],
        summary: 'Open a council session, ordinary or extraordinary, with attendance and agenda; its acta is numbered (DIS-11, DIS-12)',
        description:
          'Art. 135: an extraordinary session is convened by the Director, the legal head, or on a member’s justified request ' +
          '(else 422 DIS-11). Attendance lists council members only (422 DIS-12). The acta is numbered per establishment and year.',
        params: Eron,
        body: CouncilSessionRequest,
        response: { 201: CouncilSession, ...Errors },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      return reply.code(201).send(await runtime(app).transact(req, (ctx) => openSession(ctx, { eron: req.params.eron, body: req.body })));
    },
  );

  app.get(
    `${base}/sessions/:id`,
    {
      config: { auth: { roles: COUNCIL_READERS } },
      schema: {
        operationId: 'getCouncilSession',
        'x-rules': ['DIS-12'],
        summary: 'A council session: attendance, agenda, decisions with each member’s vote (DIS-12)',
        params: Session,
        response: { 200: CouncilSession, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return getSession(runtime(app).reader(req), req.params.eron, req.params.id);
    },
  );

  app.post(
    `${base}/sessions/:id/decisions`,
    {
      config: { auth: { roles: COUNCIL_RECORDERS } },
      schema: {
        operationId: 'recordCouncilDecision',
        'x-rules': ['DIS-12', 'DIS-11'],
        summary: 'Record a decision of the council in session with each member’s vote (DIS-12)',
        description:
          'Art. 135: quorum is three members of the deciding group with a vote present; only they vote — the PPL representative, ' +
          'an absent member or a non-member voting is a 422 DIS-12. The outcome is the majority of votes for over against.',
        params: Session,
        body: CouncilDecisionRequest,
        response: { 201: CouncilDecision, ...Errors },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      return reply
        .code(201)
        .send(await runtime(app).transact(req, (ctx) => decide(ctx, { eron: req.params.eron, sessionId: req.params.id, body: req.body })));
    },
  );

  app.get(
    `${base}/sessions/:id/acta.pdf`,
    {
      config: { auth: { roles: COUNCIL_READERS } },
      schema: {
        operationId: 'getCouncilActaPdf',
        'x-rules': ['DIS-12', 'DIS-11'],
        summary: 'The session’s acta (PDF) for the president’s and secretary’s signatures (DIS-11, DIS-12)',
        params: Session,
        produces: ['application/pdf'],
        response: {
          200: { description: 'The acta (PDF)', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
          401: Problem,
          403: Problem,
          404: Problem,
        },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      const { file, name } = await sessionActa(runtime(app).reader(req), req.params.eron, req.params.id);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}"`).send(file);
    },
  );
};

export default councilRoutes;
