import { addDays, bogotaToday } from '@eron/shared';
import { bearer, eventually } from '@eron/shared/testing';
import { asobancariaFile, type Payment } from './support/asobancaria';
import { cc, setDepositors } from './support/depositors';
import { startFolio, type FolioWorld } from './support/folio.world';

let w: FolioWorld;
beforeAll(async () => {
  // The default agreement: the reference is the NUI alone, so a file record never names its depositor.
  w = await startFolio({ config: { RECAUDO_REFERENCE_LAYOUT: 'nui:1:48' } });
});
afterAll(async () => w.close());

const paymaster = bearer(['paymaster'], ['113']);
let day = addDays(bogotaToday(), -1);
let depSeq = 52_300_000;

async function upload(lots: Payment[][]): Promise<{ fileId: string; date: string }> {
  day = addDays(day, -1);
  const payload = asobancariaFile({ collectionDate: day, lots });
  const up = await w.app.inject({
    method: 'POST',
    url: '/api/v1/folio/recaudo/files',
    headers: { ...paymaster, 'content-type': 'text/plain' },
    payload,
  });
  expect(up.statusCode).toBe(202);
  const fileId = up.json().id as string;
  const progress = async () =>
    (await w.app.inject({ method: 'GET', url: `/api/v1/folio/recaudo/files/${fileId}`, headers: paymaster })).json().status;
  await eventually(async () => (await progress()) === 'done', 15_000, 'file processed');
  return { fileId, date: day };
}

const listHeld = async (headers: Record<string, string> = paymaster, eron = '113') =>
  w.app.inject({ method: 'GET', url: `/api/v1/folio/recaudo/deposits?status=held&eron=${eron}`, headers });

/** A PPL (with one authorised depositor) and a file record for them that is held: its depositor cannot be known. */
async function heldFor(pesos = 50_000) {
  const nui = await w.admit();
  depSeq += 1;
  const depositor = cc(depSeq);
  expect((await setDepositors(w.app, nui, [depositor])).statusCode).toBe(201);
  const file = await upload([[{ nui, pesos }]]);
  const held = (await listHeld()).json().deposits.find((d: { nui: string }) => d.nui === nui);
  expect(held).toMatchObject({ nui, amount: pesos, fileId: file.fileId, line: 3, reason: 'depositor_unknown', collectionDate: file.date });
  return { nui, depositor, id: held.id as string, ...file };
}

const review = (id: string, payload: object, headers: Record<string, string> = paymaster) =>
  w.app.inject({ method: 'POST', url: `/api/v1/folio/recaudo/deposits/${id}/review`, headers, payload });
const report = async (fileId: string) =>
  (await w.app.inject({ method: 'GET', url: `/api/v1/folio/recaudo/files/${fileId}/report`, headers: paymaster })).json();
const reconciliation = async (date: string) =>
  (
    await w.app.inject({ method: 'GET', url: `/api/v1/folio/recaudo/reconciliation?from=${date}&to=${date}&eron=113`, headers: paymaster })
  ).json();
const reviews = () => w.app.db.selectFrom('recaudo_deposit_reviews').selectAll().execute();

