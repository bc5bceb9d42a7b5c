import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { LocalDate, OffenceCatalogue, Problem } from '@eron/shared';
import { CATALOGUE_READERS } from '../roles';
import { runtime } from '../runtime';
import { catalogueOn } from './offence.use-cases';

/** DIS-01: the catalogue of offences, versioned by the law in force. */
const offenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/discipline/offences',
    {
      config: { auth: { roles: CATALOGUE_READERS } },
      schema: {
        operationId: 'getOffenceCatalogue',
        'x-rules': ['DIS-01'],
        summary: 'The catalogue of offences in force on a date (DIS-01)',
        description:
          'Ley 65 de 1993, Art. 121 (modificado por la Ley 1709 de 2014): each offence leve or grave, with its code and text, in the version in force on `on` (today by default).',
        querystring: Type.Object({ on: Type.Optional(LocalDate) }, { additionalProperties: false }),
        response: { 200: OffenceCatalogue, 400: Problem, 401: Problem, 403: Problem, 422: Problem },
      },
    },
    async (req) => catalogueOn(runtime(app).reader(req), req.query.on),
  );
};

export default offenceRoutes;
