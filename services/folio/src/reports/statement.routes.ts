import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { bogotaToday, LocalDate, notFound, Nui, Problem, ProblemError, Statement } from '@eron/shared';
import { assertActsFor, audit } from '@eron/shared/platform';
import { ACCOUNT_READERS } from '../roles';
import type { Db } from '../db';
import { findFolio } from '../accounts/account.repository';
import { remainingCaps } from '../spending/caps.repository';
import { statementCsv, statementPdf } from './statement.render';
import { statementSections } from './statement.repository';

type Format = 'json' | 'csv' | 'pdf';

/** The format param wins; else the Accept header; else JSON. */
export function formatOf(param: Format | undefined, accept: string | undefined): Format {
  if (param) return param;
  if (accept?.includes('text/csv')) return 'csv';
  if (accept?.includes('application/pdf')) return 'pdf';
  return 'json';
}

const badPeriod = () =>
  new ProblemError({
    status: 400,
    code: 'bad-period',
    title: 'Bad request',
    detail: { es: 'El período va de from a to, con from ≤ to', en: 'The period runs from `from` to `to`, with from ≤ to' },
    errors: [{ field: 'querystring:/from', message: { es: 'posterior a to', en: 'after to' } }],
  });

const statementRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db as Db;
  app.get(
    '/api/v1/folio/accounts/:nui/statement',
    {
      config: { auth: { roles: ACCOUNT_READERS } },
      schema: {
        operationId: 'getStatement',
        summary: 'A PPL’s Folio statement for a period, as JSON, CSV or PDF (FOL-16)',
        description:
          'FOL-16: every movement with Bogotá date, concept, document reference and running balance for the available, savings and ' +
          'seized accounts, opening and closing balances; and now: the available balance and what remains of today’s and this ' +
          'month’s caps (FOL-07). `format` or the Accept header (text/csv, application/pdf) chooses the form. Reads are audited.',
        params: Type.Object({ nui: Nui }),
        querystring: Type.Object(
          {
            from: Type.Optional({ ...LocalDate, description: 'Primer día del período; por defecto el primero del mes en curso' }),
            to: Type.Optional({ ...LocalDate, description: 'Último día del período; por defecto hoy (America/Bogota)' }),
            format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('pdf')])),
          },
          { additionalProperties: false },
        ),
        produces: ['application/json', 'text/csv', 'application/pdf'],
        response: { 200: Statement, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req, reply) => {
      const { nui } = req.params;
      // What a paymaster asks for first: this month so far.
      const { from = `${bogotaToday().slice(0, 7)}-01`, to = bogotaToday() } = req.query;
      if (from > to) throw badPeriod();
      const folio = await findFolio(db, nui);
      if (!folio) throw notFound({ es: `No hay Folio para la PPL ${nui}`, en: `No Folio for PPL ${nui}` });
      assertActsFor(req, folio.eron);
      const today = bogotaToday();
      const [sections, caps] = await Promise.all([statementSections(db, nui, from, to), remainingCaps(db, nui, today)]);
      const statement: Statement = {
        nui,
        eron: folio.eron,
        from,
        to,
        sections,
        now: { date: today, available: folio.available, savings: folio.savings, seized: folio.seized, day: caps.day, month: caps.month },
      };
      const format = formatOf(req.query.format, req.headers.accept);
      await db
        .transaction()
        .execute((trx) => audit(trx, req, { action: 'read-statement', entity: 'folio', entityId: nui, details: { from, to, format } }));
      // CSV and PDF bypass the JSON serializer: Fastify sends strings and buffers with their own type.
      const file = `extracto-${nui}-${from}-${to}`;
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${file}.csv"`)
          .send(statementCsv(statement) as never);
      }
      if (format === 'pdf') {
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${file}.pdf"`)
          .send((await statementPdf(statement)) as never);
      }
      return statement;
    },
  );
};

export default statementRoutes;
