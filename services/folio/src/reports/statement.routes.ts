import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { LocalDate, Nui, Problem, Statement } from '@eron/shared';
import { ACCOUNT_READERS } from '../roles';
import { runtime } from '../runtime';
import { statementCsv, statementPdf } from './statement.render';
import { statementOf } from './statement.use-cases';

type Format = 'json' | 'csv' | 'pdf';

/** The format param wins; else the Accept header; else JSON. */
export function formatOf(param: Format | undefined, accept: string | undefined): Format {
  if (param) return param;
  if (accept?.includes('text/csv')) return 'csv';
  if (accept?.includes('application/pdf')) return 'pdf';
  return 'json';
}

const statementRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/folio/accounts/:nui/statement',
    {
      config: { auth: { roles: ACCOUNT_READERS } },
      schema: {
        operationId: 'getStatement',
        'x-rules': ['FOL-16', 'FOL-07'],
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
      const format = formatOf(req.query.format, req.headers.accept);
      const q = { nui: req.params.nui, from: req.query.from, to: req.query.to, format };
      const statement = await runtime(app).transact(req, (ctx) => statementOf(ctx, q));
      // CSV and PDF bypass the JSON serializer: Fastify sends strings and buffers with their own type.
      const file = `extracto-${statement.nui}-${statement.from}-${statement.to}`;
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
          .send((await statementPdf(statement, req.principal.sub)) as never);
      }
      return statement;
    },
  );
};

export default statementRoutes;