describe('FOL-06 the paymaster resolves deposits held for review', () => {
  it('FOL-06 FOL-05 when a held deposit is credited naming an authorised depositor then the PPL balance goes up and the report and reconciliation move it from held to credited', async () => {
    const h = await heldFor(50_000);
    expect((await report(h.fileId)).held).toEqual({ count: 1, amount: 50_000 });
    const before = await reconciliation(h.date);
    expect(before.days[0].held).toEqual({ count: 1, amount: 50_000 });
    const list = await listHeld();
    expect(list.body).not.toContain(h.depositor.number);

    const res = await review(h.id, { decision: 'credit', depositor: h.depositor, reason: 'Soporte del banco, comprobante 77' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      depositId: h.id,
      nui: h.nui,
      amount: 50_000,
      decision: 'credit',
      status: 'credited',
      reason: null,
      note: 'Soporte del banco, comprobante 77',
      depositor: `CC ****${h.depositor.number.slice(-4)}`,
      decidedBy: 'test-paymaster',
    });
    expect(await w.available(h.nui)).toBe(50_000);
    const r = await report(h.fileId);
    expect(r).toMatchObject({ held: { count: 0, amount: 0 }, credited: { count: 1, amount: 50_000 }, reconciles: true });
    const after = await reconciliation(h.date);
    expect(after.days[0]).toMatchObject({ held: { count: 0, amount: 0 }, credited: { count: 1, amount: 50_000 } });
    expect(after.heldForReview.count).toBe(before.heldForReview.count - 1);
    expect((await listHeld()).json().deposits.map((d: { id: string }) => d.id)).not.toContain(h.id);
    const stored = (await reviews()).find((x) => x.deposit_id === h.id)!;
    expect(stored).toMatchObject({ decision: 'credit', status: 'credited', note: 'Soporte del banco, comprobante 77' });
    expect(stored.decided_by).toBe(res.json().decidedBy);
    const logged = await w.app.db.selectFrom('audit_log').selectAll().where('entity_id', '=', h.id).execute();
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged)).not.toContain(h.depositor.number);
  });

  it('FOL-06 FOL-05 when the depositor named is not authorised for the PPL then the deposit is rejected and owed back, never credited', async () => {
    const h = await heldFor(30_000);
    const refundsBefore = await w.eronBalance('113', 'refunds_due');
    const res = await review(h.id, { decision: 'credit', depositor: cc(79_111_222), reason: 'Soporte del banco' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'rejected',
      reason: 'depositor_not_authorised',
      reasonText: expect.stringContaining('FOL-05'),
    });
    expect(await w.available(h.nui)).toBe(0);
    expect(await w.eronBalance('113', 'refunds_due')).toBe(refundsBefore + 30_000);
    expect(await report(h.fileId)).toMatchObject({ held: { count: 0 }, rejected: { count: 1, amount: 30_000 }, reconciles: true });
    expect((await reconciliation(h.date)).days[0]).toMatchObject({ rejected: { count: 1, amount: 30_000 }, refundsDue: 30_000 });
  });

  it('FOL-06 FOL-04 when crediting would pass the month’s deposit cap then the deposit is rejected with the cap reason and owed back', async () => {
    const caps = (await w.app.inject({ method: 'GET', url: `/api/v1/folio/limits?date=${day}`, headers: paymaster })).json();
    const h = await heldFor(caps.depositMonth + 1);
    const res = await review(h.id, { decision: 'credit', depositor: h.depositor, reason: 'Soporte del banco' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', reason: 'monthly_cap', reasonText: expect.stringContaining('FOL-04') });
    expect(await w.available(h.nui)).toBe(0);
    expect(await report(h.fileId)).toMatchObject({ rejected: { count: 1 }, held: { count: 0 }, reconciles: true });
  });

  it('FOL-06 when the paymaster refunds a held deposit then it is owed back with the reason', async () => {
    const h = await heldFor(12_000);
    const refundsBefore = await w.eronBalance('113', 'refunds_due');
    const heldBefore = await w.eronBalance('113', 'deposits_held');
    const res = await review(h.id, { decision: 'refund', reason: 'El banco informa consignación errada' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', reason: null, depositor: null, note: 'El banco informa consignación errada' });
    expect(await w.eronBalance('113', 'refunds_due')).toBe(refundsBefore + 12_000);
    expect(await w.eronBalance('113', 'deposits_held')).toBe(heldBefore - 12_000);
    const r = await report(h.fileId);
    expect(r.records).toEqual([
      { line: 3, outcome: 'rejected', reason: 'El banco informa consignación errada', nui: h.nui, amount: 12_000 },
    ]);
  });

  it('FOL-06 when a deposit is not held, or is reviewed twice, then 409 naming FOL-06; the same Idempotency-Key replays the decision', async () => {
    const h = await heldFor(9_000);
    const notice = await w.bank.notify({
      operationNumber: String(depSeq),
      nui: h.nui,
      depositor: h.depositor,
      amount: 5_000,
      paidAt: new Date().toISOString(),
      bankCode: '007',
    });
    expect(notice.body.status).toBe('credited');
    const notHeld = await review(notice.body.depositId, { decision: 'refund', reason: 'x' });
    expect(notHeld.statusCode).toBe(409);
    expect(notHeld.json().rule).toBe('FOL-06');
    const key = { ...paymaster, 'idempotency-key': `review-${h.id}` };
    const body = { decision: 'credit', depositor: h.depositor, reason: 'Soporte' };
    const first = await review(h.id, body, key);
    expect(first.statusCode).toBe(200);
    const replay = await review(h.id, body, key);
    expect([replay.statusCode, replay.json()]).toEqual([200, first.json()]);
    const twice = await review(h.id, { decision: 'refund', reason: 'otra vez' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().rule).toBe('FOL-06');
    expect(await w.available(h.nui)).toBe(14_000);
    expect((await reviews()).filter((x) => x.deposit_id === h.id)).toHaveLength(1);
  });

  it('FOL-06 when two paymasters decide one held deposit at the same moment then one decision stands and the other is 409 FOL-06; the money moves once', async () => {
    const h = await heldFor(7_000);
    const refundsBefore = await w.eronBalance('113', 'refunds_due');
    const answers = await Promise.all([
      review(h.id, { decision: 'refund', reason: 'Primera' }),
      review(h.id, { decision: 'refund', reason: 'Segunda' }),
      review(h.id, { decision: 'refund', reason: 'Tercera' }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.json()).toMatchObject({ rule: 'FOL-06' });
    expect((await reviews()).filter((x) => x.deposit_id === h.id)).toHaveLength(1);
    expect(await w.eronBalance('113', 'refunds_due')).toBe(refundsBefore + 7_000);
  });

  it('FOL-06 PLT-03 when the caller lacks the role, has no token or acts for another establishment then 401/403 and nothing changes', async () => {
    const h = await heldFor(7_000);
    const body = { decision: 'refund', reason: 'x' };
    expect((await review(h.id, body, {})).statusCode).toBe(401);
    expect((await review(h.id, body, bearer(['auditor'], ['113']))).statusCode).toBe(403);
    expect((await review(h.id, body, bearer(['shop_clerk'], ['113']))).statusCode).toBe(403);
    expect((await review(h.id, body, bearer(['paymaster'], ['114']))).statusCode).toBe(403);
    expect((await listHeld(bearer(['paymaster'], ['114']))).statusCode).toBe(403);
    expect((await listHeld(bearer(['shop_clerk'], ['113']))).statusCode).toBe(403);
    expect((await listHeld({})).statusCode).toBe(401);
    expect((await reviews()).filter((x) => x.deposit_id === h.id)).toHaveLength(0);
    expect((await review(h.id, body, bearer(['director'], ['113']))).statusCode).toBe(200);
  });

  it('FOL-06 PLT-04 when the input is bad then 400 naming the field and nothing changes', async () => {
    const h = await heldFor(6_000);
    const cases: [object, string][] = [
      [{ decision: 'credit', reason: 'sin consignante' }, '/depositor'],
      [{ decision: 'credit', depositor: { type: 'CC', number: 'abc' }, reason: 'x' }, '/depositor/number'],
      [{ decision: 'gift', reason: 'x' }, '/decision'],
      [{ decision: 'refund' }, '/reason'],
      [{ decision: 'refund', reason: 'x', extra: 1 }, ''],
    ];
    for (const [payload, field] of cases) {
      const res = await review(h.id, payload);
      expect([JSON.stringify(payload), res.statusCode]).toEqual([JSON.stringify(payload), 400]);
      expect(JSON.stringify(res.json().errors)).toContain(field);
    }
    expect((await review('not-a-uuid', { decision: 'refund', reason: 'x' })).statusCode).toBe(400);
    expect((await review('00000000-0000-4000-8000-000000000000', { decision: 'refund', reason: 'x' })).statusCode).toBe(404);
    expect((await listHeld(paymaster, 'abc')).statusCode).toBe(400);
    expect(
      (await w.app.inject({ method: 'GET', url: '/api/v1/folio/recaudo/deposits?status=credited&eron=113', headers: paymaster }))
        .statusCode,
    ).toBe(400);
    expect((await reviews()).filter((x) => x.deposit_id === h.id)).toHaveLength(0);
    expect(await w.available(h.nui)).toBe(0);
  });
});

describe('PLT-18 the held-deposits list is paged', () => {
  it('FOL-06 PLT-18 when more deposits are held than a page holds then the pages, followed by their cursors, list each once, oldest first; a forged cursor is a 400', async () => {
    const nuis: string[] = [];
    for (let i = 0; i < 5; i += 1) nuis.push(await w.admit());
    await upload([nuis.map((nui, i) => ({ nui, pesos: 10_000 + i }))]);
    const seen: { id: string; collectionDate: string }[] = [];
    let after: string | null = '';
    let pages = 0;
    while (after !== null) {
      const q: string = after ? `&after=${after}` : '';
      const res = await w.app.inject({
        method: 'GET',
        url: `/api/v1/folio/recaudo/deposits?status=held&eron=113&limit=2${q}`,
        headers: paymaster,
      });
      expect(res.statusCode).toBe(200);
      const page = res.json<{ deposits: { id: string; collectionDate: string }[]; next: string | null }>();
      expect(page.deposits.length).toBeLessThanOrEqual(2);
      seen.push(...page.deposits);
      after = page.next;
      pages += 1;
    }
    const all = (await listHeld()).json<{ deposits: { id: string }[] }>().deposits;
    expect(seen.map((d) => d.id)).toEqual(all.map((d) => d.id));
    expect(new Set(seen.map((d) => d.id)).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(pages).toBe(Math.ceil(seen.length / 2));
    expect(seen.map((d) => d.collectionDate)).toEqual([...seen.map((d) => d.collectionDate)].sort());
    const forged = await w.app.inject({
      method: 'GET',
      url: '/api/v1/folio/recaudo/deposits?status=held&eron=113&after=bm9wZQ',
      headers: paymaster,
    });
    expect([forged.statusCode, forged.json().type]).toEqual([400, expect.stringMatching(/cursor-invalid$/)]);
  });
});
