import { addDays, bogotaToday } from '@eron/shared';
import { bearer, eventually } from '@eron/shared/testing';
import { asobancariaFile, DEPOSITOR_LAYOUT, type Payment } from './support/asobancaria';
import { cc, setDepositors } from './support/depositors';
import { startFolio, type FolioWorld } from './support/folio.world';

/** Issue 9 follow-up: lines of an officer's file naming another establishment's PPL, in both establishments' reports (FOL-06, FOL-17). */
let w: FolioWorld;
beforeAll(async () => {
  w = await startFolio({ config: { RECAUDO_REFERENCE_LAYOUT: DEPOSITOR_LAYOUT } });
});
afterAll(async () => w.close());

const dg = bearer(['dg']);
const uploader = bearer(['paymaster'], ['115']);
const paymaster114 = bearer(['paymaster'], ['114']);
let day = addDays(bogotaToday(), -30);
/** Each file gets its own collection date (its identity, ASO-20). */
const nextDay = () => (day = addDays(day, 1));
let depSeq = 71_400_000;

async function pplWithDepositor(eron: string): Promise<{ nui: string; dep: string }> {
  const nui = await w.admit({ eron });
  depSeq += 1;
  expect((await setDepositors(w.app, nui, [cc(depSeq)], eron)).statusCode).toBe(201);
  return { nui, dep: String(depSeq) };
}

/** A file uploaded by an officer of 115, and processed. */
async function uploadDone(lots: Payment[][], collectionDate: string) {
  const text = asobancariaFile({ layout: 'depositor', collectionDate, lots });
  const up = await w.app.inject({
    method: 'POST',
    url: '/api/v1/folio/recaudo/files',
    headers: { ...uploader, 'content-type': 'text/plain' },
    payload: text,
  });
  expect(up.statusCode).toBe(202);
  const id = up.json().id as string;
  const status = async () =>
    (await w.app.inject({ method: 'GET', url: `/api/v1/folio/recaudo/files/${id}`, headers: uploader })).json().status;
  await eventually(async () => (await status()) === 'done', 15_000, 'file processed');
  return id;
}

const get = async (url: string, headers: Record<string, string>) => {
  const res = await w.app.inject({ method: 'GET', url, headers });
  expect([url, res.statusCode]).toEqual([url, 200]);
  return res.json();
};
const fileReport = (id: string, headers: Record<string, string>) => get(`/api/v1/folio/recaudo/files/${id}/report`, headers);
const daily = (eron: string, date: string) => get(`/api/v1/folio/establishments/${eron}/reports/daily?date=${date}`, dg);
const monthly = (eron: string, month: string) => get(`/api/v1/folio/establishments/${eron}/reports/monthly?month=${month}`, dg);
const reconciliation = async (eron: string, date: string, headers: Record<string, string>) =>
  get(`/api/v1/folio/recaudo/reconciliation?from=${date}&to=${date}&eron=${eron}`, headers);
type Report = {
  deposits: { received: number; receivedCount: number; rejected: number }[];
  balancesHeld: { closing: number; movements: { kind: string; amount: number }[] };
  paymaster: { closing: number };
  reconciliation: { reconciles: boolean; heldFromPostings: number; heldFromBalances: number };
};
const received = (r: Report) => r.deposits.reduce((t, d) => t + d.received, 0);
const bucketsOf = (d: Record<string, { count: number; amount: number }>) =>
  Object.fromEntries(['credited', 'rejected', 'held', 'heldForNationalOffice', 'namingNoFolio'].map((k) => [k, d[k]]));

