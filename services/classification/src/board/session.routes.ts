import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { BoardSession, BoardSessionRequest, EronCode, Problem, Uuid } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { PRESIDING, STAFF_READERS } from '../roles';
import { runtime } from '../runtime';
import { getSession, openSession, sessionActaPdf } from './session.use-cases';

/** The board's numbered sessions (CLS-11). */
const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/classification/establishments/:code/board-sessions',
    {
      config: { auth: { roles: PRESIDING } },
      schema: {
        operationId: 'openBoardSession',
        'x-rules': ['CLS-11'],
        summary: 'Open the day’s session of the patio/cell board, with who attends (CLS-11)',
        description:
          'CLS-11, Arts. 30 and 141: the board sits daily; the Director (or deputy) presides with the legal area, health care, the guard ' +
          'commander and social work or psychology — every seat or 422 listing the missing ones. The session’s acta is numbered per ' +
          'establishment and year; its decisions (placements) cite it.',
        params: Type.Object({ code: EronCode }),
        body: BoardSessionRequest,
        response: { 201: BoardSession, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.code);
      return reply
        .code(201)
        .send(await runtime(app).transact(req, (ctx) => openSession(ctx, { eron: req.params.code, session: req.body })));
    },
  );

  app.get(
    '/api/v1/classification/board-sessions/:id',
    {
      config: { auth: { roles: STAFF_READERS } },
      schema: {
        operationId: 'getBoardSession',
        'x-rules': ['CLS-11'],
        summary: 'A session’s acta: attendance and every decision with its reasons (CLS-11)',
        params: Type.Object({ id: Uuid }),
        response: { 200: BoardSession, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => getSession(runtime(app).reader(req), req.params.id),
  );

  app.get(
    '/api/v1/classification/board-sessions/:id/acta.pdf',
    {
      config: { auth: { roles: STAFF_READERS } },
      schema: {
        operationId: 'getBoardSessionActaPdf',
        'x-rules': ['CLS-11'],
        summary: 'A session’s acta as a PDF for the members’ signatures (CLS-11)',
        description:
          'CLS-11, Art. 141.5–6: the letterhead, the acta number, who sat in which seat, every decision (placements, cell changes ' +
          'approved or denied) with its reasons, a signature line for each member present, the date and officer of issue, page i de N.',
        params: Type.Object({ id: Uuid }),
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
      const { file, name } = await sessionActaPdf(runtime(app).reader(req), req.params.id);
      // A buffer bypasses the JSON serializer: Fastify sends it as it is, with the type set here.
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}"`).send(file);
    },
  );
};

export default sessionRoutes;
