import type { FastifyInstance } from 'fastify';
import type { Settlement } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import { startFolio, type FolioWorld } from './support/folio.world';

/**
 * FOL-15 (Arts. 41 §, 123): on death, escape or extradition the balance is held "for the persons the
 * PPL authorised, then paid to them". The authorisation is modelled as the PPL's written, signed and
 * fingerprinted document naming each person (like the written requests of Art. 41), recorded by the
 * paymaster or the Director while the PPL is in custody; a new one replaces the last (kept, revoked).
 * A settlement is paid only to a person on the authorisation in force, as recorded there — a
 * paymaster, an auditor and a judge can then trace every peso to a person the PPL named.
 */
let app: FastifyInstance;
let w: FolioWorld;
beforeAll(async () => {
  w = await startFolio();
  app = w.app;
});
afterAll(async () => w.close());

const paymaster = (eron = '113') => bearer(['paymaster'], [eron]);
const WRITTEN = { date: '2026-11-02', signed: true, fingerprint: true, documentRef: 'RAD-77' };
const MOTHER = { document: { type: 'CC', number: '52.123.456' }, names: 'María Pérez Gómez', relationship: 'madre' };
const BROTHER = { document: { type: 'CC', number: '79555444' }, names: 'Jorge Pérez', relationship: 'hermano' };
const authorise = (nui: string, body: object, headers: Record<string, string> = paymaster()) =>
  app.inject({ method: 'PUT', url: `/api/v1/folio/accounts/${nui}/settlement-beneficiaries`, headers, payload: body });
const listed = (nui: string, headers: Record<string, string> = paymaster()) =>
  app.inject({ method: 'GET', url: `/api/v1/folio/accounts/${nui}/settlement-beneficiaries`, headers });
const settlementOf = async (nui: string) =>
  (await app.inject({ method: 'GET', url: `/api/v1/folio/accounts/${nui}/exit-settlements`, headers: paymaster() })).json<{
    settlements: Settlement[];
  }>().settlements[0]!;
