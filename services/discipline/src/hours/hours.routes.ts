import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EronCode, HoursBody, HoursEntry, Problem, Uuid } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { HOURS_OFFICERS } from '../roles';
import { runtime } from '../runtime';
import { recordHours } from './hours.use-cases';

/** Daily hours in a programme (DIS-22). */
const hoursRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/discipline/establishments/:eron/programmes/:id/hours',
    {
      config: { auth: { roles: HOURS_OFFICERS } },
      schema: {
        operationId: 'recordProgrammeHours',
        'x-rules': ['DIS-22'],
        summary: 'The programme’s officer records a PPL’s hours of a day; what passes the caps is kept but not counted (DIS-22)',
        description:
          'Caps as dated data: 8 h of work a day and 48 a week, 6 of study, 4 of teaching. Sundays and holidays (Colombian calendar) count ' +
          'only with the Director’s written authorisation. A PPL not in the programme by JETEE order that day, or not held here → 422 DIS-22.',
        params: Type.Object({ eron: EronCode, id: Uuid }),
        body: HoursBody,
        response: { 201: HoursEntry, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.eron);
      return reply
        .code(201)
        .send(
          await runtime(app).transact(req, (ctx) =>
            recordHours(ctx, { eron: req.params.eron, programmeId: req.params.id, body: req.body }),
          ),
        );
    },
  );
};

export default hoursRoutes;
