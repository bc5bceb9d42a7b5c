import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EronCode, FolioMonth, Problem, ShopAccounts, ShopAccountSubmissionRequest } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { REPORT_READERS, SHOP_ACCOUNT_SUBMITTERS } from '../roles';
import { runtime } from '../runtime';
import { shopAccounts, submitShopAccounts } from './reports.use-cases';

const shopAccountsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/folio/establishments/:code/shop-accounts',
    {
      config: { auth: { roles: REPORT_READERS } },
      schema: {
        operationId: 'getShopAccounts',
        'x-rules': ['FOL-17'],
        summary: 'The shop’s monthly accounts of a year, with due dates and overdue flags (FOL-17)',
        description: 'FOL-17, Art. 128: due within the first five calendar days of the next month to the regional finance area.',
        params: Type.Object({ code: EronCode }),
        querystring: Type.Object(
          { year: Type.String({ pattern: '^20[0-9]{2}$', description: 'Año (AAAA)' }) },
          { additionalProperties: false },
        ),
        response: { 200: ShopAccounts, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.code);
      return shopAccounts(runtime(app).reader(req), { eron: req.params.code, year: Number(req.query.year), now: app.folioClock.now() });
    },
  );

  app.post(
    '/api/v1/folio/establishments/:code/shop-accounts/:month/submission',
    {
      config: { auth: { roles: SHOP_ACCOUNT_SUBMITTERS } },
      schema: {
        operationId: 'submitShopAccounts',
        'x-rules': ['FOL-17'],
        summary: 'The Director records sending a month’s shop accounts (FOL-17)',
        description: 'FOL-17, Art. 128: once per month, only for a month that has ended. Accepts Idempotency-Key (PLT-05).',
        params: Type.Object({ code: EronCode, month: FolioMonth }),
        body: ShopAccountSubmissionRequest,
        response: {
          201: Type.Object({ eron: EronCode, month: FolioMonth, submittedAt: Type.String(), overdue: Type.Boolean() }),
          400: Problem,
          401: Problem,
          403: Problem,
          409: Problem,
          422: Problem,
        },
      },
    },
    async (req, reply) => {
      const { code, month } = req.params;
      assertActsFor(req, code);
      const now = app.folioClock.now();
      return runtime(app).idempotent(req, reply, (ctx) => submitShopAccounts(ctx, { eron: code, month, ...req.body, now }));
    },
  );
};

export default shopAccountsRoutes;
