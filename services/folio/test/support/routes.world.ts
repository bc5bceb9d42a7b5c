import { randomUUID } from 'node:crypto';
import { addDays, bogotaMonth, bogotaToday } from '@eron/shared';
import { bearer, eventually, type RouteCall } from '@eron/shared/testing';
import { asobancariaFile } from './asobancaria';
import { FakeTelephony } from './fake-telephony';
import { startFolio, type FolioWorld } from './folio.world';

export const BANK = { keyId: 'sweep-bank', secret: 'sweep-bank-secret' };
/** A key of another machine client: signs correctly, but is not the bank. */
export const PHONE = { keyId: 'sweep-phone', secret: 'sweep-phone-secret' };

export interface Fixtures {
  nui: string;
  productId: string;
  useTx: string;
  depositorId: string;
  payoutId: string;
  settlementId: string;
  /** A bank-file deposit held for review (FOL-06): the default reference layout names no depositor. */
  heldDepositId?: string;
}

export async function startSweepWorld() {
  // A provider that answers, so a valid phone credit is confirmed rather than a 502 (unreachable).
  const telephony = new FakeTelephony();
  const w = await startFolio({
    machines: [
      { ...BANK, role: 'bank' },
      { ...PHONE, role: 'telephony_provider' },
    ],
    config: { TELEPHONY_URL: await telephony.start(), TELEPHONY_KEY_ID: telephony.key.keyId, TELEPHONY_SECRET: telephony.key.secret },
  });
  const fixtures = await seed(w);
  const stop = async () => {
    await w.close();
    await telephony.stop();
  };
  return { app: w.app, queue: w.queue, fixtures, stop };
}

const DOC = { type: 'CC', number: '10205678' };
const AUTHORISATION = { date: '2026-11-02', signed: true, fingerprint: true, documentRef: 'RAD-9' };

/** A PPL admitted at 113 through the real events-folio queue, with cash at intake. */
const admit = (w: FolioWorld, cash: number): Promise<string> => w.admit({ cash });

async function seed(w: FolioWorld): Promise<Fixtures> {
  const { app } = w;
  const clerk = bearer(['shop_clerk'], ['113']);
  const nui = await admit(w, 500_000);
  const product = { sku: 'SW-1', name: 'Jabón', unitCost: 1_000, price: 1_100 };
  const productId = (await app.inject({ method: 'POST', url: '/api/v1/folio/shops/113/products', headers: clerk, payload: product })).json()
    .id;
  const sale = { nui, shop: '113', items: [{ productId, quantity: 1 }] };
  const useTx = (await app.inject({ method: 'POST', url: '/api/v1/folio/purchases', headers: clerk, payload: sale })).json().transactionId;
  const list = { depositors: [{ document: { type: 'CC', number: '10205678' }, givenNames: 'Ana', surnames: 'Ruiz' }] };
  const url = `/api/v1/folio/accounts/${nui}/depositors`;
  const depositorId = (await app.inject({ method: 'POST', url, headers: bearer(['paymaster'], ['113']), payload: list })).json()
    .depositors[0].id;
  const heldDepositId = await heldDeposit(w, nui);
  const released = await admit(w, 50_000);
  await w.deliver('ppl.exited', { nui: released, eron: '113', exitId: randomUUID(), reason: 'release' });
  const dead = await admit(w, 60_000);
  const authorised = { writtenRequest: AUTHORISATION, persons: [{ document: DOC, names: 'Ana Ruiz', relationship: 'hermana' }] };
  const beneficiaries = `/api/v1/folio/accounts/${dead}/settlement-beneficiaries`;
  await app.inject({ method: 'PUT', url: beneficiaries, headers: bearer(['paymaster'], ['113']), payload: authorised });
  await w.deliver('ppl.exited', { nui: dead, eron: '113', exitId: randomUUID(), reason: 'death' });
  const payoutId = (await w.db.selectFrom('payouts').select('id').where('nui', '=', released).executeTakeFirstOrThrow()).id;
  const settlementId = (await w.db.selectFrom('settlements').select('id').where('nui', '=', dead).executeTakeFirstOrThrow()).id;
  if (!productId || !useTx || !depositorId) throw new Error('sweep fixtures were not created');
  // The outbox relay marks what it published: let it settle before the database is snapshot.
  await eventually(async () => (await w.db.selectFrom('outbox').select('seq').where('published_at', 'is', null).execute()).length === 0);
  return { nui, productId, useTx, depositorId, payoutId, settlementId, heldDepositId };
}

