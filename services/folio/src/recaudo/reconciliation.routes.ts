import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { addDays, bogotaToday, isBusinessDay, Problem, Reconciliation, ReconciliationQuery, ruleBroken } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import type { Db } from '../db';

const READERS = ['paymaster', 'director', 'deputy_director', 'auditor', 'dg', 'regional_director'] as const;
const MAX_DAYS = 92;

type Bucket = { count: number; amount: number };
const empty = (): Bucket => ({ count: 0, amount: 0 });

/** FOL-17 (deposits part): the bank reconciliation of one establishment, day by day. */
const reconciliationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db as Db;
  app.get(
    '/api/v1/folio/recaudo/reconciliation',
    {
      config: { auth: { roles: READERS } },
      schema: {
        operationId: 'getRecaudoReconciliation',
        summary: 'Bank deposits by business day: files, credited, rejected, held, owed back (FOL-17)',
        description:
          'FOL-17, FOL-06: per calendar day of the range (Colombian business days flagged), the collection files received, whether a past business day still has no file, and the establishment’s deposits credited, rejected (owed back, FOL-04/FOL-05) and held for review.',
        querystring: ReconciliationQuery,
        response: { 200: Reconciliation, 400: Problem, 401: Problem, 403: Problem, 422: Problem },
      },
    },
    async (req) => {
      const { from, to, eron } = req.query;
      assertActsFor(req, eron);
      if (to < from || addDays(from, MAX_DAYS) < to) {
        throw ruleBroken(
          'FOL-17',
          'Art. 40',
          { es: `El rango debe ir de from a to, a lo sumo ${MAX_DAYS} días`, en: `The range must run from ≤ to, at most ${MAX_DAYS} days` },
          {
            status: 400,
            errors: [{ field: 'querystring:/to', message: { es: 'Rango inválido', en: 'Invalid range' } }],
          },
        );
      }
      const files = await sql<{ day: string; n: string }>`
        SELECT collection_date::text AS day, count(*) AS n FROM recaudo_files
        WHERE collection_date BETWEEN ${from}::date AND ${to}::date GROUP BY collection_date`.execute(db);
      const deposits = await sql<{ day: string; status: string; n: string; cents: string }>`
        SELECT d.collection_date::text AS day, COALESCE(r.status, d.status) AS status, count(*) AS n, sum(d.amount_cents) AS cents
        FROM recaudo_deposits d LEFT JOIN recaudo_deposit_reviews r ON r.deposit_id = d.id
        WHERE d.eron = ${eron} AND d.collection_date BETWEEN ${from}::date AND ${to}::date GROUP BY 1, 2`.execute(db);
      // A reviewed deposit counts as the paymaster decided it (FOL-06): held goes down, credited or rejected up.
      const held = await sql<{ n: string; cents: string | null }>`
        SELECT count(*) AS n, sum(d.amount_cents) AS cents FROM recaudo_deposits d
        WHERE d.eron = ${eron} AND d.status = 'held' AND NOT EXISTS (SELECT 1 FROM recaudo_deposit_reviews r WHERE r.deposit_id = d.id)`.execute(
        db,
      );
      const refunds = await db
        .selectFrom('account_balances')
        .select('balance')
        .where('eron', '=', eron)
        .where('kind', '=', 'refunds_due')
        .where('nui', 'is', null)
        .executeTakeFirst();
      const today = bogotaToday();
      const days = [];
      for (let day = from; day <= to; day = addDays(day, 1)) {
        const received = Number(files.rows.find((f) => f.day === day)?.n ?? 0);
        const of = (status: string): Bucket => {
          const row = deposits.rows.find((d) => d.day === day && d.status === status);
          return row ? { count: Number(row.n), amount: Number(BigInt(row.cents) / 100n) } : empty();
        };
        const rejected = of('rejected');
        const business = isBusinessDay(day);
        days.push({
          date: day,
          businessDay: business,
          filesReceived: received,
          fileMissing: business && received === 0 && day < today,
          credited: of('credited'),
          rejected,
          held: of('held'),
          refundsDue: rejected.amount,
        });
      }
      return {
        eron,
        from,
        to,
        days,
        heldForReview: { count: Number(held.rows[0]?.n ?? 0), amount: Number(BigInt(held.rows[0]?.cents ?? 0) / 100n) },
        refundsDueBalance: refunds?.balance ?? 0,
      };
    },
  );
};

export default reconciliationRoutes;
