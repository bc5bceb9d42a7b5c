import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { addDays, bogotaToday } from '@eron/shared';
import { bearer, eventually } from '@eron/shared/testing';
import { asobancariaFile, DEPOSITOR_LAYOUT, type Payment } from './support/asobancaria';
import { cc, setDepositors } from './support/depositors';
import type { Notice } from './support/fake-bank';
import { startFolio, type FolioWorld } from './support/folio.world';

/** Issue 9, "Money" and "Tests that cannot fail", on bank deposits (FOL-02, FOL-04 … FOL-06, FOL-12, PLT-06). */
let w: FolioWorld;
beforeAll(async () => {
  w = await startFolio({ config: { RECAUDO_REFERENCE_LAYOUT: DEPOSITOR_LAYOUT } });
});
afterAll(async () => w.close());

const paymaster = bearer(['paymaster'], ['113']);
let day = addDays(bogotaToday(), -40);
/** Each file gets its own collection date (its identity, ASO-20). */
const nextDay = () => (day = addDays(day, 1));
let depSeq = 61_400_000;
let op = 200_000 + Math.floor(Math.random() * 100_000);

async function pplWithDepositor(eron = '113'): Promise<{ nui: string; dep: string }> {
  const nui = await w.admit({ eron });
  depSeq += 1;
  expect((await setDepositors(w.app, nui, [cc(depSeq)], eron)).statusCode).toBe(201);
  return { nui, dep: String(depSeq) };
}

/** A file uploaded by an officer (`headers`), or delivered by the bank's machine client (`'bank'`), and processed. */
async function uploadDone(lots: Payment[][], collectionDate = nextDay(), by: Record<string, string> | 'bank' = paymaster) {
  const text = asobancariaFile({ layout: 'depositor', collectionDate, lots });
  const headers = by === 'bank' ? paymaster : by;
  const up =
    by === 'bank'
      ? await w.bank.sendFile(text)
      : await w.app
          .inject({ method: 'POST', url: '/api/v1/folio/recaudo/files', headers: { ...by, 'content-type': 'text/plain' }, payload: text })
          .then((r) => ({ status: r.statusCode, body: r.json() }));
  expect(up.status).toBe(202);
  const id = up.body.id as string;
  const status = async () => (await w.app.inject({ method: 'GET', url: `/api/v1/folio/recaudo/files/${id}`, headers })).json().status;
  await eventually(async () => (await status()) === 'done', 15_000, 'file processed');
  return id;
}

const report = async (id: string, headers: Record<string, string> = paymaster) =>
  (await w.app.inject({ method: 'GET', url: `/api/v1/folio/recaudo/files/${id}/report`, headers })).json();
const review = (id: string, payload: object) =>
  w.app.inject({ method: 'POST', url: `/api/v1/folio/recaudo/deposits/${id}/review`, headers: paymaster, payload });
const notice = (nui: string, dep: string, amount: number, o: Partial<Notice> = {}): Notice => {
  op += 1;
  return { operationNumber: String(op), nui, depositor: cc(Number(dep)), amount, paidAt: new Date().toISOString(), bankCode: '007', ...o };
};
/** Noon in Bogotá of a date, as the bank stamps a payment of that collection day. */
const paidOn = (date: string) => `${date}T17:00:00.000Z`;