/** Uploads a collection file whose one record cannot name its depositor, and waits until it is held. */
async function heldDeposit({ app, db }: FolioWorld, nui: string): Promise<string> {
  const payload = asobancariaFile({ collectionDate: addDays(bogotaToday(), -1), lots: [[{ nui, pesos: 20_000 }]] });
  const headers = { ...bearer(['paymaster'], ['113']), 'content-type': 'text/plain' };
  const up = await app.inject({ method: 'POST', url: '/api/v1/folio/recaudo/files', headers, payload });
  const held = async () =>
    db.selectFrom('recaudo_deposits').select('id').where('file_id', '=', up.json().id).where('status', '=', 'held').executeTakeFirst();
  await eventually(async () => (await held()) !== undefined, 15_000, 'held deposit');
  return (await held())!.id;
}

/** A valid call of every folio route (real data of ERON 113, valid as far as the schema goes); the sweep checks that it covers every documented route. */
export function calls(f: Fixtures): Record<string, RouteCall> {
  const today = bogotaToday();
  const month = bogotaMonth();
  const nui = { nui: f.nui };
  const shop = { code: '113' };
  const doc = { type: 'CC', number: '10205678' };
  return {
    'GET /api/v1/folio/accounts/{nui}': { params: nui },
    'GET /api/v1/folio/limits': { query: { date: today }, unscoped: 'the caps are national (FOL-03)' },
    'POST /api/v1/folio/limits/overrides': {
      body: { kind: 'spend_day', amount: 50_000, effectiveFrom: '2016-01-01', resolution: 'Res. 1' },
      unscoped: 'the DG sets national figures (FOL-03)',
    },
    'GET /api/v1/folio/limits/appliance-tariffs': { query: { date: today }, unscoped: 'the tariffs are national (FOL-08 (7))' },
    'POST /api/v1/folio/limits/appliance-tariffs': {
      body: { appliance: 'tv', name: 'Televisor', monthlyFee: 5_000, effectiveFrom: '2016-01-01', resolution: 'Res. 1' },
      unscoped: 'the DG sets national tariffs (FOL-08 (7))',
    },
    'POST /api/v1/folio/accounts/{nui}/depositors': {
      params: nui,
      body: { depositors: [{ document: doc, givenNames: 'Ana', surnames: 'Ruiz' }] },
    },
    'GET /api/v1/folio/accounts/{nui}/depositors': { params: nui },
    'GET /api/v1/folio/accounts/{nui}/depositors/{id}': { params: { ...nui, id: f.depositorId } },
    'POST /api/v1/folio/recaudo/deposits': {
      body: { operationNumber: '991', nui: f.nui, depositor: doc, amount: 10_000, paidAt: new Date().toISOString(), bankCode: '007' },
      unscoped: 'the bank is a national machine client (FOL-06)',
    },
    'POST /api/v1/folio/recaudo/files': {
      raw: { contentType: 'text/plain', payload: 'not a file' },
      unscoped: 'one collection file covers every establishment (FOL-06 b)',
    },
    'POST /api/v1/folio/recaudo/bank-files': {
      raw: { contentType: 'text/plain', payload: 'not a file: 10000' },
      unscoped: 'the bank is a national machine client (FOL-06 b)',
    },
    'POST /api/v1/folio/recaudo/files/{id}/approve': {
      params: { id: randomUUID() },
      unscoped: 'one file covers every establishment; the approver releases only its own establishments’ lines (FOL-06 b)',
    },
    'GET /api/v1/folio/recaudo/files/{id}': { params: { id: randomUUID() }, unscoped: 'file progress holds no PPL data' },
    'GET /api/v1/folio/recaudo/uploads/{id}': { params: { id: randomUUID() }, unscoped: 'an upload’s state holds no PPL data' },
    'GET /api/v1/folio/recaudo/files/{id}/report': {
      params: { id: randomUUID() },
      unscoped: 'the report lists only the records of the caller’s establishments',
    },
    'GET /api/v1/folio/recaudo/reconciliation': { query: { from: today, to: today, eron: '113' } },
    'GET /api/v1/folio/recaudo/deposits': { query: { status: 'held', eron: '113' } },
    'POST /api/v1/folio/recaudo/deposits/{id}/review': {
      params: { id: f.heldDepositId ?? '' },
      body: { decision: 'credit', depositor: doc, reason: 'Soporte del banco' },
    },
    'GET /api/v1/folio/accounts/{nui}/caps': { params: nui, query: { date: today } },
    'PUT /api/v1/folio/shops/{code}': { params: shop, body: { runBy: 'establishment' } },
    'GET /api/v1/folio/shops/{code}/products': { params: shop },
    'POST /api/v1/folio/shops/{code}/products': { params: shop, body: { sku: 'SW-2', name: 'Pan', unitCost: 1_000, price: 1_000 } },
    'GET /api/v1/folio/shops/{code}/months/{month}': { params: { ...shop, month } },
    'POST /api/v1/folio/shops/{code}/months/{month}/close': { params: { ...shop, month: '2020-01' } },
    'POST /api/v1/folio/purchases': { body: { nui: f.nui, shop: '113', items: [{ productId: f.productId, quantity: 1 }] } },
    'POST /api/v1/folio/withdrawals': {
      body: { nui: f.nui, use: 'productive_project', amount: 1_000, receiptNumber: 'PP-1', project: 'Taller' },
    },
    'POST /api/v1/folio/uses/{transactionId}/reversal': { params: { transactionId: f.useTx }, body: { reason: 'prueba' } },
    'POST /api/v1/folio/phone-credits': { body: { nui: f.nui, line: '3001234567', amount: 1_000 } },
    'PUT /api/v1/folio/accounts/{nui}/savings-authorisation': { params: nui, body: { authorised: true, document: 'Aut. 1' } },
    'POST /api/v1/folio/work-payments': {
      body: { nui: f.nui, month: '2020-01', amount: 100_000, workFront: 'Aseo', payrollReference: 'P-1' },
    },
    'POST /api/v1/folio/seizures': { body: { eron: '113', nui: f.nui, amount: 7_000, actaNumber: 'OP-1' } },
    'GET /api/v1/folio/accounts/{nui}/exit-settlements': { params: nui },
    'POST /api/v1/folio/payouts/{id}/payment': { params: { id: f.payoutId }, body: { method: 'cash', reference: 'CE-1' } },
    'POST /api/v1/folio/payouts/{id}/small-remainder': { params: { id: f.payoutId }, body: { choice: 'cash', approval: 'Acta 1' } },
    'PUT /api/v1/folio/accounts/{nui}/settlement-beneficiaries': {
      params: nui,
      body: { writtenRequest: AUTHORISATION, persons: [{ document: doc, names: 'Ana Ruiz', relationship: 'hermana' }] },
    },
    'GET /api/v1/folio/accounts/{nui}/settlement-beneficiaries': { params: nui },
    'POST /api/v1/folio/settlements/{id}/payments': {
      params: { id: f.settlementId },
      body: { amount: 1_000, beneficiary: { document: doc, names: 'Ana Ruiz' }, authorisationReference: 'Aut. 1' },
    },
    'GET /api/v1/folio/accounts/{nui}/statement': { params: nui, query: { from: today, to: today } },
    'GET /api/v1/folio/establishments/{code}/reports/daily': { params: shop, query: { date: today } },
    'GET /api/v1/folio/establishments/{code}/reports/monthly': { params: shop, query: { month } },
    'GET /api/v1/folio/establishments/{code}/shop-accounts': { params: shop, query: { year: today.slice(0, 4) } },
    'POST /api/v1/folio/establishments/{code}/shop-accounts/{month}/submission': {
      params: { ...shop, month: '2020-01' },
      body: { submittedTo: 'regional_finance', reference: 'Of. 1' },
    },
  };
}
