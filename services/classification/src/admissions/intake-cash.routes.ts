import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  addDays,
  bogotaToday,
  conflict,
  EronCode,
  IntakeCashLine,
  IntakeCashReceiptRequest,
  LocalDate,
  notFound,
  Nui,
  Problem,
  ruleBroken,
  STAFF_ROLES,
} from '@eron/shared';
import { assertActsFor, audit } from '@eron/shared/platform';
import type { Db } from '../db';

/** CLS-10: the cash reaches the paymaster no later than the day after the intake search. */
export const intakeCashDue = (searchDate: string): string => addDays(searchDate, 1);

/** The paymaster's receipt of the intake cash and the establishment's list with overdue flags (CLS-10, Art. 28). */
const intakeCashRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db as Db;

  app.post(
    '/api/v1/classification/ppl/:nui/intake-cash/receipt',
    {
      config: { auth: { roles: ['paymaster'] } },
      schema: {
        operationId: 'receiveIntakeCash',
        summary: 'The paymaster receives the cash found at intake, with the act signed by the three (CLS-10)',
        description:
          'CLS-10, Art. 28: the act is signed by the guard commander, the custody officer who received the person and the paymaster; a ' +
          'copy goes to the PPL. Received later than the day after the search, it is flagged overdue.',
        params: Type.Object({ nui: Nui }),
        body: IntakeCashReceiptRequest,
        response: { 201: IntakeCashLine, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const line = await db.transaction().execute(async (trx) => {
        const a = await trx
          .selectFrom('admissions')
          .select(['nui', 'eron', 'cash_amount', 'cash_acta', 'cash_search_date'])
          .where('nui', '=', req.params.nui)
          .forUpdate()
          .executeTakeFirst();
        if (!a) throw notFound({ es: `No existe la PPL ${req.params.nui}`, en: `No PPL ${req.params.nui}` });
        assertActsFor(req, a.eron);
        if (!a.cash_amount || !a.cash_search_date || !a.cash_acta) {
          throw ruleBroken('CLS-10', 'Art. 28', { es: 'La persona no ingresó con dinero', en: 'The person carried no cash at intake' });
        }
        if (req.body.receivedOn < a.cash_search_date) {
          throw ruleBroken(
            'CLS-10',
            'Art. 28',
            { es: 'El dinero no pudo recibirse antes de la requisa', en: 'The cash cannot be received before the search' },
            { errors: [{ field: '/receivedOn', message: { es: 'antes de la requisa', en: 'before the search' } }] },
          );
        }
        const s = req.body.signatures;
        const row = await trx
          .insertInto('intake_cash_receipts')
          .values({
            nui: a.nui,
            eron: a.eron,
            received_on: req.body.receivedOn,
            guard_commander: s.guardCommander,
            custody_officer: s.custodyOfficer,
            paymaster: s.paymaster,
            copy_given_to_ppl: req.body.copyGivenToPpl,
            recorded_by: req.principal.sub,
          })
          .onConflict((oc) => oc.column('nui').doNothing())
          .returningAll()
          .executeTakeFirst();
        if (!row)
          throw conflict('intake-cash-received', { es: 'Ese dinero ya se recibió', en: 'That cash was already received' }, 'CLS-10');
        await audit(trx, req, { action: 'receive-intake-cash', entity: 'ppl', entityId: a.nui, details: { receivedOn: row.received_on } });
        const dueBy = intakeCashDue(a.cash_search_date);
        return {
          nui: a.nui,
          amount: a.cash_amount,
          actaNumber: a.cash_acta,
          searchDate: a.cash_search_date,
          dueBy,
          receivedOn: row.received_on,
          overdue: row.received_on > dueBy,
        };
      });
      return reply.code(201).send(line);
    },
  );

  app.get(
    '/api/v1/classification/establishments/:code/intake-cash',
    {
      config: { auth: { roles: STAFF_ROLES } },
      schema: {
        operationId: 'listIntakeCash',
        summary: 'Cash found at intake in a period of searches: when it reached the paymaster, and which is overdue (CLS-10)',
        params: Type.Object({ code: EronCode }),
        querystring: Type.Object({ from: LocalDate, to: LocalDate }, { additionalProperties: false }),
        response: { 200: Type.Array(IntakeCashLine), 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.code);
      const rows = await db
        .selectFrom('admissions as a')
        .leftJoin('intake_cash_receipts as r', 'r.nui', 'a.nui')
        .select(['a.nui', 'a.cash_amount', 'a.cash_acta', 'a.cash_search_date', 'r.received_on'])
        .where('a.eron', '=', req.params.code)
        .where('a.cash_amount', 'is not', null)
        .where('a.cash_search_date', '>=', req.query.from)
        .where('a.cash_search_date', '<=', req.query.to)
        .orderBy('a.cash_search_date')
        .orderBy('a.nui')
        .execute();
      const today = bogotaToday();
      return rows.map((r) => {
        const dueBy = intakeCashDue(r.cash_search_date!);
        return {
          nui: r.nui,
          amount: r.cash_amount!,
          actaNumber: r.cash_acta!,
          searchDate: r.cash_search_date!,
          dueBy,
          receivedOn: r.received_on,
          overdue: r.received_on ? r.received_on > dueBy : today > dueBy,
        };
      });
    },
  );
};

export default intakeCashRoutes;
