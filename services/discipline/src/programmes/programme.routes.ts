import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CandidateBody, EronCode, OrderBody, Problem, Programme, ProgrammeBody, ProgrammeOrder, RemovalBody, Uuid } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { JETEE_READERS, JETEE_SECRETARIES } from '../roles';
import { runtime } from '../runtime';
import { addProgrammeCandidate, createProgramme, listProgrammes, orderIntoProgramme, removeFromProgramme } from './programme.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const base = '/api/v1/discipline/establishments/:eron/programmes';
const Eron = Type.Object({ eron: EronCode });
const One = Type.Object({ eron: EronCode, id: Uuid });

/** Programmes of work, study and teaching with places, and the JETEE's orders into and out of them (DIS-21). */
const programmeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    base,
    {
      config: { auth: { roles: JETEE_SECRETARIES } },
      schema: {
        operationId: 'createProgramme',
        'x-rules': ['DIS-21'],
        summary: 'Add a work, study or teaching programme with its places and officer (DIS-21)',
        params: Eron,
        body: ProgrammeBody,
        response: { 201: Programme, ...Errors },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      return reply
        .code(201)
        .send(await runtime(app).transact(req, (ctx) => createProgramme(ctx, { eron: req.params.eron, body: req.body })));
    },
  );

  app.get(
    base,
    {
      config: { auth: { roles: JETEE_READERS } },
      schema: {
        operationId: 'listProgrammes',
        'x-rules': ['DIS-21'],
        summary: 'The establishment’s programmes with places and places taken (DIS-21)',
        params: Eron,
        response: { 200: Type.Array(Programme), 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return listProgrammes(runtime(app).reader(req), req.params.eron);
    },
  );

  app.post(
    `${base}/:id/candidates`,
    {
      config: { auth: { roles: JETEE_SECRETARIES } },
      schema: {
        operationId: 'addProgrammeCandidate',
        'x-rules': ['DIS-21'],
        summary: 'A PPL held here waits for the JETEE’s order into the programme (DIS-21)',
        params: One,
        body: CandidateBody,
        response: { 204: Type.Null(), ...Errors },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      await runtime(app).transact(req, (ctx) =>
        addProgrammeCandidate(ctx, { eron: req.params.eron, programmeId: req.params.id, nui: req.body.nui }),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${base}/:id/orders`,
    {
      config: { auth: { roles: JETEE_SECRETARIES } },
      schema: {
        operationId: 'orderIntoProgramme',
        'x-rules': ['DIS-21'],
        summary: 'The JETEE’s order admitting or refusing a PPL, in one of its sessions (DIS-21)',
        description:
          'Arts. 108, 110, 113, 140. A refusal gives grounds and reasons; a ground of Art. 108 (disability, sex, orientation, age, gender ' +
          'identity, race, ethnicity, origin, language, religion, opinion) → 422 DIS-21. Teaching needs the instructor’s accredited ' +
          'qualification. A pre-trial PPL may not take a work place while a sentenced candidate waits for it → 422 DIS-21.',
        params: One,
        body: OrderBody,
        response: { 201: ProgrammeOrder, ...Errors },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      return reply
        .code(201)
        .send(
          await runtime(app).transact(req, (ctx) =>
            orderIntoProgramme(ctx, { eron: req.params.eron, programmeId: req.params.id, body: req.body }),
          ),
        );
    },
  );

  app.post(
    `${base}/:id/orders/:orderId/removal`,
    {
      config: { auth: { roles: JETEE_SECRETARIES } },
      schema: {
        operationId: 'removeFromProgramme',
        'x-rules': ['DIS-21'],
        summary: 'The JETEE removes a PPL from the programme in session, with grounds and reasons (DIS-21)',
        params: Type.Object({ eron: EronCode, id: Uuid, orderId: Uuid }),
        body: RemovalBody,
        response: { 200: ProgrammeOrder, ...Errors },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      const { eron, id, orderId } = req.params;
      return runtime(app).transact(req, (ctx) => removeFromProgramme(ctx, { eron, programmeId: id, orderId, body: req.body }));
    },
  );
};

export default programmeRoutes;
