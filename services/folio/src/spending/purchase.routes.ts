import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bogotaToday, Problem, PurchaseRequest, Receipt } from '@eron/shared';
import { assertActsFor, IDEMPOTENCY_HEADER, idempotent } from '@eron/shared/platform';
import type { Db, Trx } from '../db';
import { purchase } from './spend.repository';
import { refusal, standing } from './spend.rules';

/** Runs a one-statement money write: alone in autocommit without a key, else inside PLT-05's transaction. */
export async function oneStatement<B>(
  req: FastifyRequest,
  reply: FastifyReply,
  db: Db,
  work: (q: Db | Trx) => Promise<{ status: number; body: B }>,
): Promise<FastifyReply> {
  if (req.headers[IDEMPOTENCY_HEADER] === undefined) {
    const out = await work(db);
    return reply.code(out.status).send(out.body);
  }
  return idempotent(req, reply, db, work);
}

const purchaseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/folio/purchases',
    {
      config: { auth: { roles: ['shop_clerk'] } },
      schema: {
        operationId: 'createPurchase',
        summary: 'A shop sale paid through the Folio, with its receipt (FOL-09, FOL-07, FOL-08 (1))',
        description:
          'FOL-09 (Arts. 124–130): priced from the shop’s list, paid only through the Folio, receipt numbered. ' +
          'FOL-07 (Arts. 41, 42): within the daily and monthly caps and the balance (FOL-02), atomically; ' +
          'raw materials count toward the monthly cap only. Idempotency-Key (PLT-05).',
        body: PurchaseRequest,
        response: { 201: Receipt, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const { nui, shop, items } = req.body;
      assertActsFor(req, shop);
      const date = bogotaToday();
      return oneStatement(req, reply, app.db as Db, async (q) => {
        const o = await purchase(q, { nui, shop, items, date, createdBy: req.principal.sub, requestId: req.id });
        if (o.outcome !== 'ok') throw refusal(o, nui, o.total ?? 0);
        const body = {
          receiptNumber: `${shop}-${o.receipt}`,
          transactionId: o.txId,
          nui,
          shop,
          date,
          total: o.total!,
          lines: o.lines!.map(({ productId, sku, name, quantity, unitPrice, rawMaterial }) => ({
            productId,
            sku,
            name,
            quantity,
            unitPrice,
            rawMaterial,
          })),
          after: standing(o),
        };
        return { status: 201, body };
      });
    },
  );
};

export default purchaseRoutes;