describe('FOL-02 ASO-17 held records and money the ledger never booked', () => {
  // Decision: the ledger holds whole pesos only (FOL-02), so a record whose amount is 0 or carries
  // cents is checked first (ASO-17) and rejected, owed back by the bank whole, before a return
  // reason could hold it (ASO-18). Nothing is booked in `deposits_held` for it, so it is never
  // listed for review; a review of it is a 409, never a posting out of money not there, nor a 500.
  it('FOL-02 when a record with a return reason carries cents or is zero then it is not held as money, and reviewing it is a 409 that moves nothing', async () => {
    const { nui, dep } = await pplWithDepositor();
    const heldBefore = await w.eronBalance('113', 'deposits_held');
    const id = await uploadDone([
      [
        { nui, pesos: 7_000, cents: 50, depositor: dep, returnReason: '012' },
        { nui, pesos: 0, depositor: dep, returnReason: '012' },
        { nui, pesos: 4_000, depositor: dep, returnReason: '012' },
      ],
    ]);
    const r = await report(id);
    expect(r.records.map((x: { line: number; outcome: string; reason: string }) => [x.line, x.outcome, x.reason])).toEqual([
      [3, 'rejected', 'amount_not_whole_pesos'],
      [4, 'rejected', 'amount_not_whole_pesos'],
      [5, 'held', 'return_reason'],
    ]);
    expect(r).toMatchObject({ held: { count: 1, amount: 4_000 }, reconciles: true });
    expect(await w.eronBalance('113', 'deposits_held')).toBe(heldBefore + 4_000);
    const rows = await w.db.selectFrom('recaudo_deposits').select(['id', 'line']).where('file_id', '=', id).orderBy('line').execute();
    for (const row of rows.slice(0, 2)) {
      const res = await review(row.id, { decision: 'refund', reason: 'El banco la devolvió' });
      expect([row.line, res.statusCode, res.json().rule]).toEqual([row.line, 409, 'FOL-06']);
    }
    const credit = await review(rows[0]!.id, { decision: 'credit', depositor: cc(Number(dep)), reason: 'Soporte' });
    expect(credit.statusCode).toBe(409);
    expect(await w.eronBalance('113', 'deposits_held')).toBe(heldBefore + 4_000);
    expect(await w.available(nui)).toBe(0);
    await w.ledgerAddsUp();
  });
});

describe('FOL-06 identity of a payment across days and channels', () => {
  // Decision: a payment is the same payment when bank, collection date (Bogotá), operation number,
  // the PPL it names and the amount agree. The operation number is compared by its 6 low digits
  // without leading zeros — the width the file carries — so a notice's 10-digit `4100654321` is
  // the file's `654321`. Banks recycle 6-digit numbers: the same number another day is another payment.
  it('FOL-06 when the bank recycles an operation number on another day then the second payment is credited too', async () => {
    const { nui, dep } = await pplWithDepositor();
    const first = await w.bank.notify(notice(nui, dep, 20_000, { operationNumber: '777001', paidAt: paidOn(nextDay()) }));
    const second = await w.bank.notify(notice(nui, dep, 20_000, { operationNumber: '777001', paidAt: paidOn(nextDay()) }));
    expect([first.status, first.body.result]).toEqual([201, 'credited']);
    expect([second.status, second.body.result]).toEqual([201, 'credited']);
    expect(second.body.depositId).not.toBe(first.body.depositId);
    expect(await w.available(nui)).toBe(40_000);
  });

  it('FOL-06 when one payment arrives by notice and in the file with other operation-number widths then it is credited once', async () => {
    const { nui, dep } = await pplWithDepositor();
    const date = nextDay();
    const sent = await w.bank.notify(notice(nui, dep, 30_000, { operationNumber: '4100654321', paidAt: paidOn(date) }));
    expect(sent.body.result).toBe('credited');
    const id = await uploadDone([[{ nui, pesos: 30_000, depositor: dep, operation: '654321' }]], date);
    expect(await report(id)).toMatchObject({ credited: { count: 0 }, duplicates: { count: 1, amount: 30_000 }, reconciles: true });
    expect(await w.available(nui)).toBe(30_000);
  });
});

describe('PLT-04 concurrent bank notices and seizures give problems, not 500s', () => {
  it('PLT-04 FOL-06 when notices for a NUI without a Folio arrive at once then each is answered (owed back once), never a 500', async () => {
    const nui = w.nextNui();
    const same = notice(nui, '52123456', 15_000);
    const others = [1, 2, 3].map(() => notice(nui, '52123456', 1_000));
    const answers = await Promise.all([...[1, 2, 3, 4, 5].map(() => w.bank.notify(same)), ...others.map((n) => w.bank.notify(n))]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201, 201, 201, 201]);
    expect(answers.filter((a) => a.body.reason === 'unknown_reference' && a.status === 201)).toHaveLength(4);
    expect(await w.db.selectFrom('recaudo_deposits').select('id').where('nui', '=', nui).execute()).toHaveLength(4);
  });

  it('PLT-04 FOL-12 when two unknown-owner seizures with one acta are recorded at once then one is booked and the other gets 409', async () => {
    const acta = `ACTA-${op}`;
    const body = { eron: '113', amount: 25_000, actaNumber: acta, ownerUnknown: true };
    const answers = await Promise.all(
      [1, 2, 3].map(() => w.app.inject({ method: 'POST', url: '/api/v1/folio/seizures', headers: paymaster, payload: body })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409]);
    expect(answers.filter((a) => a.statusCode === 409).map((a) => a.json().rule)).toEqual(['FOL-12', 'FOL-12']);
    const booked = await w.db.selectFrom('ledger_transactions').select('id').where('reference', '=', `113/${acta}`).execute();
    expect(booked).toHaveLength(1);
  });
});

