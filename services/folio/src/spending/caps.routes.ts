import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { bogotaToday, CapsStanding, LocalDate, notFound, Nui, Problem } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { ACCOUNT_READERS } from '../roles';
import type { Db } from '../db';
import { remainingCaps } from './caps.repository';

const capsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/folio/accounts/:nui/caps',
    {
      config: { auth: { roles: ACCOUNT_READERS } },
      schema: {
        operationId: 'getAccountCaps',
        summary: 'What remains of a PPL’s daily and monthly spending caps (FOL-07)',
        description: 'FOL-07 (Art. 41): 2 SMLDV a day and 2 SMMLV a month, or the DG’s figures; Bogotá calendar.',
        params: Type.Object({ nui: Nui }),
        querystring: Type.Object({ date: Type.Optional(LocalDate) }, { additionalProperties: false }),
        response: { 200: CapsStanding, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      const db = app.db as Db;
      const folio = await db.selectFrom('folios').select('eron').where('nui', '=', req.params.nui).executeTakeFirst();
      if (!folio) throw notFound({ es: `No hay Folio para la PPL ${req.params.nui}`, en: `No Folio for PPL ${req.params.nui}` });
      assertActsFor(req, folio.eron);
      const date = req.query.date ?? bogotaToday();
      return { nui: req.params.nui, date, ...(await remainingCaps(db, req.params.nui, date)) };
    },
  );
};

export default capsRoutes;
