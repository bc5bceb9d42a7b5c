import { bogotaToday } from '@eron/shared';
import { bearer, eventually } from '@eron/shared/testing';
import { asobancariaFile } from './support/asobancaria';
import type { Notice } from './support/fake-bank';
import { cc, setDepositors } from './support/depositors';
import { startFolio, type FolioWorld } from './support/folio.world';

let w: FolioWorld;
beforeAll(async () => {
  w = await startFolio({ config: { RECAUDO_REFERENCE_LAYOUT: 'nui:1:48' } });
});
afterAll(async () => w.close());

let op = 400_000 + Math.floor(Math.random() * 100_000);
const notice = (nui: string, amount: number, depositor = cc(10_205_678)): Notice => {
  op += 1;
  return { operationNumber: String(op), nui, depositor, amount, paidAt: new Date().toISOString(), bankCode: '007' };
};
const deposits = (nui: string) => w.app.db.selectFrom('recaudo_deposits').selectAll().where('nui', '=', nui).execute();

describe('FOL-06 (a) real-time deposit notices', () => {
  it('FOL-06 when the bank sends a notice twice and then five times at once then it is credited once', async () => {
    const nui = await w.admit();
    await setDepositors(w.app, nui, [cc(10_205_678)]);
    const n = notice(nui, 50_000);
    const first = await w.bank.notify(n);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ result: 'credited', status: 'credited', reason: null, amount: 50_000 });
    const again = await w.bank.notify(n);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ result: 'duplicate', depositId: first.body.depositId });

    const m = notice(nui, 20_000);
    const burst = await Promise.all([1, 2, 3, 4, 5].map(() => w.bank.notify(m)));
    expect(burst.filter((r) => r.body.result === 'credited')).toHaveLength(1);
    expect(burst.filter((r) => r.body.result === 'duplicate')).toHaveLength(4);
    expect(await w.available(nui)).toBe(70_000);
    expect(await deposits(nui)).toHaveLength(2);
    const txs = await w.app.db.selectFrom('ledger_transactions').select(['kind', 'reference']).where('nui', '=', nui).execute();
    // The bank key is the payment's identity: bank, day, operation number, PPL and amount (FOL-06).
    const key = (x: Notice) => `op:007:${bogotaToday(new Date(x.paidAt))}:${x.operationNumber}:${nui}:${x.amount * 100}`;
    expect(txs).toEqual([
      { kind: 'deposit', reference: key(n) },
      { kind: 'deposit', reference: key(m) },
    ]);
  });

  it('FOL-04 when a deposit would pass the monthly cap then it is not credited, recorded as rejected and owed back', async () => {
    const nui = await w.admit();
    await setDepositors(w.app, nui, [cc(10_205_678)]);
    const refundsBefore = await w.eronBalance('113', 'refunds_due');
    expect((await w.bank.notify(notice(nui, 3_000_000))).body.result).toBe('credited');
    const over = await w.bank.notify(notice(nui, 600_000));
    expect(over.status).toBe(201);
    expect(over.body).toMatchObject({ result: 'rejected', reason: 'monthly_cap', reasonText: expect.stringContaining('FOL-04') });
    expect((await w.bank.notify(notice(nui, 501_810))).body.result).toBe('credited');
    expect((await w.bank.notify(notice(nui, 1))).body.reason).toBe('monthly_cap');
    expect(await w.available(nui)).toBe(3_501_810);
    expect((await w.eronBalance('113', 'refunds_due')) - refundsBefore).toBe(600_001);
    const rejected = (await deposits(nui)).filter((d) => d.status === 'rejected');
    expect(rejected.map((d) => [d.reason, d.amount_cents])).toEqual([
      ['monthly_cap', 60_000_000],
      ['monthly_cap', 100],
    ]);
  });

  it('FOL-05 when the depositor is not authorised by the PPL then the deposit is rejected and owed back, the person kept apart', async () => {
    const nui = await w.admit();
    await setDepositors(w.app, nui, [cc(10_205_678)]);
    const refundsBefore = await w.eronBalance('113', 'refunds_due');
    const res = await w.bank.notify(notice(nui, 80_000, cc(79_111_222)));
    expect(res.body).toMatchObject({ result: 'rejected', reason: 'depositor_not_authorised' });
    expect(await w.available(nui)).toBe(0);
    expect((await w.eronBalance('113', 'refunds_due')) - refundsBefore).toBe(80_000);
    const [d] = await deposits(nui);
    const person = await w.app.db.selectFrom('depositors').selectAll().where('id', '=', d!.depositor_id).executeTakeFirstOrThrow();
    expect(person).toMatchObject({ doc_type: 'CC', doc_number: '79111222' });
    expect(JSON.stringify(res.body)).not.toContain('79111222');
  });

  it('FOL-06 when a notice names no open Folio then it is rejected and owed back from the national account', async () => {
    const before = await w.eronBalance('000', 'refunds_due');
    const res = await w.bank.notify(notice('9999999991', 10_000));
    expect(res.body).toMatchObject({ result: 'rejected', reason: 'unknown_reference' });
    expect((await w.eronBalance('000', 'refunds_due')) - before).toBe(10_000);
  });

  it('PLT-03 when the signature is bad, the timestamp old, or a staff token is used then 401 and nothing is recorded', async () => {
    const nui = await w.admit();
    await setDepositors(w.app, nui, [cc(10_205_678)]);
    const n = notice(nui, 10_000);
    expect((await w.bank.notify(n, { secret: 'wrong-secret' })).status).toBe(401);
    expect((await w.bank.notify(n, { now: Date.now() - 6 * 60_000 })).status).toBe(401);
    expect((await w.bank.notify(n, { tamperBody: (raw) => raw.replace('10000', '90000') })).status).toBe(401);
    const staff = await w.app.inject({
      method: 'POST',
      url: '/api/v1/folio/recaudo/deposits',
      headers: bearer(['paymaster'], ['113']),
      payload: n,
    });
    expect(staff.statusCode).toBe(401);
    expect(await deposits(nui)).toHaveLength(0);
    expect(await w.available(nui)).toBe(0);
  });

  it('PLT-04 when the notice is malformed then 400 naming each field and nothing is recorded', async () => {
    const nui = await w.admit();
    const res = await w.bank.notify({ ...notice(nui, 10_000), amount: 1500.5, operationNumber: '000', extra: true });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['/amount', '/extra', '/operationNumber']);
    const doc = await w.bank.notify(notice(nui, 10_000, { type: 'CC', number: '0001' }));
    expect(doc.status).toBe(400);
    expect(doc.body.errors[0].field).toBe('/depositor/number');
    expect(await deposits(nui)).toHaveLength(0);
  });
});