describe('FOL-05 each PPL’s list keeps its own names', () => {
  // Decision: the depositor store stays national and keyed by document (FOL-05 counts a person's
  // PPL nationwide), but names belong to each PPL's list as its establishment wrote them: another
  // establishment registering the same document cannot rename this list's people.
  it('FOL-05 PLT-06 when another establishment registers the same person under other names then this list keeps the names it wrote', async () => {
    const mine = await w.admit({ eron: '113' });
    const theirs = await w.admit({ eron: '114' });
    const doc = cc(61_999_001);
    const set = (nui: string, eron: string, givenNames: string, surnames: string) =>
      w.app.inject({
        method: 'POST',
        url: `/api/v1/folio/accounts/${nui}/depositors`,
        headers: bearer(['paymaster'], [eron]),
        payload: { depositors: [{ document: doc, givenNames, surnames }] },
      });
    expect((await set(mine, '113', 'Ana María', 'Pérez Gómez')).statusCode).toBe(201);
    const other = await set(theirs, '114', 'Alias', 'Cambiado');
    expect(other.statusCode).toBe(201);
    expect(other.json().depositors[0]).toMatchObject({ givenNames: 'Alias', surnames: 'Cambiado' });
    const list = await w.app.inject({ method: 'GET', url: `/api/v1/folio/accounts/${mine}/depositors`, headers: paymaster });
    expect(list.json().depositors).toEqual([expect.objectContaining({ givenNames: 'Ana María', surnames: 'Pérez Gómez' })]);
    const id = list.json().depositors[0].id as string;
    const one = await w.app.inject({ method: 'GET', url: `/api/v1/folio/accounts/${mine}/depositors/${id}`, headers: paymaster });
    expect(one.json()).toMatchObject({ document: doc, givenNames: 'Ana María', surnames: 'Pérez Gómez' });
  });
});

describe('PLT-06 bank notices are in the audit log', () => {
  it('PLT-06 when the bank notifies a deposit then one audit row names the bank, the deposit and the request, without the depositor; a resend adds none', async () => {
    const { nui, dep } = await pplWithDepositor();
    const n = notice(nui, dep, 11_000);
    const first = await w.bank.notify(n);
    await w.bank.notify(n);
    const rows = await w.db.selectFrom('audit_log').selectAll().where('entity_id', '=', first.body.depositId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'recaudo.deposit.notified', entity: 'recaudo_deposit', roles: ['bank'] });
    expect(rows[0]!.actor).toContain('bank-test');
    expect(rows[0]!.request_id).toEqual(expect.stringMatching(/.+/));
    expect(JSON.stringify(rows[0])).not.toContain(dep);
  });
});

describe('FOL-06 the uploader sees the lines of its file', () => {
  // Decision: a line whose reference names no Folio is booked to the national account and names
  // no establishment; the establishment that uploaded the file answers for it and sees it. Lines
  // naming another establishment stay hidden from it (PLT-03).
  it('FOL-06 PLT-03 when a paymaster uploads a file with a line naming no Folio then its report lists that line, and another establishment’s paymaster does not see it', async () => {
    const { nui, dep } = await pplWithDepositor();
    const unknown = w.nextNui();
    const id = await uploadDone([
      [
        { nui, pesos: 5_000, depositor: '1234' },
        { nui: unknown, pesos: 6_000, depositor: dep },
      ],
    ]);
    const mine = await report(id);
    expect(mine.records).toEqual([
      { line: 3, outcome: 'rejected', reason: 'depositor_not_authorised', nui, amount: 5_000 },
      { line: 4, outcome: 'rejected', reason: 'unknown_reference', nui: unknown, amount: 6_000 },
    ]);
    expect((await report(id, bearer(['paymaster'], ['114']))).records).toEqual([]);
  });
});

