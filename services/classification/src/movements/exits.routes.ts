import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EronCode, EscapeRegister, EscapeRegisterQuery, Exit, ExitRequest, Nui, Problem, RecaptureRequest } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { EXIT_READERS, EXIT_RECORDERS } from '../roles';
import { runtime } from '../runtime';
import { escapeRegister, recordExit, recordRecapture } from './exits.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };

/** Exits, escapes and recaptures (CLS-21). */
const exitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/classification/exits',
    {
      config: { auth: { roles: EXIT_RECORDERS } },
      schema: {
        operationId: 'recordExit',
        'x-rules': ['CLS-21'],
        summary: 'Record an exit: release, house arrest, death, escape, extradition (CLS-21)',
        description:
          'Release and house arrest need the judicial decision (Art. 41 §). An escape notifies the police and the DG and enters the escapes register, ' +
          'also for PPL in house arrest (Art. 156 §1–2); a death notifies the regional director, the DG, the local authorities and the relatives (Art. 107, Art. 63 §2). ' +
          'The NUI and the record stay; `ppl.exited` is published (not again for an escape from house arrest: the person had already exited). ' +
          'House arrest does not end the quarterly conduct rating (DIS-13, discipline). Idempotency-Key (PLT-05).',
        body: ExitRequest,
        response: { 201: Exit, ...Errors },
      },
    },
    async (req, reply) => runtime(app).idempotent(req, reply, (ctx) => recordExit(ctx, req.body)),
  );

  app.post(
    '/api/v1/classification/ppl/:nui/recaptures',
    {
      config: { auth: { roles: EXIT_RECORDERS } },
      schema: {
        operationId: 'recordRecapture',
        'x-rules': ['CLS-21', 'CLS-03'],
        summary: 'Record the recapture of an escaped PPL in the escapes register (CLS-21, Art. 156 §2)',
        description:
          'The person’s status becomes `recaptured`; re-entry into an establishment goes through a new admission on a judicial order (CLS-03).',
        params: Type.Object({ nui: Nui }),
        body: RecaptureRequest,
        response: { 201: Type.Object({ id: Type.String(), nui: Nui, eron: EronCode, fromHouseArrest: Type.Boolean() }), ...Errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await runtime(app).transact(req, (ctx) => recordRecapture(ctx, { nui: req.params.nui, recapture: req.body }))),
  );

  app.get(
    '/api/v1/classification/establishments/:code/escape-register',
    {
      config: { auth: { roles: EXIT_READERS } },
      schema: {
        operationId: 'getEscapeRegister',
        'x-rules': ['CLS-21'],
        summary: 'The establishment’s register of escapes and recaptures (CLS-21, Art. 156 §2)',
        description:
          'Newest first, a page at a time (`limit`, at most 500): pass `next` as `before`. `from`/`to` (Bogotá dates of the facts) cover ' +
          'at most 366 days (400 beyond).',
        params: Type.Object({ code: EronCode }),
        querystring: EscapeRegisterQuery,
        response: { 200: EscapeRegister, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.code);
      return escapeRegister(runtime(app).reader(req), { eron: req.params.code, ...req.query });
    },
  );
};

export default exitRoutes;
