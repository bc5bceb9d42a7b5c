import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { bogotaMonth } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import { startFolio, type FolioWorld } from './support/folio.world';

let app: FastifyInstance;
let world: FolioWorld;
beforeAll(async () => {
  world = await startFolio();
  app = world.app;
});
afterAll(async () => {
  await world.close();
});
const admit = (cash: number, eron = '113') => world.admit({ cash, eron });
const available = (nui: string) => world.available(nui);
const clerk = (eron = '113') => bearer(['shop_clerk'], [eron]);
const saveProduct = (body: object, headers = clerk(), shop = '113') =>
  app.inject({ method: 'POST', url: `/api/v1/folio/shops/${shop}/products`, headers, payload: body });
const buy = (body: object, headers: Record<string, string> = clerk()) =>
  app.inject({ method: 'POST', url: '/api/v1/folio/purchases', headers, payload: body });
const caps = (nui: string) =>
  app.inject({ method: 'GET', url: `/api/v1/folio/accounts/${nui}/caps`, headers: bearer(['paymaster'], ['113']) });
const uses = (nui: string) => app.db.selectFrom('spend_uses').selectAll().where('nui', '=', nui).execute();

let soap: string;
let flour: string;
beforeAll(async () => {
  soap = (await saveProduct({ sku: 'JAB-1', name: 'Jabón de baño', unitCost: 2_000, price: 2_200 })).json().id;
  flour = (await saveProduct({ sku: 'HAR-1', name: 'Harina (materia prima)', unitCost: 50_000, price: 55_000, rawMaterial: true })).json()
    .id;
});

describe('FOL-09 the shop’s price list', () => {
  it('FOL-09 when a sale price is more than 10 % over cost then 422 naming the rule and nothing is saved', async () => {
    const res = await saveProduct({ sku: 'CAF-1', name: 'Café', unitCost: 10_000, price: 11_001 });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'FOL-09', article: 'Art. 125' });
    expect(await app.db.selectFrom('shop_products').selectAll().where('sku', '=', 'CAF-1').execute()).toHaveLength(0);
    expect((await saveProduct({ sku: 'CAF-1', name: 'Café', unitCost: 10_000, price: 11_000 })).statusCode).toBe(201);
  });

  it('FOL-09 when any staff member of the establishment reads the list then it is public to them, not to others', async () => {
    const list = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/api/v1/folio/shops/113/products', headers });
    const res = await list(bearer(['gate_officer'], ['113']));
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((p: { sku: string }) => p.sku)).toEqual(expect.arrayContaining(['JAB-1', 'HAR-1']));
    expect((await list(bearer(['gate_officer'], ['114']))).statusCode).toBe(403);
    expect((await list({})).statusCode).toBe(401);
  });

  it('PLT-18 when the price list is long then it comes a bounded page at a time by SKU, every article once; a bad page size or cursor is a 400', async () => {
    const shop = '119';
    const clerk119 = clerk(shop);
    for (let i = 0; i < 7; i += 1) {
      const sku = `PG-${String(i).padStart(2, '0')}`;
      expect((await saveProduct({ sku, name: sku, unitCost: 1_000, price: 1_000 }, clerk119, shop)).statusCode).toBe(201);
    }
    const page = (query: string) => app.inject({ method: 'GET', url: `/api/v1/folio/shops/${shop}/products?${query}`, headers: clerk119 });
    const seen: string[] = [];
    let next: string | null = null;
    const sizes: number[] = [];
    do {
      const res = await page(`limit=3${next ? `&after=${next}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      sizes.push(body.items.length);
      seen.push(...body.items.map((p: { sku: string }) => p.sku));
      next = body.next;
    } while (next);
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(['PG-00', 'PG-01', 'PG-02', 'PG-03', 'PG-04', 'PG-05', 'PG-06']);
    expect((await page('')).json().items).toHaveLength(7);
    for (const bad of ['limit=0', 'limit=501', 'limit=abc', 'after=bm90LWEtY3Vyc29y', 'after=%22%5D']) {
      const res = await page(bad);
      expect([bad, res.statusCode]).toEqual([bad, 400]);
    }
  });

  it('PLT-04 when the product is malformed or the caller may not price then refused and nothing changes', async () => {
    const bad = await saveProduct({ sku: 'X 1', name: '', unitCost: -1, price: 1.5, extra: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['/extra', '/sku', '/name', '/unitCost', '/price']);
    expect((await saveProduct({ sku: 'Z-1', name: 'Z', unitCost: 1, price: 1 }, bearer(['gate_officer'], ['113']))).statusCode).toBe(403);
    expect((await saveProduct({ sku: 'Z-1', name: 'Z', unitCost: 1, price: 1 }, clerk('114'))).statusCode).toBe(403);
    expect(await app.db.selectFrom('shop_products').selectAll().where('sku', 'in', ['X 1', 'Z-1']).execute()).toHaveLength(0);
  });
});