describe('FOL-17 money the national office credits to another establishment’s PPL', () => {
  // Decision: a line held for the national office (it names a PPL of 114, the uploader acts for 115)
  // sits in the national account's `deposits_held` until a national officer releases it. When it
  // is credited, the money enters a PPL held by 114, so it is 114's: the national paymaster sends
  // it out of the held deposits (national account, `deposit_national_release`) and 114's paymaster
  // puts it into the PPL's Folio (`deposit_review_credit`, booked by 114), as a transfer moves a
  // balance. 114's report of that day shows it received and in the balances it holds; the national
  // report shows it left (its paymaster sent it on) and never counts it as received or held there.
  it('FOL-17 FOL-06 when the national office credits a held line naming a PPL of 114 then 114’s daily and monthly reports count it received and held that day, the national report shows it sent on, and no peso is counted twice', async () => {
    const c = await pplWithDepositor('114');
    const today = bogotaToday();
    const before = { r114: (await daily('114', today)) as Report, r000: (await daily('000', today)) as Report };
    const month114 = (await monthly('114', today.slice(0, 7))) as Report;
    const id = await uploadDone([[{ nui: c.nui, pesos: 30_000, depositor: c.dep }]], nextDay());
    const held = await fileReport(id, dg);
    expect(held.records).toMatchObject([{ line: 3, outcome: 'held', reason: 'national_review' }]);

    const approved = await w.app.inject({ method: 'POST', url: `/api/v1/folio/recaudo/files/${id}/approve`, headers: dg });
    expect([approved.statusCode, approved.json().credited]).toEqual([200, 1]);
    expect(await w.available(c.nui)).toBe(30_000);

    const r114 = (await daily('114', today)) as Report;
    const r000 = (await daily('000', today)) as Report;
    // 114: every peso that entered its PPL's Folios, received and held, and its books reconcile.
    expect(received(r114) - received(before.r114)).toBe(30_000);
    expect(r114.balancesHeld.closing - before.r114.balancesHeld.closing).toBe(30_000);
    expect(r114.balancesHeld.movements).toContainEqual(expect.objectContaining({ kind: 'deposit_review_credit' }));
    expect(r114.reconciliation).toMatchObject({ reconciles: true });
    expect(r114.reconciliation.heldFromPostings).toBe(r114.reconciliation.heldFromBalances);
    expect(r114.paymaster.closing - before.r114.paymaster.closing).toBe(-30_000);
    const m114 = (await monthly('114', today.slice(0, 7))) as Report;
    expect(received(m114) - received(month114)).toBe(30_000);
    expect(m114.reconciliation.reconciles).toBe(true);
    // The national account: nothing received nor held for a PPL there; its paymaster sent it on.
    expect(received(r000) - received(before.r000)).toBe(0);
    expect(r000.balancesHeld.closing - before.r000.balancesHeld.closing).toBe(0);
    expect(r000.reconciliation).toMatchObject({ reconciles: true });
    expect(r000.paymaster.closing - before.r000.paymaster.closing).toBe(30_000);
    // The file still reconciles with what the ledger booked for it, across both establishments.
    expect(await fileReport(id, dg)).toMatchObject({ credited: { count: 1, amount: 30_000 }, held: { count: 0 }, reconciles: true });
    expect(await w.eronBalance('000', 'deposits_held')).toBe(0);
    await w.ledgerAddsUp();
  });
});

describe('FOL-17 a held line credited after its PPL was transferred', () => {
  // Decision: the same holds when the PPL a held line names has been transferred since the line was
  // booked: the establishment that held it (the uploader's, whose second officer approves) sends it
  // on; the establishment that now holds the Folio receives it and counts it.
  it('FOL-17 FOL-06 when a line awaiting confirmation is approved after its PPL moved from 115 to 114 then 114 reports it received and held, 115 shows it sent on, both reconcile', async () => {
    const a = await pplWithDepositor('115');
    const today = bogotaToday();
    const id = await uploadDone([[{ nui: a.nui, pesos: 12_000, depositor: a.dep }]], nextDay());
    expect((await fileReport(id, uploader)).records).toMatchObject([{ line: 3, outcome: 'held', reason: 'awaiting_confirmation' }]);
    await w.transfer(a.nui, '115', '114');
    await eventually(
      async () => (await w.db.selectFrom('folios').select('eron').where('nui', '=', a.nui).executeTakeFirst())?.eron === '114',
      10_000,
      'Folio moved',
    );
    const before = { r114: (await daily('114', today)) as Report, r115: (await daily('115', today)) as Report };
    const approved = await w.app.inject({
      method: 'POST',
      url: `/api/v1/folio/recaudo/files/${id}/approve`,
      headers: bearer(['director'], ['115']),
    });
    expect([approved.statusCode, approved.json().credited]).toEqual([200, 1]);
    expect(await w.available(a.nui)).toBe(12_000);
    const r114 = (await daily('114', today)) as Report;
    const r115 = (await daily('115', today)) as Report;
    expect(received(r114) - received(before.r114)).toBe(12_000);
    expect(r114.balancesHeld.closing - before.r114.balancesHeld.closing).toBe(12_000);
    expect(received(r115) - received(before.r115)).toBe(0);
    expect(r115.balancesHeld.closing - before.r115.balancesHeld.closing).toBe(0);
    expect(r115.paymaster.closing - before.r115.paymaster.closing).toBe(12_000);
    expect([r114.reconciliation.reconciles, r115.reconciliation.reconciles]).toEqual([true, true]);
    expect(await fileReport(id, dg)).toMatchObject({ credited: { count: 1, amount: 12_000 }, reconciles: true });
    await w.ledgerAddsUp();
  });
});

