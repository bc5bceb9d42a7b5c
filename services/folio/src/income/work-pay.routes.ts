import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  bogotaMonth,
  conflict,
  notFound,
  Nui,
  Problem,
  ruleBroken,
  SavingsAuthorisation,
  SavingsAuthorisationRequest,
  WorkPayment,
  WorkPaymentRequest,
} from '@eron/shared';
import { assertActsFor, audit, idempotent } from '@eron/shared/platform';
import type { Db, Trx } from '../db';
import { bookWorkPay, findWorkPayment, lockFolio, savingsAuthorised } from './income.repository';
import { isFutureMonth, splitWorkPay } from './income.rules';

const noFolio = (nui: string) => notFound({ es: `No hay Folio para la PPL ${nui}`, en: `No Folio for PPL ${nui}` });

/** The Folio, locked, in the caller's scope and open: the common gate of every income booking. */
export async function openFolioInScope(trx: Trx, req: Parameters<typeof assertActsFor>[0], nui: string, rule: string, article: string) {
  const folio = await lockFolio(trx, nui);
  if (!folio) throw noFolio(nui);
  assertActsFor(req, folio.eron);
  if (folio.status !== 'open') {
    throw ruleBroken(
      rule,
      article,
      { es: `El Folio de ${nui} está cerrado`, en: `The Folio of ${nui} is closed` },
      { code: 'folio-closed' },
    );
  }
  return folio;
}

const workPayRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db as Db;

  app.put(
    '/api/v1/folio/accounts/:nui/savings-authorisation',
    {
      config: { auth: { roles: ['paymaster', 'director', 'deputy_director'] } },
      schema: {
        operationId: 'setSavingsAuthorisation',
        summary: 'Record the PPL’s written authorisation to save 10 % of work pay (FOL-11)',
        description: 'FOL-11, Art. 43: the savings deduction applies only where the PPL authorised it. The latest document is in force.',
        params: Type.Object({ nui: Nui }),
        body: SavingsAuthorisationRequest,
        response: { 200: SavingsAuthorisation, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (req) => {
      const { nui } = req.params;
      return db.transaction().execute(async (trx) => {
        await openFolioInScope(trx, req, nui, 'FOL-11', 'Art. 43');
        const row = await trx
          .insertInto('savings_authorisations')
          .values({ nui, authorised: req.body.authorised, document: req.body.document, recorded_by: req.principal.sub })
          .returning('recorded_at')
          .executeTakeFirstOrThrow();
        await audit(trx, req, {
          action: 'set-savings-authorisation',
          entity: 'folio',
          entityId: nui,
          details: { authorised: req.body.authorised },
        });
        return { nui, authorised: req.body.authorised, document: req.body.document, recordedAt: row.recorded_at.toISOString() };
      });
    },
  );

  app.post(
    '/api/v1/folio/work-payments',
    {
      config: { auth: { roles: ['paymaster'] } },
      schema: {
        operationId: 'payWork',
        summary: 'Book a PPL’s monthly work bonificación, split by law (FOL-11)',
        description:
          'FOL-11, Arts. 43 and 120: 10 % to the Caja Especial, 10 % to savings where authorised, the rest available; ' +
          'whole pesos, parts add exactly to the amount. One per PPL and month. Accepts Idempotency-Key (PLT-05).',
        body: WorkPaymentRequest,
        response: { 201: WorkPayment, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) =>
      idempotent(req, reply, db, async (trx) => {
        const b = req.body;
        const folio = await openFolioInScope(trx, req, b.nui, 'FOL-11', 'Art. 43');
        if (isFutureMonth(b.month, bogotaMonth())) {
          throw ruleBroken(
            'FOL-11',
            'Art. 120',
            { es: 'La bonificación se paga por un mes ya trabajado', en: 'Work pay is for a month already worked' },
            { errors: [{ field: '/month', message: { es: 'mes futuro', en: 'future month' } }] },
          );
        }
        if (await findWorkPayment(trx, b.nui, b.month)) {
          throw conflict(
            'work-pay-already-booked',
            {
              es: `La bonificación de ${b.month} ya se registró para ${b.nui}`,
              en: `Work pay for ${b.month} is already booked for ${b.nui}`,
            },
            'FOL-11',
          );
        }
        const split = splitWorkPay(b.amount, await savingsAuthorised(trx, b.nui));
        const booked = await bookWorkPay(trx, {
          ...b,
          eron: folio.eron,
          split,
          workFront: b.workFront,
          payroll: b.payrollReference,
          by: req.principal.sub,
          requestId: req.id,
        });
        await audit(trx, req, {
          action: 'pay-work',
          entity: 'work_payment',
          entityId: booked.id,
          details: { nui: b.nui, month: b.month, amount: b.amount },
        });
        return {
          status: 201,
          body: {
            id: booked.id,
            nui: b.nui,
            eron: folio.eron,
            month: b.month,
            amount: b.amount,
            ...split,
            transactionId: booked.transactionId,
          },
        };
      }),
  );
};

export default workPayRoutes;
