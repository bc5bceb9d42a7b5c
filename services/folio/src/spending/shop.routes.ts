import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EronCode, Problem, Product, ProductInput, ProductPage, ProductPageQuery, ShopMonth, ShopSettings } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { PRODUCT_EDITORS, PRODUCT_READERS, SHOP_MONTH_CLOSERS, SHOP_MONTH_READERS, SHOP_SETTERS } from '../roles';
import { runtime } from '../runtime';
import { closeShopMonth, priceList, setProduct, setShop, shopMonth } from './shop.use-cases';

const Month = Type.String({ pattern: '^[1-9][0-9]{3}-(0[1-9]|1[0-2])$', description: 'Mes calendario (AAAA-MM), Bogotá' });
const ShopParams = Type.Object({ code: EronCode });
const MonthParams = Type.Object({ code: EronCode, month: Month });
const errors = { 400: Problem, 401: Problem, 403: Problem };

const shopRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/api/v1/folio/shops/:code',
    {
      config: { auth: { roles: SHOP_SETTERS } },
      schema: {
        operationId: 'setShop',
        'x-rules': ['FOL-09'],
        summary: 'Who runs the shop: the establishment or a private company (FOL-09, Arts. 125, 126, 128)',
        params: ShopParams,
        body: ShopSettings,
        response: { 200: ShopSettings, ...errors },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.code);
      return runtime(app).transact(req, (ctx) => setShop(ctx, { shop: req.params.code, settings: req.body }));
    },
  );

  app.get(
    '/api/v1/folio/shops/:code/products',
    {
      config: { auth: { roles: PRODUCT_READERS } },
      schema: {
        operationId: 'listShopProducts',
        'x-rules': ['FOL-09', 'PLT-18'],
        summary: 'The shop’s public price list, a page at a time (FOL-09, Art. 127)',
        description:
          'FOL-09: the list shown next to the shop; readable by the establishment’s staff. By SKU, `limit` rows a page (≤ 500, 200 by default); ' +
          'pass `next` as `after` for the following page (PLT-18).',
        params: ShopParams,
        querystring: ProductPageQuery,
        response: { 200: ProductPage, ...errors },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.code);
      return priceList(runtime(app).reader(req), { shop: req.params.code, ...req.query });
    },
  );

  app.post(
    '/api/v1/folio/shops/:code/products',
    {
      config: { auth: { roles: PRODUCT_EDITORS } },
      schema: {
        operationId: 'saveShopProduct',
        'x-rules': ['FOL-09'],
        summary: 'Adds or re-prices an article of the price list (FOL-09, Art. 125)',
        description: 'FOL-09: a sale price more than 10 % over the acquisition cost → 422. Same SKU → updates it.',
        params: ShopParams,
        body: ProductInput,
        response: { 201: Product, ...errors, 422: Problem },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.code);
      const saved = await runtime(app).transact(req, (ctx) => setProduct(ctx, { shop: req.params.code, product: req.body }));
      return reply.code(201).send(saved);
    },
  );

  app.get(
    '/api/v1/folio/shops/:code/months/:month',
    {
      config: { auth: { roles: SHOP_MONTH_READERS } },
      schema: {
        operationId: 'getShopMonth',
        'x-rules': ['FOL-09'],
        summary: 'The monthly shop statement: sales, cost of goods, profit, Caja Especial share (FOL-09, Art. 128)',
        params: MonthParams,
        response: { 200: ShopMonth, ...errors },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.code);
      return shopMonth(runtime(app).reader(req), { shop: req.params.code, month: req.params.month });
    },
  );

  app.post(
    '/api/v1/folio/shops/:code/months/:month/close',
    {
      config: { auth: { roles: SHOP_MONTH_CLOSERS } },
      schema: {
        operationId: 'closeShopMonth',
        'x-rules': ['FOL-09'],
        summary: 'Closes a shop month: 30 % of the profit to the Caja Especial (FOL-09, Art. 128)',
        description: 'FOL-09: once per month, after it is over; records shop → Caja Especial where the establishment runs the shop.',
        params: MonthParams,
        response: { 201: ShopMonth, ...errors, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.params.code);
      const month = await runtime(app).transact(req, (ctx) => closeShopMonth(ctx, { shop: req.params.code, month: req.params.month }));
      return reply.code(201).send(month);
    },
  );
};

export default shopRoutes;
