import { sql } from 'kysely';
import { addDays, bogotaToday } from '@eron/shared';
import { bearer, eventually, seededRandom } from '@eron/shared/testing';
import { capsInForce } from '../src/limits/limits.repository';
import { parseAsobancaria } from '../src/recaudo/asobancaria.parser';
import { decideDeposits } from '../src/recaudo/deposit-batch.rules';
import { lockDepositState } from '../src/recaudo/deposit.repository';
import { toIncoming } from '../src/recaudo/files.rules';
import { agreementOf } from '../src/recaudo/recaudo.config';
import { asobancariaFile, DEPOSITOR_LAYOUT, type Payment } from './support/asobancaria';
import { cc, setDepositors } from './support/depositors';
import { startFolio, type FolioWorld } from './support/folio.world';

/**
 * PLT-14: a bank file is booked by set statements over its staged lines. These tests hold them to
 * the per-deposit rules (`decideDeposit` through `decideDeposits`, which the notices still use):
 * every line of random files — bank-delivered and staff-uploaded, in small batches over two lanes —
 * must come out as the rules decide it from the state before the file, and the money must follow.
 */
let w: FolioWorld;
const DEPOSIT_CAP = 100_000;
beforeAll(async () => {
  w = await startFolio({ config: { RECAUDO_REFERENCE_LAYOUT: DEPOSITOR_LAYOUT, RECAUDO_FILE_BATCH: 3, RECAUDO_FILE_LANES: 2 } });
  const res = await w.app.inject({
    method: 'POST',
    url: '/api/v1/folio/limits/overrides',
    headers: bearer(['dg']),
    payload: { kind: 'deposit_month', amount: DEPOSIT_CAP, effectiveFrom: '2016-01-01', resolution: 'PLT-14' },
  });
  expect(res.statusCode).toBe(201);
});
afterAll(async () => w.close());

let depSeq = 30_400_000;
let op = 100_000;
interface Person {
  nui: string;
  depositor: string;
}
async function person(eron = '113'): Promise<Person> {
  const nui = await w.admit({ eron });
  depSeq += 1;
  expect((await setDepositors(w.app, nui, [cc(depSeq)], eron)).statusCode).toBe(201);
  return { nui, depositor: String(depSeq) };
}

/** Random payments: mostly from authorised depositors, with strangers, unknown depositors and NUIs, returns, cents and repeats. */
function payments(seed: number, people: Person[], earlier: Payment[]): Payment[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: Payment[] = [];
  for (let i = 0; i < 40; i += 1) {
    const p = pick(people);
    const base: Payment = {
      nui: p.nui,
      depositor: p.depositor,
      pesos: pick([5_000, 10_000, 20_000, 30_000, 45_000]),
      operation: String((op += 1)),
    };
    const roll = rnd();
    const seen = [...earlier, ...out];
    if (roll < 0.1) out.push({ ...base, depositor: '77777777' });
    else if (roll < 0.17) out.push({ ...base, depositor: undefined });
    else if (roll < 0.23) out.push({ ...base, returnReason: '001' });
    else if (roll < 0.29) out.push({ ...base, cents: 50 });
    else if (roll < 0.33) out.push({ ...base, nui: String(9_900_000 + i) });
    else if (roll < 0.42 && seen.length > 0) out.push({ ...pick(seen) });
    else out.push(base);
  }
  return out;
}

type Staff = { erons: string[] | null } | undefined;

/** Books the file and checks each line against the rules applied to the state before it. */
async function bookedAsTheRulesDecide(text: string, send: () => Promise<string>, staff: Staff): Promise<void> {
  const agreement = agreementOf(w.config);
  const parsed = parseAsobancaria(Buffer.from(text, 'latin1'), agreement, bogotaToday());
  expect(parsed.errors).toEqual([]);
  const incoming = parsed.details.map((d) => toIncoming(d, parsed.header, 'file', agreement));
  const state = await w.db.transaction().execute((trx) => lockDepositState(trx, incoming));
  const caps = new Map([[parsed.header.collectionDate.slice(0, 7), (await capsInForce(w.db, parsed.header.collectionDate)).deposit_month]]);
  const expected = decideDeposits(incoming, state, caps, '000', undefined, staff);
  const before = new Map<string, number>();
  for (const d of incoming) before.set(d.nui, (await w.available(d.nui)) ?? 0);

  const id = await send();
  await eventually(
    async () => (await w.db.selectFrom('recaudo_files').select('status').where('id', '=', id).executeTakeFirst())?.status === 'done',
    30_000,
    'file booked',
  );
  const records = await w.db.selectFrom('recaudo_file_records').selectAll().where('file_id', '=', id).orderBy('line').execute();
  expect(records.map((r) => ({ line: r.line, outcome: r.outcome, reason: r.reason }))).toEqual(
    expected.results.map((r) => ({ line: r.line, outcome: r.outcome, reason: r.outcome === 'duplicate' ? 'already_seen' : r.reason })),
  );
  const deposits = await w.db.selectFrom('recaudo_deposits').selectAll().where('file_id', '=', id).orderBy('line').execute();
  expect(deposits.map((d) => ({ line: d.line, eron: d.eron, status: d.status, depositor: d.depositor_id }))).toEqual(
    expected.fresh.map((d) => ({ line: d.line, eron: d.eron, status: d.status, depositor: d.depositorId })),
  );
  for (const [nui, pesos] of before) {
    const credited = expected.fresh
      .filter((d) => d.nui === nui && d.status === 'credited')
      .reduce((a, d) => a + Number(d.amountCents / 100n), 0);
    expect(await w.available(nui)).toBe(nui.startsWith('99') ? undefined : pesos + credited);
  }
  await w.ledgerAddsUp();
}

