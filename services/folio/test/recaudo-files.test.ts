import { sql } from 'kysely';
import { addDays, bogotaToday, isBusinessDay } from '@eron/shared';
import { bearer, eventually } from '@eron/shared/testing';
import { asobancariaFile as generate, DEPOSITOR_LAYOUT, dropChar, patch, type FileOptions, type Payment } from './support/asobancaria';
import { laneOf } from '../src/recaudo/files.rules';
import { cc, setDepositors } from './support/depositors';
import { startFolio, type FolioWorld } from './support/folio.world';

let w: FolioWorld;
beforeAll(async () => {
  w = await startFolio({ config: { RECAUDO_REFERENCE_LAYOUT: DEPOSITOR_LAYOUT } });
});
afterAll(async () => w.close());

/** The agreement of these tests packs the depositor's ID into the reference. */
const asobancariaFile = (o: FileOptions) => generate({ layout: 'depositor', ...o });
const clerk = bearer(['paymaster'], ['113']);
const upload = (text: string, headers: object = clerk, type = 'text/plain') =>
  w.app.inject({ method: 'POST', url: '/api/v1/folio/recaudo/files', headers: { ...headers, 'content-type': type }, payload: text });
/** The bank's machine client delivers the file (FOL-06 b): its lines are credited as the rules decide. */
const fromBank = async (text: string) => {
  const r = await w.bank.sendFile(text);
  return { statusCode: r.status, json: () => r.body };
};
const progress = (id: string) => w.app.inject({ method: 'GET', url: `/api/v1/folio/recaudo/files/${id}`, headers: clerk });
const report = async (id: string) =>
  (await w.app.inject({ method: 'GET', url: `/api/v1/folio/recaudo/files/${id}/report`, headers: clerk })).json();
const done = (id: string) => eventually(async () => (await progress(id)).json().status === 'done', 15_000, 'file processed');
const fileCount = async () => (await w.app.db.selectFrom('recaudo_files').select('id').execute()).length;
const depositCount = async () => (await w.app.db.selectFrom('recaudo_deposits').select('id').execute()).length;

let depSeq = 10_205_000;
let DEP = '';
let day = addDays(bogotaToday(), -1);
/** Each file of the tests gets its own collection date (its identity, ASO-20). */
const nextDay = () => (day = addDays(day, -1));

async function pplWithDepositor(): Promise<string> {
  const nui = await w.admit();
  depSeq += 1;
  DEP = String(depSeq);
  expect((await setDepositors(w.app, nui, [cc(depSeq)])).statusCode).toBe(201);
  return nui;
}