describe('FOL-17 a file report reconciles with the ledger', () => {
  // Decision: `reconciles` says the file's lines add up to its control total AND the ledger booked
  // exactly that: per outcome, the postings of the file's transactions (and of the reviews of its
  // held records) equal the whole-peso amounts of the records first seen in it, paid by the bank
  // clearing account. Adding up its own lines alone could never disagree.
  it('FOL-17 FOL-02 when the ledger disagrees with the file’s lines then the report does not reconcile', async () => {
    const { nui, dep } = await pplWithDepositor();
    const id = await uploadDone(
      [
        [
          { nui, pesos: 8_000, depositor: dep },
          { nui, pesos: 2_000, depositor: '99' },
        ],
      ],
      nextDay(),
      'bank',
    );
    expect(await report(id)).toMatchObject({ credited: { amount: 8_000 }, rejected: { amount: 2_000 }, reconciles: true });
    const tx = await w.db
      .selectFrom('recaudo_deposits')
      .select('transaction_id')
      .where('file_id', '=', id)
      .where('status', '=', 'credited')
      .executeTakeFirstOrThrow();
    const account = async (kind: string) =>
      (await sql<{ id: string }>`SELECT id FROM ledger_accounts WHERE eron = '113' AND kind = ${kind} AND nui IS NULL`.execute(w.db))
        .rows[0]!.id;
    // A posting slipped into the file's transaction: balanced, but money the lines never saw.
    await sql`INSERT INTO postings (transaction_id, account_id, amount) VALUES
      (${tx.transaction_id}, ${await account('refunds_due')}, 500), (${tx.transaction_id}, ${await account('bank_clearing')}, -500)`.execute(
      w.db,
    );
    expect(await report(id)).toMatchObject({ credited: { amount: 8_000 }, rejected: { amount: 2_000 }, reconciles: false });
  });
});

