import type { FastifyInstance } from 'fastify';
import { bearer, tokenFor } from '@eron/shared/testing';
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
const paymaster = (eron = '113') => bearer(['paymaster'], [eron]);
const withdraw = (body: object, headers: Record<string, string> = paymaster()) =>
  app.inject({ method: 'POST', url: '/api/v1/folio/withdrawals', headers, payload: body });
const caps = (nui: string, headers: Record<string, string> = paymaster()) =>
  app.inject({ method: 'GET', url: `/api/v1/folio/accounts/${nui}/caps`, headers });
const signed = { date: '2026-11-24', signed: true, fingerprint: true, documentRef: 'RAD-1' };
const transfer = (nui: string, amount: number, amountInWords: string) => ({
  nui,
  use: 'transfer',
  amount,
  amountInWords,
  writtenRequest: signed,
  beneficiary: {
    givenNames: 'María José',
    surnames: 'Pérez Gómez',
    relationship: 'madre',
    document: { type: 'CC', number: '52123456' },
    address: 'Calle 1 # 2-3, Bogotá',
    phone: '3001234567',
  },
  bank: { bank: 'Banco Agrario', accountNumber: '4001-2345', accountType: 'savings' },
});

describe('FOL-07 caps', () => {
  it('FOL-07 when the caps are read then they show 2 SMLDV a day, 2 SMMLV a month, what was spent and what remains', async () => {
    const nui = await admit(10_000);
    const res = await caps(nui);
    expect(res.statusCode).toBe(200);
    const limits = (await app.inject({ method: 'GET', url: '/api/v1/folio/limits', headers: paymaster() })).json();
    expect(res.json()).toMatchObject({
      nui,
      day: { cap: limits.spendDay, spent: 0, remaining: limits.spendDay },
      month: { cap: limits.spendMonth, spent: 0, remaining: limits.spendMonth },
    });
    expect((await caps(nui, {})).statusCode).toBe(401);
    expect((await caps(nui, bearer(['gate_officer'], ['113']))).statusCode).toBe(403);
    expect((await caps(nui, paymaster('114'))).statusCode).toBe(403);
    expect((await caps('12ab')).statusCode).toBe(400);
    expect((await caps('9999999')).statusCode).toBe(404);
  });

  it('FOL-07 when a transfer to a relative passes the daily cap then 422 FOL-07, the caps bind every use', async () => {
    const nui = await admit(500_000);
    const { day } = (await caps(nui)).json();
    const res = await withdraw(transfer(nui, day.cap + 1, 'x'));
    expect(res.statusCode).toBe(422);
    expect(res.json().rule).toBe('FOL-08'); // the words do not match: checked first
    const over = await withdraw({ ...transfer(nui, 200_000, 'doscientos mil pesos m/cte') });
    expect(over.statusCode).toBe(422);
    expect(over.json().rule).toBe('FOL-07');
    expect(await available(nui)).toBe(500_000);
  });
});

const setTariff = async (body: object, headers: Record<string, string> = bearer(['dg'])) =>
  app.inject({ method: 'POST', url: '/api/v1/folio/limits/appliance-tariffs', headers, payload: body });

