import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { bogotaMonth, conflict, EronCode, Problem, Product, ProductInput, ShopMonth, ShopSettings, STAFF_ROLES } from '@eron/shared';
import { assertActsFor, audit } from '@eron/shared/platform';
import type { Db } from '../db';
import { closeMonth, findClosedMonth, lockShopMonth, shopTotals } from './shop-month.repository';
import { listProducts, productView, saveProduct, shopRunBy } from './shop.repository';
import { cajaShare, monthOpenProblem, priceProblem } from './shop.rules';

const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'Mes calendario (AAAA-MM), Bogotá' });
const ShopParams = Type.Object({ code: EronCode });
const MonthParams = Type.Object({ code: EronCode, month: Month });
const errors = { 400: Problem, 401: Problem, 403: Problem };
const MONTH_READERS = ['director', 'deputy_director', 'paymaster', 'shop_clerk', 'auditor', 'dg', 'regional_director'] as const;

const shopRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.db as Db;

  app.put(
    '/api/v1/folio/shops/:code',
    {
      config: { auth: { roles: ['director'] } },
      schema: {
        operationId: 'setShop',
        summary: 'Who runs the shop: the establishment or a private company (FOL-09, Arts. 125, 126, 128)',
        params: ShopParams,
        body: ShopSettings,
        response: { 200: ShopSettings, ...errors },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.code);
      await db()
        .transaction()
        .execute(async (trx) => {
          const row = { eron: req.params.code, run_by: req.body.runBy, updated_by: req.principal.sub };
          await trx
            .insertInto('shops')
            .values(row)
            .onConflict((oc) => oc.column('eron').doUpdateSet({ run_by: row.run_by, updated_by: row.updated_by, updated_at: new Date() }))
            .execute();
          await audit(trx, req, { action: 'set-shop', entity: 'shop', entityId: req.params.code, details: { runBy: req.body.runBy } });
        });
      return req.body;
    },
  );

  app.get(
    '/api/v1/folio/shops/:code/products',
    {
      config: { auth: { roles: STAFF_ROLES } },
      schema: {
        operationId: 'listShopProducts',
        summary: 'The shop’s public price list (FOL-09, Art. 127)',
        description: 'FOL-09: the list shown next to the shop; readable by the establishment’s staff.',
        params: ShopParams,
        response: { 200: Type.Array(Product), ...errors },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.code);
      return (await listProducts(db(), req.params.code)).map(productView);
    },
  );

  app.post(
    '/api/v1/folio/shops/:code/products',
    {
      config: { auth: { roles: ['director', 'deputy_director', 'shop_clerk'] } },
      schema: {
        operationId: 'saveShopProduct',
        summary: 'Adds or re-prices an article of the price list (FOL-09, Art. 125)',
        description: 'FOL-09: a sale price more than 10 % over the acquisition cost → 422. Same SKU → updates it.',
        params: ShopParams,
        body: ProductInput,
        response: { 201: Product, ...errors, 422: Problem },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.code);
      const problem = priceProblem(req.body);
      if (problem) throw problem;
      const saved = await db()
        .transaction()
        .execute(async (trx) => {
          const p = await saveProduct(trx, req.params.code, req.body, req.principal.sub);
          await audit(trx, req, { action: 'save-product', entity: 'shop_product', entityId: p.id, details: req.body });
          return p;
        });
      return reply.code(201).send(productView(saved));
    },
  );

  app.get(
    '/api/v1/folio/shops/:code/months/:month',
    {
      config: { auth: { roles: MONTH_READERS } },
      schema: {
        operationId: 'getShopMonth',
        summary: 'The monthly shop statement: sales, cost of goods, profit, Caja Especial share (FOL-09, Art. 128)',
        params: MonthParams,
        response: { 200: ShopMonth, ...errors },
      },
    },
    async (req) => {
      const { code, month } = req.params;
      assertActsFor(req, code);
      const closed = await findClosedMonth(db(), code, month);
      if (closed) return monthView(closed);
      const [totals, runBy] = await Promise.all([shopTotals(db(), code, month), shopRunBy(db(), code)]);
      const profit = totals.sales - totals.costOfGoods;
      return { shop: code, month, runBy, ...totals, profit, cajaEspecialShare: cajaShare(runBy, profit), closed: false };
    },
  );

  app.post(
    '/api/v1/folio/shops/:code/months/:month/close',
    {
      config: { auth: { roles: ['director', 'paymaster'] } },
      schema: {
        operationId: 'closeShopMonth',
        summary: 'Closes a shop month: 30 % of the profit to the Caja Especial (FOL-09, Art. 128)',
        description: 'FOL-09: once per month, after it is over; records shop → Caja Especial where the establishment runs the shop.',
        params: MonthParams,
        response: { 201: ShopMonth, ...errors, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const { code, month } = req.params;
      assertActsFor(req, code);
      const open = monthOpenProblem(month, bogotaMonth());
      if (open) throw open;
      const row = await db()
        .transaction()
        .execute(async (trx) => {
          await lockShopMonth(trx, code, month);
          await trx.selectFrom('shops').select('eron').where('eron', '=', code).forUpdate().execute();
          if (await findClosedMonth(trx, code, month)) throw monthClosed(month);
          const closed = await closeMonth(trx, code, month, req.principal.sub, req.id);
          await audit(trx, req, { action: 'close-shop-month', entity: 'shop_month', entityId: `${code}/${month}` });
          return closed;
        })
        .catch((err: { code?: string }) => {
          // Belt and braces: whatever got past the lock, the primary key makes it the same 409.
          if (err.code === '23505') throw monthClosed(month);
          throw err;
        });
      return reply.code(201).send(monthView(row));
    },
  );
};

const monthClosed = (month: string) =>
  conflict('shop-month-closed', { es: `El mes ${month} ya está cerrado`, en: `Month ${month} is already closed` }, 'FOL-09');

function monthView(m: {
  eron: string;
  month: string;
  run_by: string;
  sales: number;
  cost_of_goods: number;
  profit: number;
  caja_share: number;
  closed_at: Date;
  tx_id: string | null;
}) {
  return {
    shop: m.eron,
    month: m.month,
    runBy: m.run_by,
    sales: m.sales,
    costOfGoods: m.cost_of_goods,
    profit: m.profit,
    cajaEspecialShare: m.caja_share,
    closed: true,
    closedAt: m.closed_at.toISOString(),
    transactionId: m.tx_id,
  };
}

export default shopRoutes;
