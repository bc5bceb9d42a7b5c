import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { EronCode, EstablishmentReport, FolioMonth, LocalDate, Problem } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { agreementOf } from '../recaudo/recaudo.config';
import { REPORT_READERS } from '../roles';
import { runtime } from '../runtime';
import { monthBounds } from './period.rules';
import { establishmentReport } from './reports.use-cases';

const Params = Type.Object({ code: EronCode });
const Responses = { 200: EstablishmentReport, 400: Problem, 401: Problem, 403: Problem };
const DESCRIPTION =
  'FOL-17: deposits received and rejected by day, shop sales and profit, Caja Especial movements, PPL balances held, and a ' +
  'reconciliation of the paymaster’s figures with the ledger: `reconciles` compares the balances held computed from postings ' +
  'with the running balances the database kept, and every establishment account’s postings with its balance. Lines of its officers’ bank-file uploads booked on the national account (held for the national office, or naming ' +
  'no Folio) are shown apart in `forNationalOffice`, never in its deposits. Reads are audited.';

const establishmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const read = (req: FastifyRequest, q: { eron: string; from: string; to: string }) => {
    assertActsFor(req, q.eron);
    const rt = runtime(app);
    return rt.transact(req, (ctx) => establishmentReport(ctx, { ...q, nationalEron: agreementOf(rt.config).nationalEron }));
  };

  app.get(
    '/api/v1/folio/establishments/:code/reports/daily',
    {
      config: { auth: { roles: REPORT_READERS } },
      schema: {
        operationId: 'getDailyReport',
        'x-rules': ['FOL-17'],
        summary: 'An establishment’s money report for one Bogotá day (FOL-17)',
        description: DESCRIPTION,
        params: Params,
        querystring: Type.Object({ date: LocalDate }, { additionalProperties: false }),
        response: Responses,
      },
    },
    async (req) => read(req, { eron: req.params.code, from: req.query.date, to: req.query.date }),
  );

  app.get(
    '/api/v1/folio/establishments/:code/reports/monthly',
    {
      config: { auth: { roles: REPORT_READERS } },
      schema: {
        operationId: 'getMonthlyReport',
        'x-rules': ['FOL-17'],
        summary: 'An establishment’s month-end money report (FOL-17)',
        description: DESCRIPTION,
        params: Params,
        querystring: Type.Object({ month: FolioMonth }, { additionalProperties: false }),
        response: Responses,
      },
    },
    async (req) => read(req, { eron: req.params.code, ...monthBounds(req.query.month) }),
  );
};

export default establishmentRoutes;