describe('FOL-17 the uploader’s reconciliation accounts for every line of its file', () => {
  // Decision: a line of a file an establishment uploaded that is booked on the national account —
  // held for the national office (it names another establishment's PPL) or naming no Folio — counts
  // in the national account's reconciliation and report, never in the uploader's credited,
  // rejected or held figures (no peso counted twice). The uploader's reconciliation shows it apart,
  // by collection day, and lists it by file and line — amount, reason and what the national office
  // made of it, never the PPL it names (PLT-03) — so credited + rejected + held + these lines add up
  // to the file's control total. The daily report shows the same lines, by the day they were booked.
  const dg = bearer(['dg']);
  const reconciliation = async (eron: string, date: string, headers: Record<string, string>) => {
    const res = await w.app.inject({
      method: 'GET',
      url: `/api/v1/folio/recaudo/reconciliation?from=${date}&to=${date}&eron=${eron}`,
      headers,
    });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const daily = async (eron: string, date: string, headers: Record<string, string>) =>
    (await w.app.inject({ method: 'GET', url: `/api/v1/folio/establishments/${eron}/reports/daily?date=${date}`, headers })).json();
  const bucketsOf = (day: Record<string, { count: number; amount: number }>) =>
    Object.fromEntries(['credited', 'rejected', 'held', 'heldForNationalOffice', 'namingNoFolio'].map((k) => [k, day[k]]));

  it('FOL-17 FOL-06 when an officer’s file has lines held for the national office or naming no Folio then its establishment’s reconciliation and daily report show them apart, and every line adds up once', async () => {
    const a = await pplWithDepositor('115');
    const uploader = bearer(['paymaster'], ['115']);
    const c = await pplWithDepositor('114');
    const unknown = w.nextNui();
    const date = nextDay();
    const id = await uploadDone(
      [
        [
          { nui: a.nui, pesos: 10_000, depositor: a.dep },
          { nui: c.nui, pesos: 30_000, depositor: c.dep },
          { nui: unknown, pesos: 5_000, depositor: a.dep },
        ],
      ],
      date,
      uploader,
    );
    const file = await w.db.selectFrom('recaudo_files').select('total_cents').where('id', '=', id).executeTakeFirstOrThrow();
    expect(Number(file.total_cents)).toBe(4_500_000);

    const here = await reconciliation('115', date, uploader);
    const [day] = here.days;
    expect(bucketsOf(day)).toEqual({
      credited: { count: 0, amount: 0 },
      rejected: { count: 0, amount: 0 },
      held: { count: 1, amount: 10_000 },
      heldForNationalOffice: { count: 1, amount: 30_000 },
      namingNoFolio: { count: 1, amount: 5_000 },
    });
    const lines = here.nationalAccountLines.filter((l: { fileId: string }) => l.fileId === id);
    expect(lines).toEqual([
      { fileId: id, line: 4, collectionDate: date, amount: 30_000, reason: 'national_review', status: 'held' },
      { fileId: id, line: 5, collectionDate: date, amount: 5_000, reason: 'unknown_reference', status: 'rejected' },
    ]);
    expect(JSON.stringify(here)).not.toContain(c.nui);
    const counted = ['credited', 'rejected', 'held', 'heldForNationalOffice', 'namingNoFolio'].reduce((t, k) => t + day[k].amount, 0);
    expect(counted).toBe(45_000);

    // Counted once: the national account holds them; the PPL's own establishment has nothing yet.
    const national = (await reconciliation('000', date, dg)).days[0];
    expect(bucketsOf(national)).toEqual({
      credited: { count: 0, amount: 0 },
      rejected: { count: 1, amount: 5_000 },
      held: { count: 1, amount: 30_000 },
      heldForNationalOffice: { count: 0, amount: 0 },
      namingNoFolio: { count: 0, amount: 0 },
    });
    expect(bucketsOf((await reconciliation('114', date, bearer(['paymaster'], ['114']))).days[0])).toMatchObject({
      held: { count: 0, amount: 0 },
      heldForNationalOffice: { count: 0, amount: 0 },
    });
    // The daily report of the day the lines were booked shows them apart too, never in its deposits.
    const booked = await w.db.selectFrom('recaudo_deposits').select('created_at').where('file_id', '=', id).executeTakeFirstOrThrow();
    const dayReport = await daily('115', bogotaToday(booked.created_at), uploader);
    expect(dayReport.forNationalOffice).toEqual({
      heldForNationalOffice: { count: 1, amount: 30_000 },
      namingNoFolio: { count: 1, amount: 5_000 },
    });
    expect(dayReport.deposits).toEqual([]);

    // The national office approves the file: its line is credited there, and stays apart (not credited) here.
    const approved = await w.app.inject({ method: 'POST', url: `/api/v1/folio/recaudo/files/${id}/approve`, headers: dg });
    expect([approved.statusCode, approved.json().credited]).toEqual([200, 2]);
    const after = await reconciliation('115', date, uploader);
    expect(bucketsOf(after.days[0])).toEqual({
      ...bucketsOf(day),
      credited: { count: 1, amount: 10_000 },
      held: { count: 0, amount: 0 },
    });
    expect(after.nationalAccountLines.find((l: { line: number; fileId: string }) => l.fileId === id && l.line === 4)).toMatchObject({
      status: 'credited',
    });
    expect((await reconciliation('000', date, dg)).days[0]).toMatchObject({ credited: { count: 1, amount: 30_000 }, held: { count: 0 } });
  });
});

describe('FOL-06 (b) PLT-03 bank files are authenticated', () => {
  // Decision: a file credits on its own only when the bank's machine client delivers it, signed
  // (HMAC, as the notices). An officer's upload is a copy anyone could have made: a line that would
  // be credited waits (`awaiting_confirmation`) until the bank's notice of that payment confirms it
  // or a second officer — never the uploader — approves the file; a line naming a PPL of an
  // establishment the uploader does not act for waits for the national office (`national_review`,
  // booked on the national account, released by a national officer). Nothing waiting is spendable.
  const director = bearer(['director'], ['113']);
  const approve = (id: string, headers: Record<string, string>) =>
    w.app.inject({ method: 'POST', url: `/api/v1/folio/recaudo/files/${id}/approve`, headers });

  it('FOL-06 PLT-03 when the bank’s machine client delivers a signed file then it is credited; a bad signature is refused and stores nothing', async () => {
    const { nui, dep } = await pplWithDepositor();
    const text = asobancariaFile({ layout: 'depositor', collectionDate: nextDay(), lots: [[{ nui, pesos: 9_000, depositor: dep }]] });
    const forged = await w.bank.sendFile(text, { secret: 'not-the-bank' });
    expect(forged.status).toBe(401);
    expect(await w.db.selectFrom('recaudo_files').select('id').where('sha256', 'is not', null).execute()).not.toContainEqual(
      expect.objectContaining({ id: forged.body.id }),
    );
    const sent = await w.bank.sendFile(text);
    expect(sent.status).toBe(202);
    expect(sent.location).toBe(`/api/v1/folio/recaudo/files/${sent.body.id}`);
    const stored = await w.db
      .selectFrom('recaudo_files')
      .select(['source', 'uploader_erons'])
      .where('id', '=', sent.body.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ source: 'bank', uploader_erons: null });
    await eventually(async () => (await w.available(nui)) === 9_000, 15_000, 'credited');
    expect((await approve(sent.body.id, director)).statusCode).toBe(409);
  });

  it('FOL-06 when an officer uploads a file then nothing is credited until a bank notice confirms a line or a second officer approves; other establishments’ lines wait for the national office', async () => {
    const a = await pplWithDepositor('113');
    const b = await pplWithDepositor('113');
    const c = await pplWithDepositor('114');
    const date = nextDay();
    const heldBefore = { here: await w.eronBalance('113', 'deposits_held'), national: await w.eronBalance('000', 'deposits_held') };
    const id = await uploadDone(
      [
        [
          { nui: a.nui, pesos: 10_000, depositor: a.dep, operation: '345678' },
          { nui: b.nui, pesos: 20_000, depositor: b.dep },
          { nui: c.nui, pesos: 30_000, depositor: c.dep },
        ],
      ],
      date,
    );
    expect([await w.available(a.nui), await w.available(b.nui), await w.available(c.nui)]).toEqual([0, 0, 0]);
    const r = await report(id);
    expect(r).toMatchObject({ credited: { count: 0 }, held: { count: 3, amount: 60_000 }, reconciles: true });
    expect(r.records.map((x: { line: number; reason: string }) => [x.line, x.reason])).toEqual([
      [3, 'awaiting_confirmation'],
      [4, 'awaiting_confirmation'],
    ]);
    expect(await w.eronBalance('113', 'deposits_held')).toBe(heldBefore.here + 30_000);
    expect(await w.eronBalance('000', 'deposits_held')).toBe(heldBefore.national + 30_000);

    // The uploader can neither approve the file nor credit its lines one by one.
    const self = await approve(id, paymaster);
    expect([self.statusCode, self.json().rule]).toEqual([409, 'FOL-06']);
    const line4 = (
      await w.db.selectFrom('recaudo_deposits').select('id').where('file_id', '=', id).where('line', '=', 4).executeTakeFirstOrThrow()
    ).id;
    const selfReview = await review(line4, { decision: 'credit', depositor: cc(Number(b.dep)), reason: 'Soporte' });
    expect([selfReview.statusCode, selfReview.json().rule]).toEqual([409, 'FOL-06']);
    expect(await w.available(b.nui)).toBe(0);

    // The bank's notice of the same payment confirms line 3.
    const confirmed = await w.bank.notify(notice(a.nui, a.dep, 10_000, { operationNumber: '345678', paidAt: paidOn(date) }));
    expect([confirmed.status, confirmed.body.status]).toEqual([201, 'credited']);
    expect(await w.available(a.nui)).toBe(10_000);

    // A second officer approves: line 4 is credited; line 5 is not theirs, it waits for the national office.
    const second = await approve(id, director);
    expect([second.statusCode, second.json()]).toEqual([200, { id, approvedBy: 'test-director', credited: 1, rejected: 0, notYours: 1 }]);
    expect(await w.available(b.nui)).toBe(20_000);
    expect(await w.available(c.nui)).toBe(0);
    const national = await approve(id, bearer(['dg']));
    expect([national.statusCode, national.json().credited]).toEqual([200, 1]);
    expect(await w.available(c.nui)).toBe(30_000);
    expect(await report(id)).toMatchObject({ credited: { count: 3, amount: 60_000 }, held: { count: 0 }, reconciles: true });
    expect(await w.eronBalance('113', 'deposits_held')).toBe(heldBefore.here);
    expect(await w.eronBalance('000', 'deposits_held')).toBe(heldBefore.national);
    await w.ledgerAddsUp();
  });

  it('FOL-06 PLT-05 when two officers approve files naming the same PPL in opposite orders at once then both credit every line, no deadlock', async () => {
    // Each approval locks its PPL accounts up front in the order every booking uses, so two
    // approvals (or an approval and a bank file) never wait on each other in a cycle.
    const people: { nui: string; dep: string }[] = [];
    for (let i = 0; i < 6; i += 1) people.push(await pplWithDepositor('113'));
    for (let round = 0; round < 3; round += 1) {
      const line = (p: { nui: string; dep: string }, i: number, file: number) => ({
        nui: p.nui,
        pesos: 1_000 * (i + 1) + file,
        depositor: p.dep,
        operation: String(100_000 + round * 100 + file * 10 + i),
      });
      const x = await uploadDone([people.map((p, i) => line(p, i, 1))]);
      const y = await uploadDone([[...people].reverse().map((p, i) => line(p, i, 2))]);
      const total = async () => (await Promise.all(people.map((p) => w.available(p.nui)))).reduce<number>((a, b) => a + (b ?? 0), 0);
      const before = await total();
      const [ax, ay] = await Promise.all([approve(x, director), approve(y, bearer(['director'], ['113']))]);
      expect([ax.statusCode, ax.json().credited, ay.statusCode, ay.json().credited]).toEqual([200, 6, 200, 6]);
      expect((await total()) - before).toBe(2 * 21_000 + 6 * 3);
    }
    await w.ledgerAddsUp();
  });

  it('FOL-06 PLT-05 when a second officer approves a file while a paymaster reviews some of its lines at once then each line is decided once, a late review a 409 naming FOL-06, never a deadlock', async () => {
    // A review locks what an approval locks in the same order (the PPL's account, then the deposit).
    const people: { nui: string; dep: string }[] = [];
    for (let i = 0; i < 6; i += 1) people.push(await pplWithDepositor('113'));
    const depositorOf = new Map(people.map((p) => [p.nui, p.dep]));
    for (let round = 0; round < 3; round += 1) {
      const payments = people.map((p, i) => ({
        nui: p.nui,
        pesos: 500 * (i + 1),
        depositor: p.dep,
        operation: String(300_000 + round * 10 + i),
      }));
      const id = await uploadDone([payments], nextDay(), bearer(['info_systems'], ['113']));
      const lines = await w.db.selectFrom('recaudo_deposits').select(['id', 'nui']).where('file_id', '=', id).orderBy('line').execute();
      const [approval, ...reviews] = await Promise.all([
        approve(id, bearer(['dg'])),
        ...lines
          .slice(0, 3)
          .map((l) => review(l.id, { decision: 'credit', depositor: cc(Number(depositorOf.get(l.nui))), reason: 'Soporte del depósito' })),
      ]);
      expect(approval.statusCode).toBe(200);
      for (const r of reviews)
        expect(r.statusCode === 200 ? [200] : [r.statusCode, r.json().rule]).toEqual(r.statusCode === 200 ? [200] : [409, 'FOL-06']);
      expect(approval.json().credited + reviews.filter((r) => r.statusCode === 200).length).toBe(6);
      const decided = await w.db
        .selectFrom('recaudo_deposit_reviews')
        .select('deposit_id')
        .where(
          'deposit_id',
          'in',
          lines.map((l) => l.id),
        )
        .execute();
      expect(decided).toHaveLength(6);
    }
    await w.ledgerAddsUp();
  });
});