describe('FOL-08 uses of the Folio on written request', () => {
  it('FOL-08 when a complete transfer to a relative is asked then it is paid within the caps and recorded with its data', async () => {
    const nui = await admit(300_000);
    const res = await withdraw(transfer(nui, 50_000, 'Cincuenta mil pesos'));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ nui, use: 'transfer', amount: 50_000, after: { available: 250_000, day: { spent: 50_000 } } });
    const use = await app.db.selectFrom('spend_uses').selectAll().where('tx_id', '=', res.json().transactionId).executeTakeFirstOrThrow();
    expect(use.details).toMatchObject({ beneficiary: { relationship: 'madre' }, bank: { accountType: 'savings' } });
  });

  it('PLT-06 when a withdrawal is paid then the audit log has who, what and the request, never the beneficiary', async () => {
    const nui = await admit(300_000);
    const res = await withdraw(transfer(nui, 20_000, 'veinte mil pesos'), { ...paymaster(), 'x-request-id': `req-wd-${nui}` });
    expect(res.statusCode).toBe(201);
    const lines = await app.db.selectFrom('audit_log').selectAll().where('entity_id', '=', res.json().transactionId).execute();
    expect(lines).toEqual([
      expect.objectContaining({
        actor: 'test-paymaster',
        action: 'spend:transfer',
        entity: 'spend_use',
        request_id: `req-wd-${nui}`,
        details: {
          nui,
          eron: '113',
          use: 'transfer',
          amount: 20_000,
          receipt: Number(res.json().voucherNumber.split('-')[1]),
          date: res.json().date,
        },
      }),
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/52123456|Pérez|4001-2345/);
  });

  it('FOL-08 when a transfer lacks items then 422 FOL-08 listing every one, and nothing moves', async () => {
    const nui = await admit(300_000);
    const res = await withdraw({
      nui,
      use: 'transfer',
      amount: 50_000,
      amountInWords: 'cuarenta mil',
      writtenRequest: { signed: true },
      beneficiary: { givenNames: 'Ana', document: { type: 'CC', number: '0123' } },
      bank: { bank: 'Banco Agrario' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().rule).toBe('FOL-08');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      '/writtenRequest/fingerprint',
      '/beneficiary/surnames',
      '/beneficiary/relationship',
      '/beneficiary/address',
      '/beneficiary/phone',
      '/beneficiary/document',
      '/amountInWords',
      '/bank/accountNumber',
      '/bank/accountType',
    ]);
    expect(await available(nui)).toBe(300_000);
  });

  it('FOL-08 when the beneficiary’s document is of no known type then 422 FOL-08 naming it, not a 500, and nothing moves', async () => {
    const nui = await admit(300_000);
    const body = transfer(nui, 50_000, 'cincuenta mil');
    const res = await withdraw({ ...body, beneficiary: { ...body.beneficiary, document: { type: 'XX', number: '123' } } });
    expect(res.statusCode).toBe(422);
    expect(res.json().rule).toBe('FOL-08');
    expect(res.json().errors).toEqual([{ field: '/beneficiary/document', message: expect.stringContaining('XX') }]);
    expect(await available(nui)).toBe(300_000);
  });

  it('FOL-08 when each other use comes without its written authorisation then 422 naming what is missing', async () => {
    const nui = await admit(300_000);
    const fields = async (body: object) =>
      (await withdraw({ nui, amount: 1_000, ...body })).json().errors.map((e: { field: string }) => e.field);
    expect(await fields({ use: 'productive_project' })).toEqual(['/receiptNumber', '/project']);
    expect(await fields({ use: 'permission', permission: { hours: 96 } })).toEqual([
      '/writtenRequest',
      '/permission/authorisation',
      '/permission/hours',
    ]);
    expect(await fields({ use: 'bail_or_debt', writtenRequest: { signed: false } })).toEqual([
      '/writtenRequest/signed',
      '/debt/kind',
      '/debt/creditor',
      '/debt/legalBasis',
    ]);
    expect(await fields({ use: 'appliance_fee' })).toEqual(['/writtenRequest', '/appliance/code']);
    expect(await available(nui)).toBe(300_000);
  });

  it('FOL-08 when each use is complete then it is paid: project, permission, bail, appliance', async () => {
    const nui = await admit(300_000);
    const ok = [
      { use: 'productive_project', receiptNumber: 'PP-9', project: 'Panadería' },
      { use: 'permission', writtenRequest: signed, permission: { startsOn: '2026-11-26', hours: 72, authorisation: 'Res. 77' } },
      { use: 'bail_or_debt', writtenRequest: { signed: true }, debt: { kind: 'bail', creditor: 'Juzgado 3', legalBasis: 'Auto 12' } },
      { use: 'appliance_fee', writtenRequest: { signed: true }, appliance: { code: 'televisor' } },
    ];
    await setTariff({ appliance: 'televisor', name: 'Televisor', monthlyFee: 5_000, effectiveFrom: '2016-01-01', resolution: 'Res. DG 9' });
    for (const body of ok) expect((await withdraw({ nui, amount: 5_000, ...body })).statusCode).toBe(201);
    expect(await available(nui)).toBe(280_000);
    expect((await caps(nui)).json().day.spent).toBe(20_000);
  });

  it('PLT-04 FOL-08 when a text holds a lone UTF-16 surrogate (not Unicode text: jsonb refuses it) then 400 naming the field, and nothing moves', async () => {
    const nui = await admit(300_000);
    const body = {
      nui,
      amount: 5_000,
      use: 'bail_or_debt',
      writtenRequest: { signed: true },
      debt: { kind: 'bail', creditor: 'Juzgado \ud800', legalBasis: 'Auto 12' },
    };
    const res = await withdraw(body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ rule: 'PLT-04', errors: [{ field: '/debt/creditor' }] });
    expect(await available(nui)).toBe(300_000);
    // A pair that forms a character is text like any other.
    expect((await withdraw({ ...body, debt: { ...body.debt, creditor: 'Juzgado \ud83d\ude00' } })).statusCode).toBe(201);
  });

  it('PLT-03 when the caller lacks the role, token or establishment then refused and nothing moves', async () => {
    const nui = await admit(300_000);
    const body = transfer(nui, 10_000, 'diez mil');
    expect((await withdraw(body, {})).statusCode).toBe(401);
    expect((await withdraw(body, bearer(['shop_clerk'], ['113']))).statusCode).toBe(403);
    expect((await withdraw(body, paymaster('114'))).statusCode).toBe(403);
    const bad = await withdraw({ nui: 'x', use: 'lottery', amount: -5, extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect(await available(nui)).toBe(300_000);
  });
});