describe('FOL-06 (b) Asobancaria 2001 files', () => {
  it('FOL-06 FOL-04 FOL-05 when a valid file arrives then it is processed in the background and the report adds up to the file total', async () => {
    const b = await pplWithDepositor();
    const a = await w.admit();
    await setDepositors(w.app, a, [cc(Number(DEP))]);
    const lots: Payment[][] = [
      [
        { nui: a, pesos: 50_000, depositor: DEP },
        { nui: b, pesos: 120_500, depositor: DEP, operation: '123456' },
        { nui: a, pesos: 35_000, depositor: '79111222' },
      ],
      [
        { nui: b, pesos: 3_400_000, depositor: DEP },
        { nui: '9999999992', pesos: 10_000, depositor: DEP },
        { nui: a, pesos: 1_000, cents: 50, depositor: DEP },
        { nui: a, pesos: 7_000, depositor: DEP, returnReason: '012' },
        { nui: a, pesos: 8_000 },
      ],
    ];
    const collectionDate = nextDay();
    const up = await fromBank(asobancariaFile({ collectionDate, lots }));
    expect(up.statusCode).toBe(202);
    expect(up.json()).toMatchObject({ status: 'queued', duplicateUpload: false, totalRecords: 8 });
    await done(up.json().id);
    expect((await progress(up.json().id)).json()).toMatchObject({ processed: 8, total: 8, collectionDate });
    const r = await report(up.json().id);
    expect(r).toMatchObject({
      fileTotal: { count: 8, amount: 3_631_500 },
      credited: { count: 2, amount: 170_500 },
      rejected: { count: 4, amount: 3_446_000 },
      held: { count: 2, amount: 15_000 },
      duplicates: { count: 0, amount: 0 },
      reconciles: true,
    });
    expect(r.records.map((x: { line: number; reason: string }) => [x.line, x.reason])).toEqual([
      [5, 'depositor_not_authorised'],
      [8, 'monthly_cap'],
      [10, 'amount_not_whole_pesos'],
      [11, 'return_reason'],
      [12, 'depositor_unknown'],
    ]);
    expect(await w.available(a)).toBe(50_000);
    expect(await w.available(b)).toBe(120_500);
  });

  it('FOL-06 when the same file is uploaded again, and twice at once, then nothing is credited twice', async () => {
    const a = await pplWithDepositor();
    const text = asobancariaFile({ collectionDate: nextDay(), lots: [[{ nui: a, pesos: 40_000, depositor: DEP }]] });
    const first = await fromBank(text);
    await done(first.json().id);
    const again = await fromBank(text.replaceAll('\r\n', '\n'));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, duplicateUpload: true });

    const twin = asobancariaFile({ collectionDate: nextDay(), lots: [[{ nui: a, pesos: 25_000, depositor: DEP }]] });
    const [x, y] = await Promise.all([fromBank(twin), fromBank(twin)]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 202]);
    expect(x.json().id).toBe(y.json().id);
    await done(x.json().id);
    expect(await w.available(a)).toBe(65_000);
  });

  it('FOL-06 when a resend has the same identity but other content then it is held for review and not processed', async () => {
    const a = await pplWithDepositor();
    const date = nextDay();
    const first = await fromBank(asobancariaFile({ collectionDate: date, lots: [[{ nui: a, pesos: 1_000, depositor: DEP }]] }));
    await done(first.json().id);
    const other = await fromBank(asobancariaFile({ collectionDate: date, lots: [[{ nui: a, pesos: 2_000, depositor: DEP }]] }));
    expect(other.statusCode).toBe(202);
    expect(other.json().status).toBe('held_for_review');
    // Files are booked in the order they arrived: one that came after it being done proves the job passed it by.
    const later = await fromBank(asobancariaFile({ collectionDate: nextDay(), lots: [[{ nui: a, pesos: 500, depositor: DEP }]] }));
    await done(later.json().id);
    expect((await progress(other.json().id)).json()).toMatchObject({ status: 'held_for_review', processed: 0 });
    expect(await w.app.db.selectFrom('recaudo_deposits').select('id').where('file_id', '=', other.json().id).execute()).toEqual([]);
    expect(await w.available(a)).toBe(1_000 + 500); // the first file and the later one, nothing of the held one
  });

  it('FOL-06 when the control totals disagree then the whole file is refused naming rule, line and field, and nothing is credited', async () => {
    const a = await pplWithDepositor();
    const text = asobancariaFile({
      collectionDate: nextDay(),
      lots: [
        [
          { nui: a, pesos: 50_000, depositor: DEP },
          { nui: a, pesos: 5_500, depositor: DEP },
        ],
      ],
    });
    const before = [await fileCount(), await depositCount()];
    const res = await upload(patch(text, 5, 12, '000000000005000000'));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'FOL-06', detail: expect.stringContaining('ASO-13') });
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['/line/5/lotTotal', '/line/6/fileTotal']);
    expect([await fileCount(), await depositCount()]).toEqual(before);
    expect(await w.available(a)).toBe(0);
  });

  it('FOL-06 when a line is malformed then the problem names the line and the field', async () => {
    const a = await pplWithDepositor();
    const text = asobancariaFile({
      collectionDate: nextDay(),
      lots: [
        [
          { nui: a, pesos: 50_000, depositor: DEP },
          { nui: a, pesos: 5_500, depositor: DEP },
        ],
      ],
    });
    const short = await upload(dropChar(text, 4, 10));
    expect(short.statusCode).toBe(422);
    expect(short.json().errors[0]).toMatchObject({ field: '/line/4/line', message: expect.stringContaining('ASO-03') });
    const letters = await upload(patch(text, 3, 51, '0000000X'));
    expect(letters.json().errors[0]).toMatchObject({ field: '/line/3/amount', message: expect.stringContaining('ASO-06') });
    const order = await upload(
      text
        .split('\r\n')
        .filter((_, i) => i !== 1)
        .join('\r\n'),
    );
    expect(order.json().errors[0]).toMatchObject({ field: '/line/2/recordType', message: expect.stringContaining('ASO-05') });
    const nit = await upload(patch(text, 1, 3, '8001234567'));
    expect(nit.json().errors[0]).toMatchObject({ field: '/line/1/nit', message: expect.stringContaining('ASO-09') });
    expect((await upload('')).json().errors[0].message).toContain('ASO-01');
    expect((await upload(text.replace('A01', 'Á01'), clerk, 'application/octet-stream')).json().errors[0].message).toContain('ASO-02');
    expect(await w.available(a)).toBe(0);
  });

  it('PLT-03 when the caller lacks the role or a token, or sends another content type, then refused', async () => {
    const text = asobancariaFile({ collectionDate: nextDay(), lots: [] });
    expect((await upload(text, {})).statusCode).toBe(401);
    expect((await upload(text, bearer(['shop_clerk'], ['113']))).statusCode).toBe(403);
    expect((await upload(text, clerk, 'application/xml')).statusCode).toBe(415);
    const read = await w.app.inject({
      method: 'GET',
      url: '/api/v1/folio/recaudo/files/00000000-0000-4000-8000-000000000000',
      headers: bearer(['shop_clerk']),
    });
    expect(read.statusCode).toBe(403);
    expect((await w.app.inject({ method: 'GET', url: '/api/v1/folio/recaudo/files/nope', headers: clerk })).statusCode).toBe(400);
  });
});

