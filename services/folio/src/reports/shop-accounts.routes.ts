import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  bogotaMonth,
  bogotaToday,
  conflict,
  EronCode,
  FolioMonth,
  Problem,
  ruleBroken,
  ShopAccounts,
  ShopAccountSubmissionRequest,
} from '@eron/shared';
import { assertActsFor, audit, idempotent } from '@eron/shared/platform';
import type { Db } from '../db';
import { REPORT_READERS } from './establishment.routes';
import { monthBounds, monthsOfYear, shopAccountsDue } from './period.rules';
import { shopSalesOf } from './reports.repository';

/**
 * The shop's monthly accounts (FOL-17, Art. 128): a month with shop activity in the ledger is due
 * by the 5th calendar day of the next month; unsent by then, or sent later, it is overdue.
 */
async function shopAccounts(db: Db, eron: string, year: number) {
  const today = bogotaToday();
  const current = bogotaMonth();
  const sent = await db
    .selectFrom('shop_account_submissions')
    .selectAll()
    .where('eron', '=', eron)
    .where('month', 'like', `${year}-%`)
    .execute();
  const months = await Promise.all(
    monthsOfYear(year)
      .filter((m) => m <= current)
      .map(async (month) => {
        const { from, to } = monthBounds(month);
        const sales = await shopSalesOf(db, eron, from, to);
        const dueDate = shopAccountsDue(month);
        const s = sent.find((r) => r.month === month);
        const submittedOn = s ? bogotaToday(s.submitted_at) : null;
        const due = sales > 0;
        const overdue = due && (submittedOn ? submittedOn > dueDate : today > dueDate);
        return {
          month,
          sales,
          due,
          dueDate,
          submittedAt: s?.submitted_at.toISOString() ?? null,
          submittedTo: s?.submitted_to ?? null,
          overdue,
        };
      }),
  );
  return { eron, year, months };
}

const shopAccountsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db as Db;
  app.get(
    '/api/v1/folio/establishments/:code/shop-accounts',
    {
      config: { auth: { roles: REPORT_READERS } },
      schema: {
        operationId: 'getShopAccounts',
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
      return shopAccounts(db, req.params.code, Number(req.query.year));
    },
  );

  app.post(
    '/api/v1/folio/establishments/:code/shop-accounts/:month/submission',
    {
      config: { auth: { roles: ['director'] } },
      schema: {
        operationId: 'submitShopAccounts',
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
      if (month >= bogotaMonth()) {
        throw ruleBroken('FOL-17', 'Art. 128', {
          es: 'Solo se rinden cuentas de meses cerrados',
          en: 'Only a month that has ended can be submitted',
        });
      }
      return idempotent(req, reply, db, async (trx) => {
        const row = await trx
          .insertInto('shop_account_submissions')
          .values({ eron: code, month, submitted_to: req.body.submittedTo, reference: req.body.reference, submitted_by: req.principal.sub })
          .onConflict((oc) => oc.columns(['eron', 'month']).doNothing())
          .returning('submitted_at')
          .executeTakeFirst();
        if (!row)
          throw conflict(
            'shop-accounts-submitted',
            { es: `Las cuentas de ${month} ya se rindieron`, en: `Accounts for ${month} were already submitted` },
            'FOL-17',
          );
        await audit(trx, req, {
          action: 'submit-shop-accounts',
          entity: 'eron',
          entityId: code,
          details: { month, to: req.body.submittedTo },
        });
        const overdue = bogotaToday(row.submitted_at) > shopAccountsDue(month);
        return { status: 201, body: { eron: code, month, submittedAt: row.submitted_at.toISOString(), overdue } };
      });
    },
  );
};

export default shopAccountsRoutes;
