import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { BoardSession, BoardSessionRequest, conflict, EronCode, notFound, Problem, ruleBroken, STAFF_ROLES, Uuid } from '@eron/shared';
import { assertActsFor, audit } from '@eron/shared/platform';
import type { Db } from '../db';
import { findEstablishment } from '../structure/structure.repository';
import { noEstablishment } from '../structure/structure.rules';
import { actaOf, findSession, openSession } from './session.repository';
import { missingSeats } from './session.rules';

/** The Director (or the deputy) presides and opens the session (Art. 141). */
const PRESIDING = ['director', 'deputy_director'] as const;

const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db as Db;

  app.post(
    '/api/v1/classification/establishments/:code/board-sessions',
    {
      config: { auth: { roles: PRESIDING } },
      schema: {
        operationId: 'openBoardSession',
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
      const missing = missingSeats(req.body.attendees);
      if (missing.length > 0) {
        throw ruleBroken(
          'CLS-11',
          'Art. 141',
          { es: 'La Junta no puede sesionar sin todos sus miembros', en: 'The board cannot sit without all its members' },
          { errors: missing },
        );
      }
      const session = await db.transaction().execute(async (trx) => {
        if (!(await findEstablishment(trx, req.params.code))) throw noEstablishment(req.params.code);
        const opened = await openSession(trx, req.params.code, req.body, req.principal.sub);
        if (opened)
          await audit(trx, req, {
            action: 'open-board-session',
            entity: 'board_session',
            entityId: opened.id,
            details: { acta: opened.acta },
          });
        return opened;
      });
      if (!session) {
        throw conflict(
          'board-session-exists',
          { es: `La Junta ya sesionó el ${req.body.date}`, en: `The board already sat on ${req.body.date}` },
          'CLS-11',
        );
      }
      return reply.code(201).send(await actaOf(db, session));
    },
  );

  app.get(
    '/api/v1/classification/board-sessions/:id',
    {
      config: { auth: { roles: STAFF_ROLES } },
      schema: {
        operationId: 'getBoardSession',
        summary: 'A session’s acta: attendance and every decision with its reasons (CLS-11)',
        params: Type.Object({ id: Uuid }),
        response: { 200: BoardSession, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      const s = await findSession(db, req.params.id);
      if (!s) throw notFound({ es: 'No existe esa sesión de la Junta', en: 'No such board session' });
      assertActsFor(req, s.eron);
      return actaOf(db, s);
    },
  );
};

export default sessionRoutes;