describe('FOL-17 bank reconciliation by day', () => {
  it('FOL-17 when files arrive on some business days then each day shows files, deposits, owed back, and past business days without a file are flagged', async () => {
    const a = await pplWithDepositor();
    const date = nextDay();
    const up = await fromBank(
      asobancariaFile({
        collectionDate: date,
        lots: [
          [
            { nui: a, pesos: 9_000, depositor: DEP },
            { nui: a, pesos: 4_000, depositor: '5555' },
          ],
        ],
      }),
    );
    await done(up.json().id);
    const from = addDays(date, -10);
    const res = await w.app.inject({
      method: 'GET',
      url: `/api/v1/folio/recaudo/reconciliation?from=${from}&to=${date}&eron=113`,
      headers: clerk,
    });
    expect(res.statusCode).toBe(200);
    const days = res.json().days as {
      date: string;
      businessDay: boolean;
      filesReceived: number;
      fileMissing: boolean;
      credited: { amount: number };
      refundsDue: number;
    }[];
    expect(days).toHaveLength(11);
    const last = days.at(-1)!;
    expect(last).toMatchObject({
      filesReceived: 1,
      fileMissing: false,
      credited: { count: 1, amount: 9_000 },
      rejected: { count: 1, amount: 4_000 },
      refundsDue: 4_000,
    });
    for (const d of days.slice(0, -1)) expect(d.fileMissing).toBe(d.businessDay && d.filesReceived === 0);
    expect(days.some((d) => d.fileMissing)).toBe(days.slice(0, -1).some((d) => isBusinessDay(d.date) && d.filesReceived === 0));
    expect(res.json().refundsDueBalance).toBe(await w.eronBalance('113', 'refunds_due'));
    expect(res.json().refundsDueBalance).toBeGreaterThanOrEqual(4_000);

    const other = await w.app.inject({
      method: 'GET',
      url: `/api/v1/folio/recaudo/reconciliation?from=${from}&to=${date}&eron=114`,
      headers: clerk,
    });
    expect(other.statusCode).toBe(403);
    const clerkShop = await w.app.inject({
      method: 'GET',
      url: `/api/v1/folio/recaudo/reconciliation?from=${from}&to=${date}&eron=113`,
      headers: bearer(['shop_clerk'], ['113']),
    });
    expect(clerkShop.statusCode).toBe(403);
    const bad = await w.app.inject({
      method: 'GET',
      url: `/api/v1/folio/recaudo/reconciliation?from=${date}&to=${from}&eron=113`,
      headers: clerk,
    });
    expect(bad.statusCode).toBe(400);
    const badDate = await w.app.inject({
      method: 'GET',
      url: `/api/v1/folio/recaudo/reconciliation?from=2026-13-01&to=${date}&eron=11`,
      headers: clerk,
    });
    expect(
      badDate
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['querystring:/eron', 'querystring:/from']);
  });
});

