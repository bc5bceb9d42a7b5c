import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { addDays, EronCode, EstablishmentReport, FolioMonth, LocalDate, Problem } from '@eron/shared';
import { assertActsFor, audit } from '@eron/shared/platform';
import type { Db } from '../db';
import { bogotaStart, monthBounds } from './period.rules';
import { accountMismatches, heldFromBalances, heldFromPostings, heldMovements } from './reconciliation.repository';
import { accountMovements, depositsByDay, shopFigures } from './reports.repository';

export const REPORT_READERS = ['director', 'deputy_director', 'paymaster', 'auditor', 'dg', 'regional_director'] as const;

/** Every figure of the establishment's report for a Bogotá period, derived from the ledger's postings (FOL-17). */
export async function establishmentReport(db: Db, eron: string, from: string, to: string): Promise<EstablishmentReport> {
  const w = { start: bogotaStart(from), end: bogotaStart(addDays(to, 1)) };
  const now = w.end.getTime() > Date.now();
  const [deposits, shop, cajaEspecial, paymaster, opening, closing, movements, fromBalances, accounts] = await Promise.all([
    depositsByDay(db, eron, w),
    shopFigures(db, eron, w),
    accountMovements(db, eron, 'caja_especial', w),
    accountMovements(db, eron, 'paymaster', w),
    heldFromPostings(db, eron, w.start),
    heldFromPostings(db, eron, w.end),
    heldMovements(db, eron, w.start, w.end),
    heldFromBalances(db, eron, w.end),
    accountMismatches(db, eron, w.end, now),
  ]);
  const moved = movements.reduce((sum, m) => sum + m.amount, 0);
  const reconciles = closing === fromBalances && opening + moved === closing && accounts.mismatches.length === 0;
  return {
    eron,
    period: { from, to },
    deposits,
    shop,
    cajaEspecial,
    balancesHeld: { opening, closing, movements },
    paymaster: { opening: paymaster.opening, closing: paymaster.closing },
    reconciliation: {
      reconciles,
      heldFromPostings: closing,
      heldFromBalances: fromBalances,
      accountsChecked: accounts.checked,
      mismatches: accounts.mismatches,
    },
  };
}

const Params = Type.Object({ code: EronCode });
const Responses = { 200: EstablishmentReport, 400: Problem, 401: Problem, 403: Problem };
const DESCRIPTION =
  'FOL-17: deposits received and rejected by day, shop sales and profit, Caja Especial movements, PPL balances held, and a ' +
  'reconciliation of the paymaster’s figures with the ledger: `reconciles` compares the balances held computed from postings ' +
  'with the running balances the database kept, and every establishment account’s postings with its balance. Reads are audited.';

const establishmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db as Db;
  const read = async (req: Parameters<typeof assertActsFor>[0], eron: string, from: string, to: string) => {
    assertActsFor(req, eron);
    const report = await establishmentReport(db, eron, from, to);
    await db
      .transaction()
      .execute((trx) => audit(trx, req, { action: 'read-establishment-report', entity: 'eron', entityId: eron, details: { from, to } }));
    return report;
  };

  app.get(
    '/api/v1/folio/establishments/:code/reports/daily',
    {
      config: { auth: { roles: REPORT_READERS } },
      schema: {
        operationId: 'getDailyReport',
        summary: 'An establishment’s money report for one Bogotá day (FOL-17)',
        description: DESCRIPTION,
        params: Params,
        querystring: Type.Object({ date: LocalDate }, { additionalProperties: false }),
        response: Responses,
      },
    },
    async (req) => read(req, req.params.code, req.query.date, req.query.date),
  );

  app.get(
    '/api/v1/folio/establishments/:code/reports/monthly',
    {
      config: { auth: { roles: REPORT_READERS } },
      schema: {
        operationId: 'getMonthlyReport',
        summary: 'An establishment’s month-end money report (FOL-17)',
        description: DESCRIPTION,
        params: Params,
        querystring: Type.Object({ month: FolioMonth }, { additionalProperties: false }),
        response: Responses,
      },
    },
    async (req) => {
      const { from, to } = monthBounds(req.query.month);
      return read(req, req.params.code, from, to);
    },
  );
};

export default establishmentRoutes;
