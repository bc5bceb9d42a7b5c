import fc from 'fast-check';
import type { Fuzzed } from '@eron/shared/testing';

/** The fields of each Asobancaria 2001 record (asobancaria-2001.md §2): name, first position (1-based), length. */
const FIELDS: Record<string, [string, number, number][]> = {
  '01': [
    ['type', 1, 2],
    ['nit', 3, 10],
    ['collection date', 13, 8],
    ['bank', 21, 3],
    ['account', 24, 17],
    ['file date', 41, 8],
    ['time', 49, 4],
    ['modifier', 53, 1],
    ['account type', 54, 2],
  ],
  '05': [
    ['type', 1, 2],
    ['service code', 3, 13],
    ['lot', 16, 4],
  ],
  '06': [
    ['type', 1, 2],
    ['reference', 3, 48],
    ['amount', 51, 14],
    ['origin', 65, 2],
    ['method', 67, 2],
    ['operation', 69, 6],
    ['authorisation', 75, 6],
    ['debited bank', 81, 3],
    ['branch', 84, 4],
    ['sequence', 88, 7],
    ['return reason', 95, 3],
  ],
  '08': [
    ['type', 1, 2],
    ['count', 3, 9],
    ['total', 12, 18],
    ['lot', 30, 4],
  ],
  '09': [
    ['type', 1, 2],
    ['count', 3, 9],
    ['total', 12, 18],
  ],
};

/** What a field may be overwritten with: other digits, letters, spaces, signs, accents, control bytes. */
const fieldText = (len: number) =>
  fc.oneof(
    fc.stringMatching(new RegExp(`^[0-9]{${len}}$`)),
    fc.constantFrom(
      '0'.repeat(len),
      '9'.repeat(len),
      ' '.repeat(len),
      '-'.padStart(len, '0'),
      'Ñ'.repeat(len),
      '\t'.repeat(len),
      '\u0000'.repeat(len),
    ),
    fc.string({ unit: 'grapheme-ascii', minLength: len, maxLength: len }),
  );

const splitLines = (text: string) => text.split(/\r?\n/).filter((l) => l !== '');
const join = (lines: string[], eol = '\r\n') => lines.join(eol) + eol;

/** One field of one record replaced, the rest of the file as it was. */
const fieldMutation = (lines: string[]) =>
  fc
    .integer({ min: 0, max: lines.length - 1 })
    .chain((i) => {
      const fields = FIELDS[lines[i]!.slice(0, 2)] ?? FIELDS['06']!;
      return fc.tuple(fc.constant(i), fc.constantFrom(...fields));
    })
    .chain(([i, [name, start, len]]) =>
      fieldText(len).map((v) => {
        const l = lines[i]!;
        const next = [...lines];
        next[i] = l.slice(0, start - 1) + v + l.slice(start - 1 + len);
        return { what: `file line ${i + 1} ${name} = ${JSON.stringify(v.slice(0, 20))}`, text: join(next) };
      }),
    );

/** Whole lines dropped, doubled, swapped, cut or stretched; the file's bytes and line ends changed. */
const structureMutation = (lines: string[]) =>
  fc
    .integer({ min: 0, max: lines.length - 1 })
    .chain((i) =>
      fc.constantFrom<[string, string]>(
        [`line ${i + 1} dropped`, join(lines.filter((_, j) => j !== i))],
        [`line ${i + 1} doubled`, join(lines.flatMap((l, j) => (j === i ? [l, l] : [l])))],
        [`line ${i + 1} swapped with the next`, join(lines.map((l, j) => (j === i ? (lines[i + 1] ?? l) : j === i + 1 ? lines[i]! : l)))],
        [`line ${i + 1} one character short`, join(lines.map((l, j) => (j === i ? l.slice(0, 80) + l.slice(81) : l)))],
        [`line ${i + 1} 500 characters long`, join(lines.map((l, j) => (j === i ? l.padEnd(500, '9') : l)))],
        [`line ${i + 1} empty`, join(lines.map((l, j) => (j === i ? '' : l)))],
        ['LF line ends', join(lines, '\n')],
        ['CR line ends', join(lines, '\r')],
        ['a byte-order mark first', `\ufeff${join(lines)}`],
        ['Latin-1 bytes', join(lines).replace(/ {3}$/m, 'Ñé ')],
        ['every line twice', join([...lines, ...lines])],
        ['nothing after the header', join(lines.slice(0, 1))],
        ['10 000 detail lines without their controls', join([...lines.slice(0, 2), ...Array.from({ length: 10_000 }, () => lines[2]!)])],
      ),
    );

/**
 * Asobancaria 2001 files made from a valid one (PLT-18): one field of one record overwritten,
 * or lines dropped, doubled, swapped, cut or stretched. Any of them may still be a file the
 * rules accept (a changed branch code), so they run as schema-valid cases: never a 5xx.
 */
export function mutatedFiles(valid: string, contentType = 'text/plain'): fc.Arbitrary<Fuzzed>[] {
  const lines = splitLines(valid);
  return [fieldMutation(lines), structureMutation(lines).map(([what, text]) => ({ what: `file ${what}`, text }))].map((a) =>
    a.map(({ what, text }) => ({ what, raw: { contentType, payload: text } })),
  );
}
