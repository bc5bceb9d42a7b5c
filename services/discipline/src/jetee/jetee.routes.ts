import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Uuid, EronCode, JeteeBoard, JeteeBoardBody, JeteeSession, JeteeSessionBody, MissedMonths, Month, Problem } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { JETEE_READERS, JETEE_SECRETARIES } from '../roles';
import { runtime } from '../runtime';
import { constituteBoard, getBoard, holdSession, missedMonths, sessionActa } from './jetee.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const Eron = Type.Object({ eron: EronCode });
const base = '/api/v1/discipline/establishments/:eron/jetee';

/** The JETEE (DIS-20, Art. 140): its board, its monthly sessions with numbered actas, the months it did not sit. */
const jeteeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    base,
    {
      config: { auth: { roles: ['director'] } },
      schema: {
        operationId: 'constituteJetee',
        'x-rules': ['DIS-20'],
        summary: 'Constitute or recompose the establishment’s JETEE (DIS-20)',
        description:
          'Art. 140: the Director; the deputy director or whom the Director names; the head of attention and treatment; the guard ' +
          'commander or the officer he designates — one member each, else 422 naming DIS-20.',
        params: Eron,
        body: JeteeBoardBody,
        response: { 200: JeteeBoard, ...Errors },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return runtime(app).transact(req, (ctx) => constituteBoard(ctx, { eron: req.params.eron, body: req.body }));
    },
  );

  app.get(
    base,
    {
      config: { auth: { roles: JETEE_READERS } },
      schema: {
        operationId: 'getJetee',
        'x-rules': ['DIS-20'],
        summary: 'The establishment’s JETEE and its members (DIS-20)',
        params: Eron,
        response: { 200: JeteeBoard, 401: Problem, 403: Problem, 422: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return getBoard(runtime(app).reader(req), req.params.eron);
    },
  );

  app.post(
    `${base}/sessions`,
    {
      config: { auth: { roles: JETEE_SECRETARIES } },
      schema: {
        operationId: 'holdJeteeSession',
        'x-rules': ['DIS-20'],
        summary: 'Record a JETEE session: date, attendance, the next numbered acta (DIS-20)',
        params: Eron,
        body: JeteeSessionBody,
        response: { 201: JeteeSession, ...Errors },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      return reply.code(201).send(await runtime(app).transact(req, (ctx) => holdSession(ctx, { eron: req.params.eron, body: req.body })));
    },
  );

  app.get(
    `${base}/missed-months`,
    {
      config: { auth: { roles: JETEE_READERS } },
      schema: {
        operationId: 'jeteeMissedMonths',
        'x-rules': ['DIS-20'],
        summary: 'Calendar months in which the JETEE held no session, with when the scheduled job flagged each (DIS-20)',
        params: Eron,
        querystring: Type.Object({ from: Type.Optional(Month), to: Type.Optional(Month) }, { additionalProperties: false }),
        response: { 200: MissedMonths, 400: Problem, 401: Problem, 403: Problem, 422: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return missedMonths(runtime(app).reader(req), { eron: req.params.eron, ...req.query });
    },
  );

  app.get(
    `${base}/sessions/:id/acta`,
    {
      config: { auth: { roles: JETEE_READERS } },
      schema: {
        operationId: 'getJeteeActa',
        'x-rules': ['DIS-20'],
        summary: 'A session’s numbered, dated acta (PDF): attendance, orders and evaluations (DIS-20)',
        params: Type.Object({ eron: EronCode, id: Uuid }),
        produces: ['application/pdf'],
        response: {
          200: { description: 'The acta (PDF)', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
        },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      const file = await sessionActa(runtime(app).reader(req), req.params);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="acta-jetee-${req.params.id}.pdf"`).send(file);
    },
  );
};

export default jeteeRoutes;