describe('Issue 8 large collection files are checked off the request path', () => {
  // Decision: a file larger than RECAUDO_INLINE_CHECK_BYTES (4 MiB by default; a few hundred bytes
  // in this world) is kept as it came: the request answers 202 with the Location of its upload,
  // and the file job (folio's `recaudo-files` BullMQ job) checks it — refused with every issue's
  // check, line and field and nothing credited, or registered as a file and booked as usual.
  let v: FolioWorld;
  beforeAll(async () => {
    v = await startFolio({ config: { RECAUDO_REFERENCE_LAYOUT: DEPOSITOR_LAYOUT, RECAUDO_INLINE_CHECK_BYTES: 400 } });
  });
  afterAll(async () => v.close());
  const upload = (headers: Record<string, string>, url: string) => v.app.inject({ method: 'GET', url, headers }).then((r) => r.json());
  const settled = async (url: string) => {
    await eventually(async () => (await upload(paymaster, url)).status !== 'received', 15_000, 'upload checked');
    return upload(paymaster, url);
  };

  it('FOL-06 when a large file arrives then the request keeps it and answers 202 with a Location; the job checks it and books it', async () => {
    const nui = await v.admit();
    depSeq += 1;
    expect((await setDepositors(v.app, nui, [cc(depSeq)])).statusCode).toBe(201);
    const text = asobancariaFile({
      layout: 'depositor',
      collectionDate: nextDay(),
      lots: [[{ nui, pesos: 12_000, depositor: String(depSeq) }]],
    });
    expect(text.length).toBeGreaterThan(400);
    const sent = await v.bank.sendFile(text);
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ id: sent.body.id, status: 'received', bytes: text.length });
    expect(sent.location).toBe(`/api/v1/folio/recaudo/uploads/${sent.body.id}`);
    const state = await settled(sent.location!);
    expect(state).toMatchObject({ status: 'accepted', errors: [], fileId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    await eventually(
      async () => (await upload(paymaster, `/api/v1/folio/recaudo/files/${state.fileId}`)).status === 'done',
      15_000,
      'booked',
    );
    expect(await upload(paymaster, `/api/v1/folio/recaudo/files/${state.fileId}/report`)).toMatchObject({
      credited: { count: 1, amount: 12_000 },
      reconciles: true,
    });
    expect(await v.available(nui)).toBe(12_000);
  });

  it('FOL-06 PLT-14 when a large file was kept by another instance (or before a restart) then the job reads its bytes from the database and books it', async () => {
    const nui = await v.admit();
    depSeq += 1;
    expect((await setDepositors(v.app, nui, [cc(depSeq)])).statusCode).toBe(201);
    const text = asobancariaFile({
      layout: 'depositor',
      collectionDate: nextDay(),
      lots: [[{ nui, pesos: 9_000, depositor: String(depSeq) }]],
    });
    // Kept as keepLargeFile keeps it, but not by this instance: only the database has its bytes.
    const raw = Buffer.from(text, 'latin1');
    const id = randomUUID();
    await v.db
      .insertInto('recaudo_uploads')
      .values({
        id,
        raw,
        bytes: raw.length,
        source: 'bank',
        uploaded_by: 'bank',
        uploader_erons: null,
        status: 'received',
        errors: null,
        file_id: null,
        checked_at: null,
      })
      .execute();
    const state = await settled(`/api/v1/folio/recaudo/uploads/${id}`);
    expect(state).toMatchObject({ status: 'accepted', errors: [], fileId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    await eventually(
      async () => (await upload(paymaster, `/api/v1/folio/recaudo/files/${state.fileId}`)).status === 'done',
      15_000,
      'booked',
    );
    expect(await v.available(nui)).toBe(9_000);
  });

  it('FOL-06 PLT-04 when a large file’s control totals disagree then it is refused by the job naming check, line and field, and nothing is credited', async () => {
    const nui = await v.admit();
    const text = asobancariaFile({ layout: 'depositor', collectionDate: nextDay(), lots: [[{ nui, pesos: 5_000, depositor: '1' }]] });
    const broken = text.replace('08000000001000000000000500000', '08000000001000000000000400000');
    expect(broken).not.toBe(text);
    const files = (await v.db.selectFrom('recaudo_files').select('id').execute()).length;
    const sent = await v.app.inject({
      method: 'POST',
      url: '/api/v1/folio/recaudo/files',
      headers: { ...paymaster, 'content-type': 'text/plain' },
      payload: broken,
    });
    expect(sent.statusCode).toBe(202);
    const state = await settled(sent.headers.location as string);
    expect(state).toMatchObject({ status: 'refused', fileId: null });
    expect(state.errors.map((e: { field: string }) => e.field)).toEqual(['/line/4/lotTotal', '/line/5/fileTotal']);
    expect(state.errors[0].message).toContain('ASO-13');
    expect((await v.db.selectFrom('recaudo_files').select('id').execute()).length).toBe(files);
    expect(await v.available(nui)).toBe(0);
  });
});
