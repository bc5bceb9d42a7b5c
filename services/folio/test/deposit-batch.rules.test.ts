import { capDates, decideDeposits, journalEntries, postingsOf, type DepositState } from '../src/recaudo/deposit-batch.rules';
import type { Incoming } from '../src/recaudo/deposit.rules';
import { parseAsobancaria } from '../src/recaudo/asobancaria.parser';
import { lanesOf, laneOf, stagedLines, toIncoming } from '../src/recaudo/files.rules';
import { parseReferenceLayout, type Agreement } from '../src/recaudo/recaudo.config';
import { asobancariaFile, DEPOSITOR_LAYOUT } from './support/asobancaria';

let n = 0;
const ids = () => `id-${(n += 1)}`;
const payment = (nui: string, pesos: number, line: number, depositor = '52000001'): Incoming => ({
  key: `op:007:${line}`,
  channel: 'file',
  nui,
  amountCents: BigInt(pesos) * 100n,
  collectionDate: '2026-11-20',
  returnReason: '',
  depositor: { number: depositor },
  bankCode: '007',
  fileId: 'file-1',
  line,
});
const state = (): DepositState => ({
  folios: new Map([
    ['1000001', { accountId: 'acc-1', eron: '113', open: true, balance: 5_000 }],
    ['1000002', { accountId: 'acc-2', eron: '114', open: true, balance: 0 }],
  ]),
  existing: new Map([['op:007:9', { id: 'seen', status: 'credited', reason: null }]]),
  monthSums: new Map([['1000001/2026-11', 70_000]]),
  authorised: new Map([
    ['1000001', [{ id: 'dep-1', type: 'CC', number: '52000001' }]],
    ['1000002', [{ id: 'dep-2', type: 'CC', number: '52000001' }]],
  ]),
});

describe('deposit batch rules', () => {
  it('FOL-04 FOL-05 ASO-20 a batch is decided in file order: the month fills up, strangers and unknown references are owed back, a payment seen is a duplicate', () => {
    const batch = [
      payment('1000001', 20_000, 1),
      payment('1000001', 20_000, 2),
      payment('1000001', 5_000, 3, '99999999'),
      payment('1000009', 1_000, 4),
      payment('1000002', 3_000, 9),
      payment('1000001', 1_000, 1),
    ];
    const caps = new Map([['2026-11', 100_000]]);
    const { results, fresh } = decideDeposits(batch, state(), caps, '000', ids);
    expect(results.map((r) => [r.line, r.outcome, r.reason])).toEqual([
      [1, 'credited', null],
      [2, 'rejected', 'monthly_cap'],
      [3, 'rejected', 'depositor_not_authorised'],
      [4, 'rejected', 'unknown_reference'],
      [9, 'duplicate', null],
      [1, 'duplicate', null],
    ]);
    expect(fresh.map((d) => [d.line, d.eron, d.depositorId])).toEqual([
      [1, '113', 'dep-1'],
      [2, '113', 'dep-1'],
      [3, '113', null],
      [4, '000', null],
    ]);
    expect(capDates(batch, state())).toEqual(new Map([['2026-11', '2026-11-20']]));
  });

  it('FOL-02 PLT-14 a lot is one transaction per establishment and outcome, each PPL posting with its running balance, the clearing account paying all', () => {
    const batch = [payment('1000001', 1_000, 1), payment('1000001', 2_000, 2), payment('1000002', 4_000, 3), payment('1000009', 500, 4)];
    const s = state();
    const { fresh } = decideDeposits(batch, s, new Map([['2026-11', 1_000_000]]), '000', ids);
    const entries = journalEntries(fresh, ids);
    expect(entries.map((e) => [e.kind, e.eron, e.deposits.length])).toEqual([
      ['deposit', '113', 2],
      ['deposit', '114', 1],
      ['deposit_rejected', '000', 1],
    ]);
    const accounts = new Map([
      ['113/bank_clearing', 'clr-113'],
      ['114/bank_clearing', 'clr-114'],
      ['000/bank_clearing', 'clr-000'],
      ['000/refunds_due', 'ref-000'],
    ]);
    const p = postingsOf(entries, s.folios, accounts);
    expect(p.accountId).toEqual(['acc-1', 'acc-1', 'clr-113', 'acc-2', 'clr-114', 'ref-000', 'clr-000']);
    expect(p.balanceAfter).toEqual([6_000, 8_000, null, 4_000, null, null, null]);
    for (const e of entries) {
      const sum = p.amount.filter((_, i) => p.transactionId[i] === e.id).reduce((a, x) => a + x, 0);
      expect([e.kind, sum]).toEqual([e.kind, 0]);
    }
    expect(s.folios.get('1000001')!.balance).toBe(5_000);
  });

  it('PLT-14 a file is staged line by line as the payment toIncoming reads (key, NUI, amount, return reason, depositor), in its lane in file order', () => {
    const agreement: Agreement = {
      nit: '9001234567',
      bankCode: '007',
      account: '12345678901',
      serviceCode: '7709998000018',
      reference: parseReferenceLayout(DEPOSITOR_LAYOUT),
      maxAgeDays: 30,
      nationalEron: '000',
      batchSize: 10_000,
      lanes: 3,
    };
    const text = asobancariaFile({
      collectionDate: '2026-11-20',
      layout: 'depositor',
      lots: [
        [
          { nui: '1000001', pesos: 50_000, depositor: '52000001', operation: '123' },
          { nui: '1000002', pesos: 7_000 },
          { nui: '1000001', pesos: 1_000, depositor: '52000001' },
        ],
        [{ nui: '1000003', cents: 150, pesos: 0, depositor: '000052' }],
      ],
    });
    const parsed = parseAsobancaria(Buffer.from(text, 'latin1'), agreement, '2026-11-21');
    expect(parsed.errors).toEqual([]);
    const expected = lanesOf(
      parsed.details.map((d) => toIncoming(d, parsed.header, 'file-1', agreement)),
      agreement.lanes,
    ).flatMap((lane, i) =>
      lane.map((d, seq) => ({
        lane: i,
        seq,
        line: d.line,
        key: d.key,
        nui: d.nui,
        amountCents: d.amountCents,
        returnReason: d.returnReason,
        depositor: d.depositor?.number ?? null,
      })),
    );
    expect(stagedLines(parsed, agreement)).toEqual(expected);
    expect(expected.map((l) => l.depositor).sort()).toEqual(['52', '52000001', '52000001', null]);
  });

  it('FOL-06 a file is split into lanes by PPL, each in file order, the same PPL always in the same lane', () => {
    const batch = [payment('1000001', 1, 1), payment('1000002', 1, 2), payment('1000001', 1, 3), payment('1000003', 1, 4)];
    const lanes = lanesOf(batch, 3);
    expect(
      lanes
        .flat()
        .map((d) => d.line)
        .sort(),
    ).toEqual([1, 2, 3, 4]);
    for (const [i, lane] of lanes.entries()) {
      for (const d of lane) expect(laneOf(d.nui, 3)).toBe(i);
      const lines = lane.map((d) => d.line!);
      expect(lines).toEqual([...lines].sort((a, b) => a - b));
    }
  });
});