describe('FOL-06 (b) files whose references carry no depositor', () => {
  it('FOL-06 when a file record was already notified then it is a duplicate; when its depositor cannot be known then it is held for review, never credited', async () => {
    const nui = await w.admit();
    await setDepositors(w.app, nui, [cc(10_205_678)]);
    const n = notice(nui, 45_000);
    await w.bank.notify({ ...n, operationNumber: n.operationNumber.padStart(6, '0') });
    // The bank's day is Bogotá's (after 19:00 there the UTC date is already tomorrow).
    const today = bogotaToday();
    const file = asobancariaFile({
      collectionDate: today,
      modifier: 'Z',
      lots: [
        [
          { nui, pesos: 45_000, operation: n.operationNumber },
          { nui, pesos: 30_000, branch: '0456' },
        ],
      ],
    });
    const up = await w.app.inject({
      method: 'POST',
      url: '/api/v1/folio/recaudo/files',
      headers: { ...bearer(['paymaster'], ['113']), 'content-type': 'text/plain' },
      payload: file,
    });
    expect(up.statusCode).toBe(202);
    const headers = bearer(['paymaster'], ['113']);
    await eventually(
      async () =>
        (await w.app.inject({ method: 'GET', url: `/api/v1/folio/recaudo/files/${up.json().id}`, headers })).json().status === 'done',
    );
    const report = (await w.app.inject({ method: 'GET', url: `/api/v1/folio/recaudo/files/${up.json().id}/report`, headers })).json();
    expect(report).toMatchObject({
      fileTotal: { count: 2, amount: 75_000 },
      credited: { count: 0, amount: 0 },
      duplicates: { count: 1, amount: 45_000 },
      held: { count: 1, amount: 30_000 },
      reconciles: true,
    });
    expect(report.records).toEqual([
      { line: 3, outcome: 'duplicate', reason: 'already_seen', nui, amount: 45_000 },
      { line: 4, outcome: 'held', reason: 'depositor_unknown', nui, amount: 30_000 },
    ]);
    expect(await w.available(nui)).toBe(45_000);
    expect(await w.eronBalance('113', 'deposits_held')).toBe(30_000);
  });
});