describe('PLT-14 the set-based ingest decides as the per-deposit rules', () => {
  it('PLT-14 FOL-04 FOL-05 FOL-06 ASO-20 when random bank and staff files are booked in batches then every line is decided as the rules decide it and the ledger adds up', async () => {
    const people = [await person(), await person(), await person(), await person(), await person('114')];
    const closed = await person();
    await w.applied((await w.exit(closed.nui, '113', 'release')).id);
    people.push(closed);
    // Four files of one day (modifiers A…D): the month's credits carry from one to the next.
    const date = addDays(bogotaToday(), -1);
    const sent: Payment[] = [];
    for (const [i, modifier] of (['A', 'B', 'C', 'D'] as const).entries()) {
      const lot = payments(1_000 + i, people, sent);
      sent.push(...lot);
      const text = asobancariaFile({ collectionDate: date, modifier, lots: [lot.slice(0, 25), lot.slice(25)], layout: 'depositor' });
      // The last two files come from an officer of 113: nothing credits on its own; 114's lines go to the national office.
      const staff = i >= 2 ? { erons: ['113'] } : undefined;
      const send = staff
        ? async () => {
            const up = await w.app.inject({
              method: 'POST',
              url: '/api/v1/folio/recaudo/files',
              headers: { ...bearer(['paymaster'], ['113']), 'content-type': 'text/plain' },
              payload: text,
            });
            expect(up.statusCode).toBe(202);
            return up.json().id as string;
          }
        : async () => {
            const up = await w.bank.sendFile(text);
            expect(up.status).toBe(202);
            return up.body.id as string;
          };
      await bookedAsTheRulesDecide(text, send, staff);
    }
    // The cap was met on the way (some lines owed back for it), and lines after an overflow still fitted.
    const reasons = await sql<{ reason: string }>`SELECT DISTINCT reason FROM recaudo_deposits WHERE reason IS NOT NULL`.execute(w.db);
    expect(reasons.rows.map((r) => r.reason)).toEqual(
      expect.arrayContaining(['monthly_cap', 'depositor_not_authorised', 'unknown_reference']),
    );
  });
});

describe('PLT-14 FOL-14 a bank file racing an exit', () => {
  it('PLT-14 FOL-14 FOL-02 when a PPL leaves while a file credits them then every credit lands before the exit and is paid out, the rest is owed back, and the ledger adds up', async () => {
    const people = [await person(), await person(), await person()];
    const date = addDays(bogotaToday(), -2);
    const lines: Payment[] = [];
    for (let i = 0; i < 60; i += 1) {
      const p = people[i % people.length]!;
      lines.push({ nui: p.nui, depositor: p.depositor, pesos: 1_000, operation: String((op += 1)) });
    }
    const leaving = people[0]!;
    const up = await w.bank.sendFile(asobancariaFile({ collectionDate: date, modifier: 'R', lots: [lines], layout: 'depositor' }));
    expect(up.status).toBe(202);
    await w.applied((await w.exit(leaving.nui, '113', 'release')).id);
    const id = up.body.id as string;
    await eventually(
      async () => (await w.db.selectFrom('recaudo_files').select('status').where('id', '=', id).executeTakeFirst())?.status === 'done',
      30_000,
      'file booked',
    );

    expect(await w.balances(leaving.nui)).toEqual({ available: 0, savings: 0, seized: 0 });
    const theirs = await w.db
      .selectFrom('recaudo_deposits')
      .select(['status', 'reason', 'amount_cents'])
      .where('nui', '=', leaving.nui)
      .execute();
    expect(theirs).toHaveLength(20);
    for (const d of theirs) expect([null, 'unknown_reference']).toContain(d.reason);
    const credited = theirs.filter((d) => d.status === 'credited').reduce((a, d) => a + d.amount_cents / 100, 0);
    const payout = await w.db.selectFrom('payouts').select('amount').where('nui', '=', leaving.nui).executeTakeFirstOrThrow();
    expect(payout.amount).toBe(credited);
    for (const p of people.slice(1)) expect(await w.available(p.nui)).toBe(20_000);
    await w.ledgerAddsUp();
  }, 60_000);
});
