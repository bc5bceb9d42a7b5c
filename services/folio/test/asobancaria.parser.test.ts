import { parseAsobancaria } from '../src/recaudo/asobancaria.parser';
import type { Agreement } from '../src/recaudo/recaudo.config';
import { asobancariaFile } from './support/asobancaria';

const AGREEMENT: Agreement = {
  nit: '9001234567',
  bankCode: '007',
  account: '12345678901',
  serviceCode: '7709998000018',
  reference: [{ name: 'nui', start: 1, length: 48 }],
  maxAgeDays: 30,
  nationalEron: '000',
  batchSize: 10_000,
  lanes: 1,
};
const DAY = '2026-11-20';
const parse = (text: string) => parseAsobancaria(Buffer.from(text, 'latin1'), AGREEMENT, '2026-11-21');
const file = () =>
  asobancariaFile({
    collectionDate: DAY,
    lots: [
      [
        { nui: '1000001', pesos: 50_000 },
        { nui: '1000002', pesos: 7_000 },
      ],
      [{ nui: '1000003', pesos: 1_000 }],
    ],
  });
const lines = (text: string) => text.split('\r\n').filter((l) => l !== '');

describe('ASO-03 bank files as banks really send them', () => {
  test('ASO-03 when control records carry less or more trailing filler (08 of 48 and 256, a final 09 of 29 without terminator) then the file is read with a warning per line', () => {
    const rows = lines(file());
    expect(rows.map((r) => r.slice(0, 2))).toEqual(['01', '05', '06', '06', '08', '05', '06', '08', '09']);
    rows[4] = rows[4]!.slice(0, 48);
    rows[7] = rows[7]!.padEnd(256, ' ');
    rows[8] = rows[8]!.slice(0, 29);
    const parsed = parse(rows.join('\r\n'));
    expect(parsed.errors).toEqual([]);
    expect(parsed.details.map((d) => d.amountCents)).toEqual([5_000_000n, 700_000n, 100_000n]);
    expect(parsed.warnings.filter((w) => w.check === 'ASO-03').map((w) => w.line)).toEqual([5, 8, 9]);
    // Read as if padded: the same file with and without its filler is the same file (ASO-20).
    expect(parsed.sha256).toBe(parse(file()).sha256);
  });

  test('ASO-03 when a detail record is short by its trailing filler then the file is refused: a detail is never repaired', () => {
    const rows = lines(file());
    rows[2] = rows[2]!.slice(0, 161);
    const parsed = parse(rows.join('\r\n'));
    expect(parsed.errors[0]).toEqual(expect.objectContaining({ check: 'ASO-03', line: 3 }));
    expect(parsed.warnings.filter((w) => w.check === 'ASO-03')).toEqual([]);
  });

  test('ASO-03 when a control record holds anything but spaces after its last field, or stops inside it, then the file is refused', () => {
    const rows = lines(file());
    rows[4] = `${rows[4]!.slice(0, 40)}X`;
    rows[8] = rows[8]!.slice(0, 28);
    const parsed = parse(rows.join('\r\n'));
    expect(parsed.errors.filter((e) => e.check === 'ASO-03').map((e) => e.line)).toEqual([5, 9]);
  });
});
