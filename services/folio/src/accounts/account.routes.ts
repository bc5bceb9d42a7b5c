import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Account, notFound, Nui, Problem } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import type { Db } from '../db';
import { findFolio } from '../ledger/ledger.repository';

export const ACCOUNT_READERS = [
  'paymaster',
  'director',
  'deputy_director',
  'shop_clerk',
  'auditor',
  'dg',
  'regional_director',
  'info_systems',
] as const;

const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/folio/accounts/:nui',
    {
      config: { auth: { roles: ACCOUNT_READERS } },
      schema: {
        operationId: 'getAccount',
        summary: 'A PPL’s Folio: balances (FOL-01)',
        params: Type.Object({ nui: Nui }),
        response: { 200: Account, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      const folio = await findFolio(app.db as Db, req.params.nui);
      if (!folio) throw notFound({ es: `No hay Folio para la PPL ${req.params.nui}`, en: `No Folio for PPL ${req.params.nui}` });
      assertActsFor(req, folio.eron);
      return {
        nui: folio.nui,
        eron: folio.eron,
        status: folio.status,
        available: folio.available,
        savings: folio.savings,
        seized: folio.seized,
        openedAt: folio.opened_at.toISOString(),
      };
    },
  );
};

export default accountRoutes;
