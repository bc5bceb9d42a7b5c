/**
 * Builds Asobancaria 2001 collection files for tests and the benchmark (asobancaria-2001.md):
 * valid ones from a list of payments, and the broken variants of the spec's §4.
 */
export interface Payment {
  nui: string;
  /** Whole pesos, unless `cents` is given. */
  pesos: number;
  cents?: number;
  /** Depositor ID number packed into the reference (only with the `depositor` layout). */
  depositor?: string;
  operation?: string;
  branch?: string;
  returnReason?: string;
}

export interface FileOptions {
  collectionDate: string;
  lots: Payment[][];
  nit?: string;
  bankCode?: string;
  account?: string;
  serviceCode?: string;
  modifier?: string;
  /** `depositor`: reference = depositor ID (20 digits) + NUI (28 digits), RECAUDO_REFERENCE_LAYOUT=depositorId:1:20,nui:21:28. */
  layout?: 'nui' | 'depositor';
  eol?: '\r\n' | '\n';
}

export const DEPOSITOR_LAYOUT = 'depositorId:1:20,nui:21:28';

const num = (v: number | bigint | string, len: number): string => {
  const s = String(v);
  if (s.length > len) throw new Error(`${s} does not fit in ${len} digits`);
  return s.padStart(len, '0');
};
const alpha = (v: string, len: number): string => v.padEnd(len, ' ').slice(0, len);
const record = (body: string): string => {
  const line = body.padEnd(162, ' ');
  if (line.length !== 162) throw new Error(`record is ${line.length} long`);
  return line;
};
const ymd = (iso: string): string => iso.replaceAll('-', '');

export function reference(p: Payment, layout: 'nui' | 'depositor'): string {
  return layout === 'depositor' ? num(p.depositor ?? '0', 20) + num(p.nui, 28) : num(p.nui, 48);
}

export function paymentCents(p: Payment): bigint {
  return BigInt(p.pesos) * 100n + BigInt(p.cents ?? 0);
}

export function asobancariaFile(o: FileOptions): string {
  const layout = o.layout ?? 'nui';
  const next = new Date(Date.parse(`${o.collectionDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const lines = [
    record(
      `01${num(o.nit ?? '9001234567', 10)}${ymd(o.collectionDate)}${num(o.bankCode ?? '007', 3)}${num(o.account ?? '12345678901', 17)}${ymd(next)}0615${o.modifier ?? 'A'}01`,
    ),
  ];
  let seq = 1;
  let fileCount = 0;
  let fileTotal = 0n;
  o.lots.forEach((lot, i) => {
    const lotNo = num(i + 1, 4);
    lines.push(record(`05${num(o.serviceCode ?? '7709998000018', 13)}${lotNo}`));
    let total = 0n;
    for (const p of lot) {
      seq += 1;
      const cents = paymentCents(p);
      total += cents;
      const op = p.operation ?? '000000';
      lines.push(
        record(
          `06${reference(p, layout)}${num(cents, 14)}0101${num(op, 6)}000000${num(o.bankCode ?? '007', 3)}${num(p.branch ?? '0123', 4)}${num(seq, 7)}${alpha(p.returnReason ?? '', 3)}`,
        ),
      );
    }
    lines.push(record(`08${num(lot.length, 9)}${num(total, 18)}${lotNo}`));
    fileCount += lot.length;
    fileTotal += total;
  });
  lines.push(record(`09${num(fileCount, 9)}${num(fileTotal, 18)}`));
  return lines.join(o.eol ?? '\r\n') + (o.eol ?? '\r\n');
}

const eolOf = (text: string) => (text.includes('\r\n') ? '\r\n' : '\n');
const linesOf = (text: string) => text.split(eolOf(text)).filter((l) => l !== '');

/** Replaces positions [start, end] (1-based) of a line (1-based). */
export function patch(text: string, line: number, start: number, value: string): string {
  const lines = linesOf(text);
  const l = lines[line - 1]!;
  lines[line - 1] = l.slice(0, start - 1) + value + l.slice(start - 1 + value.length);
  return lines.join(eolOf(text)) + eolOf(text);
}

/** Drops one character at a position of a line: the line is 161 long and every later field shifts. */
export function dropChar(text: string, line: number, position: number): string {
  const lines = linesOf(text);
  const l = lines[line - 1]!;
  lines[line - 1] = l.slice(0, position - 1) + l.slice(position);
  return lines.join(eolOf(text)) + eolOf(text);
}

export const lineCount = (text: string): number => linesOf(text).length;