describe('FOL-09 purchases paid through the Folio', () => {
  it('FOL-09 when a clerk sells then the Folio pays, the shop is credited and a numbered receipt comes back', async () => {
    const nui = await admit(100_000);
    const res = await buy({ nui, shop: '113', items: [{ productId: soap, quantity: 3 }] });
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ nui, shop: '113', total: 6_600, lines: [{ sku: 'JAB-1', quantity: 3, unitPrice: 2_200 }] });
    expect(r.receiptNumber).toMatch(/^113-\d+$/);
    expect(r.after.available).toBe(93_400);
    expect(await available(nui)).toBe(93_400);
    const postings = await app.db.selectFrom('postings').select(['amount']).where('transaction_id', '=', r.transactionId).execute();
    expect(postings.map((p) => p.amount).sort((a, b) => a - b)).toEqual([-6_600, 6_600]);
    expect((await caps(nui)).json().day.spent).toBe(6_600);
  });

  it('PLT-06 when a clerk sells then the sale is in the audit log with who, what and the request, and a refused sale writes none', async () => {
    const nui = await admit(10_000);
    const res = await buy(
      { nui, shop: '113', items: [{ productId: soap, quantity: 2 }] },
      { ...clerk(), 'x-request-id': `req-sale-${nui}` },
    );
    expect(res.statusCode).toBe(201);
    const receipt = Number(res.json().receiptNumber.split('-')[1]);
    const lines = await app.db.selectFrom('audit_log').selectAll().where('details', '@>', JSON.stringify({ nui })).execute();
    expect(lines).toEqual([
      expect.objectContaining({
        actor: 'test-shop_clerk',
        action: 'spend:shop_purchase',
        entity: 'spend_use',
        entity_id: res.json().transactionId,
        request_id: `req-sale-${nui}`,
        details: { nui, eron: '113', use: 'shop_purchase', amount: 4_400, receipt, date: res.json().date },
      }),
    ]);
    expect((await buy({ nui, shop: '113', items: [{ productId: soap, quantity: 5 }] })).statusCode).toBe(422);
    expect(await app.db.selectFrom('audit_log').selectAll().where('details', '@>', JSON.stringify({ nui })).execute()).toHaveLength(1);
  });

  it('FOL-07 when a sale would pass the daily cap then 422 FOL-07 saying what remains, and nothing is charged', async () => {
    const nui = await admit(1_000_000);
    const { day } = (await caps(nui)).json();
    const most = Math.floor(day.cap / 2_200);
    expect((await buy({ nui, shop: '113', items: [{ productId: soap, quantity: most }] })).statusCode).toBe(201);
    const res = await buy({ nui, shop: '113', items: [{ productId: soap, quantity: 1 }] });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'FOL-07', article: 'Art. 41' });
    expect(res.json().detail).toContain(`$${(day.cap - most * 2_200).toLocaleString('es-CO')}`);
    expect(await available(nui)).toBe(1_000_000 - most * 2_200);
    expect(await uses(nui)).toHaveLength(1);
  });

  it('FOL-07 when raw materials for productive activities are bought then no daily cap, but they count toward the month (Art. 42)', async () => {
    const nui = await admit(3_000_000);
    const res = await buy({ nui, shop: '113', items: [{ productId: flour, quantity: 4 }] });
    expect(res.statusCode).toBe(201);
    const c = (await caps(nui)).json();
    expect(c.day.spent).toBe(0);
    expect(c.month.spent).toBe(220_000);
  });

  it('FOL-02 when the balance is short then 422 FOL-02 and nothing moves', async () => {
    const nui = await admit(2_000);
    const res = await buy({ nui, shop: '113', items: [{ productId: soap, quantity: 1 }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().rule).toBe('FOL-02');
    expect(await available(nui)).toBe(2_000);
    expect((await caps(nui)).json().day.spent).toBe(0);
  });

  it('PLT-05 when a sale is retried with the same Idempotency-Key then it is charged once', async () => {
    const nui = await admit(50_000);
    const headers = { ...clerk(), 'idempotency-key': `sale-${nui}` };
    const body = { nui, shop: '113', items: [{ productId: soap, quantity: 1 }] };
    const first = await buy(body, headers);
    const again = await buy(body, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().receiptNumber).toBe(first.json().receiptNumber);
    expect(await available(nui)).toBe(47_800);
    expect((await buy({ ...body, items: [{ productId: soap, quantity: 2 }] }, headers)).statusCode).toBe(422);
  });

  it('PLT-03 when the caller lacks the role, token or establishment then refused and nothing is charged', async () => {
    const nui = await admit(50_000);
    const body = { nui, shop: '113', items: [{ productId: soap, quantity: 1 }] };
    expect((await buy(body, {})).statusCode).toBe(401);
    expect((await buy(body, bearer(['paymaster'], ['113']))).statusCode).toBe(403);
    expect((await buy(body, clerk('114'))).statusCode).toBe(403);
    const there = (await saveProduct({ sku: 'JAB-114', name: 'Jabón', unitCost: 2_000, price: 2_200 }, clerk('114'), '114')).json().id;
    const elsewhere = await buy({ nui, shop: '114', items: [{ productId: there, quantity: 1 }] }, clerk('114'));
    expect(elsewhere.statusCode).toBe(403);
    expect(await available(nui)).toBe(50_000);
  });

  it('PLT-04 when the sale is malformed or names an unknown product then 400/422 and nothing is charged', async () => {
    const nui = await admit(50_000);
    const bad = await buy({ nui: 'x', shop: '113', items: [{ productId: 'nope', quantity: 0 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['/nui', '/items/0/productId', '/items/0/quantity']),
    );
    const unknown = await buy({ nui, shop: '113', items: [{ productId: randomUUID(), quantity: 1 }] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().rule).toBe('FOL-09');
    expect((await buy({ nui: '9999999', shop: '113', items: [{ productId: soap, quantity: 1 }] })).statusCode).toBe(404);
    expect(await available(nui)).toBe(50_000);
  });
});

describe('FOL-09 the monthly close (Art. 128)', () => {
  it('FOL-09 when a past month is closed then 30 % of the profit goes to the Caja Especial, once', async () => {
    const nui = await admit(100_000);
    const sale = (await buy({ nui, shop: '113', items: [{ productId: soap, quantity: 10 }] })).json();
    // The sale happened last month as far as the shop's books go: move its date back.
    await app.db.updateTable('spend_uses').set({ spend_date: '2026-10-15' }).where('tx_id', '=', sale.transactionId).execute();
    const director = bearer(['director'], ['113']);
    const close = () => app.inject({ method: 'POST', url: '/api/v1/folio/shops/113/months/2026-10/close', headers: director });
    const res = await close();
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ sales: 22_000, costOfGoods: 20_000, profit: 2_000, cajaEspecialShare: 600, closed: true });
    const statement = await app.inject({ method: 'GET', url: '/api/v1/folio/shops/113/months/2026-10', headers: bearer(['auditor']) });
    expect(statement.json()).toMatchObject({ profit: 2_000, cajaEspecialShare: 600, closed: true });
    const caja = await app.db
      .selectFrom('account_balances')
      .select('balance')
      .where('eron', '=', '113')
      .where('kind', '=', 'caja_especial')
      .executeTakeFirstOrThrow();
    expect(caja.balance).toBe(600);
    expect((await close()).statusCode).toBe(409);
    const current = await app.inject({ method: 'POST', url: `/api/v1/folio/shops/113/months/${bogotaMonth()}/close`, headers: director });
    expect(current.statusCode).toBe(422);
    expect((await app.inject({ method: 'POST', url: '/api/v1/folio/shops/113/months/2026-13/close', headers: director })).statusCode).toBe(
      400,
    );
    expect((await app.inject({ method: 'POST', url: '/api/v1/folio/shops/113/months/2026-09/close', headers: clerk() })).statusCode).toBe(
      403,
    );
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/folio/shops/113/months/2026-09/close', headers: bearer(['director'], ['114']) }))
        .statusCode,
    ).toBe(403);
  });

  it('FOL-09 when several closes of one month arrive at once then one closes it, the rest get a clean 409, the Caja Especial is credited once', async () => {
    const nui = await admit(100_000);
    const sale = (await buy({ nui, shop: '113', items: [{ productId: soap, quantity: 20 }] })).json();
    await app.db.updateTable('spend_uses').set({ spend_date: '2026-08-10' }).where('tx_id', '=', sale.transactionId).execute();
    const caja = async () =>
      (
        await app.db
          .selectFrom('account_balances')
          .select('balance')
          .where('eron', '=', '113')
          .where('kind', '=', 'caja_especial')
          .executeTakeFirst()
      )?.balance ?? 0;
    const before = await caja();
    const director = bearer(['director'], ['113']);
    const closes = await Promise.all(
      Array.from({ length: 6 }, () =>
        app.inject({ method: 'POST', url: '/api/v1/folio/shops/113/months/2026-08/close', headers: director }),
      ),
    );
    const codes = closes.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of closes.filter((c) => c.statusCode === 409)) expect(r.json()).toMatchObject({ status: 409, rule: 'FOL-09' });
    expect(closes.find((c) => c.statusCode === 201)!.json()).toMatchObject({ sales: 44_000, profit: 4_000, cajaEspecialShare: 1_200 });
    expect(await caja()).toBe(before + 1_200);
    expect(
      await app.db.selectFrom('shop_months').selectAll().where('eron', '=', '113').where('month', '=', '2026-08').execute(),
    ).toHaveLength(1);
    const shares = await app.db
      .selectFrom('ledger_transactions')
      .select('id')
      .where('kind', '=', 'shop_caja_share')
      .where('reference', '=', '113/2026-08')
      .execute();
    expect(shares).toHaveLength(1);
  });

  it('FOL-09 when a private company runs the shop then the close sends nothing to the Caja Especial', async () => {
    const director = bearer(['director'], ['115']);
    const set = await app.inject({
      method: 'PUT',
      url: '/api/v1/folio/shops/115',
      headers: director,
      payload: { runBy: 'private_company' },
    });
    expect(set.statusCode).toBe(200);
    const res = await app.inject({ method: 'POST', url: '/api/v1/folio/shops/115/months/2026-10/close', headers: director });
    expect(res.json()).toMatchObject({ runBy: 'private_company', cajaEspecialShare: 0 });
  });
});