describe('FOL-02 reversing a use', () => {
  it('FOL-02 when a use is reversed then the money and the caps come back, once', async () => {
    const nui = await admit(100_000);
    const paid = (await withdraw(transfer(nui, 40_000, 'cuarenta mil'))).json();
    const rev = (headers: Record<string, string> = paymaster()) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/folio/uses/${paid.transactionId}/reversal`,
        headers,
        payload: { reason: 'Error de digitación' },
      });
    expect((await rev(paymaster('114'))).statusCode).toBe(403);
    expect((await rev(bearer(['shop_clerk'], ['113']))).statusCode).toBe(403);
    const res = await rev();
    expect(res.statusCode).toBe(201);
    expect(await available(nui)).toBe(100_000);
    expect((await caps(nui)).json().day.spent).toBe(0);
    expect((await rev()).statusCode).toBe(409);
  });
});

describe('FOL-08 (7) appliance fees at the DG’s tariff', () => {
  const fee = (nui: string, amount: number, appliance: object) =>
    withdraw({ nui, use: 'appliance_fee', amount, writtenRequest: { signed: true }, appliance });
  const tariffs = async (date: string) =>
    (await app.inject({ method: 'GET', url: `/api/v1/folio/limits/appliance-tariffs?date=${date}`, headers: paymaster() })).json();

  it('FOL-08 when the DG sets a tariff from a date then fees are charged at the tariff in force that day, times the months paid', async () => {
    expect(
      (
        await setTariff({
          appliance: 'ventilador',
          name: 'Ventilador',
          monthlyFee: 3_000,
          effectiveFrom: '2020-01-01',
          resolution: 'Res. DG 1',
        })
      ).statusCode,
    ).toBe(201);
    const later = await setTariff({
      appliance: 'ventilador',
      name: 'Ventilador',
      monthlyFee: 4_000,
      effectiveFrom: '2026-01-01',
      resolution: 'Res. DG 2',
    });
    expect(later.json()).toEqual({
      appliance: 'ventilador',
      name: 'Ventilador',
      monthlyFee: 4_000,
      effectiveFrom: '2026-01-01',
      resolution: 'Res. DG 2',
    });
    expect(
      (
        await setTariff({
          appliance: 'ventilador',
          name: 'Ventilador',
          monthlyFee: 9_000,
          effectiveFrom: '2099-01-01',
          resolution: 'Res. DG 3',
        })
      ).statusCode,
    ).toBe(201);
    expect((await tariffs('2025-06-01')).tariffs).toContainEqual(expect.objectContaining({ appliance: 'ventilador', monthlyFee: 3_000 }));
    expect((await tariffs('2026-11-30')).tariffs).toContainEqual(
      expect.objectContaining({ appliance: 'ventilador', monthlyFee: 4_000, resolution: 'Res. DG 2' }),
    );

    const nui = await admit(100_000);
    const res = await fee(nui, 8_000, { code: 'ventilador', months: 2 });
    expect(res.statusCode).toBe(201);
    const use = await app.db.selectFrom('spend_uses').selectAll().where('tx_id', '=', res.json().transactionId).executeTakeFirstOrThrow();
    expect(use.details).toMatchObject({
      appliance: { code: 'ventilador', months: 2, monthlyFee: 4_000, resolution: 'Res. DG 2', effectiveFrom: '2026-01-01' },
    });
    expect(await available(nui)).toBe(92_000);
  });

  it('FOL-08 when the fee is not the tariff, or the appliance has none, then 422 FOL-08 naming the tariff and nothing is charged', async () => {
    await setTariff({ appliance: 'radio', name: 'Radio', monthlyFee: 2_500, effectiveFrom: '2020-01-01', resolution: 'Res. DG 4' });
    const nui = await admit(100_000);
    const wrong = await fee(nui, 5_000, { code: 'radio' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ rule: 'FOL-08', errors: [{ field: '/amount' }] });
    expect(wrong.json().detail).toContain('Res. DG 4');
    const none = await fee(nui, 5_000, { code: 'nevera' });
    expect(none.statusCode).toBe(422);
    expect(none.json()).toMatchObject({ rule: 'FOL-08', errors: [{ field: '/appliance/code' }] });
    expect(await available(nui)).toBe(100_000);
    expect(await app.db.selectFrom('spend_uses').select('tx_id').where('nui', '=', nui).execute()).toEqual([]);
  });

  it('FOL-08 when a tariff is set by someone other than a national DG, or rewritten, then refused and the table is unchanged', async () => {
    const body = { appliance: 'parrilla', name: 'Parrilla', monthlyFee: 6_000, effectiveFrom: '2026-02-01', resolution: 'Res. DG 5' };
    expect((await setTariff(body, paymaster())).statusCode).toBe(403);
    const narrowed = await setTariff(body, { authorization: `Bearer ${tokenFor(['dg'], ['113'], 'dg-113', false)}` });
    expect(narrowed.statusCode).toBe(403);
    expect(narrowed.json().rule).toBe('FOL-08');
    expect((await setTariff(body)).statusCode).toBe(201);
    const again = await setTariff({ ...body, monthlyFee: 1 });
    expect(again.statusCode).toBe(409);
    expect((await tariffs('2026-03-01')).tariffs).toContainEqual({ ...body });
    const logged = await app.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity', '=', 'appliance_tariff')
      .where('entity_id', '=', 'parrilla@2026-02-01')
      .execute();
    expect(logged).toEqual([{ action: 'set-appliance-tariff', entity_id: 'parrilla@2026-02-01' }]);
  });
});