const pay = (id: string, amount: number, number: string) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/folio/settlements/${id}/payments`,
    headers: paymaster(),
    payload: { amount, beneficiary: { document: { type: 'CC', number }, names: 'Quien sea' }, authorisationReference: 'Of. 12' },
  });
const paid = (settlementId: string) =>
  w.db.selectFrom('settlement_payments').selectAll().where('settlement_id', '=', settlementId).orderBy('paid_at').execute();

async function died(cash: number, persons?: object[]) {
  const nui = await w.admit({ cash });
  if (persons) expect((await authorise(nui, { writtenRequest: WRITTEN, persons })).statusCode).toBe(200);
  await w.applied((await w.exit(nui, '113', 'death')).id);
  return { nui, settlement: await settlementOf(nui) };
}

describe('FOL-15 a settlement is paid only to whom the PPL authorised', () => {
  it('FOL-15 when a settlement is paid to a person the PPL never authorised then 422 FOL-15 and nothing moves', async () => {
    const { settlement } = await died(40_000);
    const held = await w.eronBalance('113', 'settlements_held');
    const res = await pay(settlement.id, 10_000, '52123456');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'FOL-15', article: 'Art. 123' });
    expect(await w.eronBalance('113', 'settlements_held')).toBe(held);
    expect(await paid(settlement.id)).toEqual([]);
    expect((await settlementOf(settlement.nui)).paid).toBe(0);
  });

  it('FOL-15 when the PPL authorised two persons then each is paid as recorded, and anyone else is refused', async () => {
    const { nui, settlement } = await died(40_000, [MOTHER, BROTHER]);
    const first = await pay(settlement.id, 25_000, '52123456');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ amount: 25_000, remaining: 15_000, status: 'held' });
    const stranger = await pay(settlement.id, 15_000, '1020304050');
    expect(stranger.statusCode).toBe(422);
    expect(stranger.json().rule).toBe('FOL-15');
    expect((await pay(settlement.id, 15_000, '79555444')).json()).toMatchObject({ remaining: 0, status: 'paid' });
    const rows = await paid(settlement.id);
    expect(rows.map((r) => [r.amount, r.beneficiary_document, r.beneficiary_names])).toEqual([
      [25_000, 'CC 52123456', 'María Pérez Gómez'],
      [15_000, 'CC 79555444', 'Jorge Pérez'],
    ]);
    expect(rows.map((r) => r.authorisation_reference)).toEqual(['RAD-77 · Of. 12', 'RAD-77 · Of. 12']);
    expect((await settlementOf(nui)).status).toBe('paid');
    await w.ledgerAddsUp();
  });

  it('FOL-15 when the PPL replaces the authorisation then the person left out is no longer paid; the old one is kept, revoked', async () => {
    const nui = await w.admit({ cash: 20_000 });
    expect((await authorise(nui, { writtenRequest: WRITTEN, persons: [MOTHER] })).statusCode).toBe(200);
    const again = await authorise(nui, { writtenRequest: { ...WRITTEN, documentRef: 'RAD-78' }, persons: [BROTHER] });
    expect(again.json()).toEqual({
      nui,
      authorisation: { documentRef: 'RAD-78', date: '2026-11-02' },
      persons: [{ id: again.json().persons[0].id, document: 'CC ****5444', names: 'Jorge Pérez', relationship: 'hermano' }],
    });
    const all = await w.db.selectFrom('settlement_beneficiaries').select(['doc_number', 'revoked_at']).where('nui', '=', nui).execute();
    expect(all.map((b) => [b.doc_number, b.revoked_at === null]).sort()).toEqual([
      ['52123456', false],
      ['79555444', true],
    ]);
    await w.applied((await w.exit(nui, '113', 'escape')).id);
    const s = await settlementOf(nui);
    expect((await pay(s.id, 20_000, '52123456')).statusCode).toBe(422);
    expect((await pay(s.id, 20_000, '79555444')).statusCode).toBe(201);
  });

  it('FOL-15 when the written authorisation lacks signature, fingerprint or a valid document then 422 FOL-15 naming each item, nothing recorded', async () => {
    const nui = await w.admit({ cash: 1_000 });
    const res = await authorise(nui, {
      writtenRequest: { date: '2026-11-02', signed: false },
      persons: [MOTHER, { ...BROTHER, document: { type: 'CC', number: '0012' } }, MOTHER],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().rule).toBe('FOL-15');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      '/writtenRequest/signed',
      '/writtenRequest/fingerprint',
      '/writtenRequest/documentRef',
      '/persons/1/document',
      '/persons/2/document',
    ]);
    expect(await w.db.selectFrom('settlement_beneficiaries').select('id').where('nui', '=', nui).execute()).toEqual([]);
  });

  it('FOL-15 PLT-06 when the Folio is closed, or the caller acts for another establishment, then no authorisation is recorded; reads are masked and audited', async () => {
    const { nui } = await died(5_000, [MOTHER]);
    const late = await authorise(nui, { writtenRequest: WRITTEN, persons: [BROTHER] });
    expect(late.statusCode).toBe(422);
    expect(late.json()).toMatchObject({ rule: 'FOL-15', article: 'Art. 123' });
    const open = await w.admit({ cash: 1_000 });
    expect((await authorise(open, { writtenRequest: WRITTEN, persons: [BROTHER] }, paymaster('114'))).statusCode).toBe(403);
    expect((await authorise(open, { writtenRequest: WRITTEN, persons: [BROTHER] }, bearer(['shop_clerk'], ['113']))).statusCode).toBe(403);
    const read = await listed(nui);
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain('52123456');
    expect(read.json().persons.map((p: { document: string }) => p.document)).toEqual(['CC ****3456']);
    expect((await listed(nui, paymaster('114'))).statusCode).toBe(403);
    const audit = await w.db.selectFrom('audit_log').select(['action', 'details']).where('entity_id', '=', nui).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['set-settlement-beneficiaries', 'read-settlement-beneficiaries']);
    expect(JSON.stringify(audit)).not.toContain('52123456');
  });
});