describe('FOL-06 (b) a file booked in lanes survives a failing batch', () => {
  let v: FolioWorld;
  beforeAll(async () => {
    v = await startFolio({ config: { RECAUDO_REFERENCE_LAYOUT: DEPOSITOR_LAYOUT, RECAUDO_FILE_BATCH: 2, RECAUDO_FILE_LANES: 2 } });
  });
  afterAll(async () => v.close());

  it('FOL-06 FOL-02 when a batch keeps failing mid-file then the other lane finishes, and once it can the rest is booked, each line once', async () => {
    const people: { nui: string; depositor: string }[] = [];
    for (let i = 0; i < 6; i += 1) {
      const nui = await v.admit();
      depSeq += 1;
      expect((await setDepositors(v.app, nui, [cc(depSeq)])).statusCode).toBe(201);
      people.push({ nui, depositor: String(depSeq) });
    }
    // Each PPL pays twice; the second payment of the last PPL cannot be stored until the test allows it.
    const payments: Payment[] = [1, 2].flatMap((round) =>
      people.map((p, i) => ({ nui: p.nui, depositor: p.depositor, pesos: i === 5 && round === 2 ? 33_300 : 10_000 * round + i * 100 })),
    );
    const db = v.app.db;
    // A sequence is not rolled back with the failing batch: it counts the attempts.
    await sql`CREATE SEQUENCE refusals`.execute(db);
    await sql`CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM nextval('refusals'); RAISE EXCEPTION 'the disk is full (test)'; END $$`.execute(db);
    await sql`CREATE TRIGGER refuse_one BEFORE INSERT ON recaudo_deposits FOR EACH ROW
      WHEN (NEW.amount_cents = 3330000) EXECUTE FUNCTION refuse_one()`.execute(db);

    const up = await v.bank.sendFile(generate({ layout: 'depositor', collectionDate: nextDay(), lots: [payments] }));
    expect(up.status).toBe(202);
    const id = up.body.id as string;
    // What cannot be booked: the failing payment's batch and the rest of its lane.
    const lane = payments.filter((p) => laneOf(p.nui, 2) === laneOf(people[5]!.nui, 2));
    const stuck = lane.length - Math.floor(lane.findIndex((p) => p.pesos === 33_300) / 2) * 2;
    const processed = async () => (await v.app.inject({ method: 'GET', url: `/api/v1/folio/recaudo/files/${id}`, headers: clerk })).json();
    await eventually(async () => (await processed()).processed === payments.length - stuck, 15_000, 'the other lane done');
    // The stuck lane tried its batch again and again (5 tries before a run gives up) and booked nothing more.
    const refusals = async () => Number((await sql<{ n: string }>`SELECT last_value AS n FROM refusals`.execute(db)).rows[0]!.n);
    await eventually(async () => (await refusals()) >= 6, 15_000, 'the failing batch retried past one give-up');
    expect(await processed()).toMatchObject({ status: 'processing', processed: payments.length - stuck });

    await sql`DROP TRIGGER refuse_one ON recaudo_deposits`.execute(db);
    await eventually(async () => (await processed()).status === 'done', 20_000, 'file finished after the fault');
    const r = (await v.app.inject({ method: 'GET', url: `/api/v1/folio/recaudo/files/${id}/report`, headers: clerk })).json();
    expect(r).toMatchObject({ credited: { count: 12 }, duplicates: { count: 0 }, reconciles: true });
    for (const p of people) {
      expect(await v.available(p.nui)).toBe(payments.filter((x) => x.nui === p.nui).reduce((a, x) => a + x.pesos, 0));
    }
    expect(await v.available(people[5]!.nui)).toBe(10_500 + 33_300);
    const lines = await db.selectFrom('recaudo_file_records').select('line').where('file_id', '=', id).execute();
    expect(new Set(lines.map((l) => l.line)).size).toBe(12);
    const total = await sql<{ s: string }>`SELECT COALESCE(sum(amount), 0) AS s FROM postings`.execute(db);
    expect(Number(total.rows[0]!.s)).toBe(0);
  });
});