describe('FOL-06 a line with cents naming another establishment’s PPL', () => {
  // Decision: a line with cents moves no money (ASO-17, FOL-02): it is owed back whole by the bank.
  // Who answers for it is decided as for whole-peso lines: one naming a PPL of an establishment the
  // uploader does not act for is handed to the national office (booked on the national account),
  // never to that establishment, which neither uploaded the file nor received the payment. The
  // uploader's reconciliation accounts for it apart, with the lines handed to the national office
  // for naming another establishment's PPL (`heldForNationalOffice`), listed with its own reason and
  // status; the national account counts it rejected; 114 sees nothing of it.
  it('FOL-06 FOL-17 when an officer’s file has a line with cents naming a PPL of another establishment then it is owed back by the national office, shown apart in the uploader’s reconciliation, never in that establishment’s', async () => {
    const a = await pplWithDepositor('115');
    const c = await pplWithDepositor('114');
    const date = nextDay();
    const today = bogotaToday();
    const before = await daily('115', today);
    const id = await uploadDone(
      [
        [
          { nui: a.nui, pesos: 10_000, depositor: a.dep },
          { nui: c.nui, pesos: 7_000, cents: 50, depositor: c.dep },
        ],
      ],
      date,
    );
    // The establishment named neither uploaded nor received it: nothing of it is there.
    const there = await reconciliation('114', date, paymaster114);
    expect(bucketsOf(there.days[0])).toMatchObject({ rejected: { count: 0, amount: 0 }, heldForNationalOffice: { count: 0, amount: 0 } });
    expect((await fileReport(id, paymaster114)).records).toEqual([]);

    // The uploader accounts for every line of its file: one awaiting confirmation, one handed to the national office.
    const here = await reconciliation('115', date, uploader);
    expect(bucketsOf(here.days[0])).toEqual({
      credited: { count: 0, amount: 0 },
      rejected: { count: 0, amount: 0 },
      held: { count: 1, amount: 10_000 },
      heldForNationalOffice: { count: 1, amount: 7_000 },
      namingNoFolio: { count: 0, amount: 0 },
    });
    expect(here.nationalAccountLines.filter((l: { fileId: string }) => l.fileId === id)).toEqual([
      { fileId: id, line: 4, collectionDate: date, amount: 7_000, reason: 'amount_not_whole_pesos', status: 'rejected' },
    ]);
    expect(JSON.stringify(here)).not.toContain(c.nui);
    // The daily report of the day it was booked shows it apart too, never in the uploader's deposits.
    const after = await daily('115', today);
    const handed = (r: { forNationalOffice: Record<string, { count: number; amount: number }> }, k: string) => r.forNationalOffice[k]!;
    expect(handed(after, 'heldForNationalOffice').count - handed(before, 'heldForNationalOffice').count).toBe(1);
    expect(handed(after, 'heldForNationalOffice').amount - handed(before, 'heldForNationalOffice').amount).toBe(7_000);
    expect(handed(after, 'namingNoFolio')).toEqual(handed(before, 'namingNoFolio'));
    expect(received(after) - received(before)).toBe(0);

    // The national office owes it back and sees it; the file's figures add up.
    expect(bucketsOf((await reconciliation('000', date, dg)).days[0])).toMatchObject({ rejected: { count: 1, amount: 7_000 } });
    const national = await fileReport(id, dg);
    expect(national).toMatchObject({ rejected: { count: 1, amount: 7_000 }, held: { count: 1, amount: 10_000 }, reconciles: true });
    expect(national.records).toContainEqual(expect.objectContaining({ line: 4, outcome: 'rejected', reason: 'amount_not_whole_pesos' }));
    await w.ledgerAddsUp();
  });
});
