import { createHash } from 'node:crypto';
import { addDays } from '@eron/shared';
import { field, fieldOf, LAYOUT, RECORD_LENGTH, type Field } from './asobancaria.layout';
import type { Agreement } from './recaudo.config';

/** A failed check of asobancaria-2001.md §3, with the line and field it is about. */
export interface Issue {
  check: string;
  line: number;
  field: string;
  message: string;
}

export interface Detail {
  line: number;
  lot: string;
  reference: string;
  amountCents: bigint;
  operationNumber: string;
  branch: string;
  sequence: string;
  returnReason: string;
}

export interface FileHeader {
  nit: string;
  collectionDate: string;
  bankCode: string;
  account: string;
  modifier: string;
}

export interface ParsedFile {
  header: FileHeader;
  details: Detail[];
  totalCents: bigint;
  errors: Issue[];
  warnings: Issue[];
  sha256: string;
  /** The lines, LF-joined: what is stored and hashed (ASO-20). */
  normalised: string;
}

const MAX_ISSUES = 100;

function readField(type: string, line: string, name: string): string {
  return field(line, fieldOf(type, name));
}
/** Whether positions [start, end] (1-based) of the line are digits only, without slicing it (ASO-06). */
function digitsOnly(line: string, fd: Field): boolean {
  for (let i = fd.start - 1; i < fd.end; i += 1) {
    const c = line.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** The detail record's fields, looked up once: a file has 100 000 of them (PLT-14). */
const D = Object.fromEntries(LAYOUT['06']!.map((fd) => [fd.name, fd])) as Record<string, Field>;

/** Splits into records: CRLF or LF, trailing blank lines allowed (ASO-02). */
export function splitLines(text: string): string[] {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The first byte outside 0x20–0x7E, CR, LF (ASO-02), as a 1-based line number. */
function badByteLine(buf: Buffer): number {
  let line = 1;
  for (let i = 0; i < buf.length; i += 1) {
    const b = buf[i]!;
    if (b === 0x0a) line += 1;
    else if (b !== 0x0d && (b < 0x20 || b > 0x7e)) return line;
  }
  return 0;
}

export const isoDate = (yyyymmdd: string): string => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

function realDate(yyyymmdd: string): boolean {
  const iso = isoDate(yyyymmdd);
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

export const normaliseAccount = (account: string): string => account.trim().replace(/^[0 ]+/, '');

/**
 * Parses and checks a collection file (ASO-01 … ASO-19). File-level failures go to `errors`
 * (the whole file is refused); warnings do not stop it. Decoded byte-wise, never as UTF-8.
 */
export function parseAsobancaria(buf: Buffer, agreement: Agreement, today: string): ParsedFile {
  const issues = new Collector();
  if (buf.length === 0) issues.error('ASO-01', 0, 'file', 'the file is empty');
  const bad = badByteLine(buf);
  if (bad) issues.error('ASO-02', bad, 'line', 'byte outside 0x20–0x7E');
  const lines = splitLines(buf.toString('latin1')).map((line, i) => padControlRecord(line, i + 1, issues));
  const walker = new Walker(issues, agreement);
  lines.forEach((line, i) => walker.visit(line, i + 1));
  walker.finish(lines.length);
  const header = walker.header ?? { nit: '', collectionDate: '', bankCode: '', account: '', modifier: '' };
  if (walker.header && issues.errors.length === 0) checkDates(walker, issues, agreement, today);
  const normalised = lines.join('\n');
  return {
    header,
    details: walker.details,
    totalCents: walker.fileSum,
    errors: issues.errors,
    warnings: issues.warnings,
    sha256: createHash('sha256').update(normalised, 'latin1').digest('hex'),
    normalised,
  };
}

const CONTROL_RECORDS = new Set(['01', '05', '08', '09']);

/**
 * ASO-03: banks send control records with more or less trailing filler than 162 characters (`08`
 * of 48, 142 or 256; a final `09` of 29). When all a control record lacks or adds is filler — its
 * last field complete, nothing but spaces after it — it is read as if padded, with a warning naming
 * the line. A detail record is never repaired: a dropped character shifts every field after it.
 */
function padControlRecord(line: string, n: number, issues: Collector): string {
  const type = line.slice(0, 2);
  if (line.length === RECORD_LENGTH || !CONTROL_RECORDS.has(type)) return line;
  const lastEnd = Math.max(...LAYOUT[type]!.map((fd) => fd.end));
  if (line.length < lastEnd || line.slice(lastEnd).trim() !== '') return line;
  issues.warn('ASO-03', n, 'line', `control record of ${line.length} characters read as ${RECORD_LENGTH} (trailing filler only)`);
  return line.slice(0, lastEnd).padEnd(RECORD_LENGTH, ' ');
}

function checkDates(w: Walker, issues: Collector, agreement: Agreement, today: string): void {
  const h = w.header!;
  if (h.collectionDate > today) issues.warn('ASO-08', 1, 'collectionDate', 'collection date is in the future');
  if (h.collectionDate < addDays(today, -agreement.maxAgeDays)) issues.warn('ASO-08', 1, 'collectionDate', 'collection date is too old');
  if (w.fileDate < h.collectionDate) issues.warn('ASO-08', 1, 'fileDate', 'file date is before the collection date');
}

class Collector {
  errors: Issue[] = [];
  warnings: Issue[] = [];
  error(check: string, line: number, fieldName: string, message: string): void {
    if (this.errors.length < MAX_ISSUES) this.errors.push({ check, line, field: fieldName, message });
  }
  warn(check: string, line: number, fieldName: string, message: string): void {
    if (this.warnings.length < MAX_ISSUES) this.warnings.push({ check, line, field: fieldName, message });
  }
}

interface Lot {
  number: string;
  count: number;
  sum: bigint;
}

type State = 'start' | 'file' | 'lotOpen' | 'lotHasDetail' | 'end';

/** The states each record type may follow, and the state it leaves (built once: a file has 100 000 records). */
const ALLOWED: Record<string, State[]> = {
  '01': ['start'],
  '05': ['file'],
  '06': ['lotOpen', 'lotHasDetail'],
  '08': ['lotHasDetail'],
  '09': ['file'],
};
const NEXT: Record<string, State> = { '01': 'file', '05': 'lotOpen', '06': 'lotHasDetail', '08': 'file', '09': 'end' };

/** Walks the records in order: the `01 (05 06+ 08)* 09` grammar, the fields and the control totals. */
class Walker {
  header?: FileHeader;
  fileDate = '';
  details: Detail[] = [];
  fileSum = 0n;
  private state: State = 'start';
  private lot?: Lot;
  private lotCounts = 0;
  private lotSums = 0n;
  private lotNumbers = new Set<string>();
  private sequences = new Set<string>();

  constructor(
    private readonly issues: Collector,
    private readonly agreement: Agreement,
  ) {}

  visit(line: string, n: number): void {
    if (line === '') return this.issues.error('ASO-02', n, 'line', 'blank line before the end of the file');
    if (line.length !== RECORD_LENGTH) {
      return this.issues.error('ASO-03', n, 'line', `the record is ${line.length} characters long, not ${RECORD_LENGTH}`);
    }
    const type = line.slice(0, 2);
    const fields = LAYOUT[type];
    if (!fields) return this.issues.error('ASO-04', n, 'recordType', `unknown record type "${type}"`);
    let numericOk = true;
    for (const fd of fields) {
      if (fd.numeric && !digitsOnly(line, fd)) {
        numericOk = false;
        this.issues.error('ASO-06', n, fd.name, `positions ${fd.start}-${fd.end} must be digits only`);
      }
    }
    this.order(type, n);
    if (numericOk) this.record(type, line, n);
  }

  private order(type: string, n: number): void {
    if (!ALLOWED[type]!.includes(this.state)) {
      this.issues.error('ASO-05', n, 'recordType', `record ${type} is out of order (expected 01 (05 06+ 08)* 09)`);
    }
    this.state = NEXT[type]!;
  }

  private record(type: string, line: string, n: number): void {
    if (type === '06') return this.detail(line, n);
    // A bound method, not a closure per record: the dev runtime (tsx) names every closure it creates.
    const get = readField.bind(null, type, line);
    if (type === '01') this.fileHeader(get, n);
    else if (type === '05') this.lotHeader(get, n);
    else if (type === '08') this.lotControl(get, n);
    else this.fileControl(get, n);
  }

  private fileHeader(get: (name: string) => string, n: number): void {
    const h = {
      nit: get('nit'),
      collectionDate: get('collectionDate'),
      bankCode: get('bankCode'),
      account: get('account'),
      modifier: get('modifier'),
    };
    for (const name of ['collectionDate', 'fileDate']) if (!realDate(get(name))) this.issues.error('ASO-07', n, name, 'not a real date');
    const time = get('fileTime');
    if (Number(time.slice(0, 2)) > 23 || Number(time.slice(2)) > 59) this.issues.error('ASO-07', n, 'fileTime', 'not a valid HHMM time');
    const a = this.agreement;
    if (h.nit !== a.nit) this.issues.error('ASO-09', n, 'nit', `NIT ${h.nit} is not the agreement's (${a.nit})`);
    if (h.bankCode !== a.bankCode) this.issues.error('ASO-09', n, 'bankCode', `bank ${h.bankCode} is not the agreement's`);
    if (normaliseAccount(h.account) !== a.account) this.issues.error('ASO-09', n, 'account', 'account is not the agreement’s');
    this.header = { ...h, collectionDate: isoDate(h.collectionDate), account: normaliseAccount(h.account) };
    this.fileDate = isoDate(get('fileDate'));
  }

  private lotHeader(get: (name: string) => string, n: number): void {
    const number = get('lotNumber');
    if (get('serviceCode') !== this.agreement.serviceCode)
      this.issues.error('ASO-09', n, 'serviceCode', 'service code is not the agreement’s');
    if (this.lotNumbers.has(number)) this.issues.warn('ASO-11', n, 'lotNumber', `lot ${number} repeats`);
    this.lotNumbers.add(number);
    this.lot = { number, count: 0, sum: 0n };
  }

  private detail(line: string, n: number): void {
    const amountCents = BigInt(field(line, D.amount!));
    const lot = this.lot?.number ?? '';
    const sequence = field(line, D.sequence!);
    if (this.sequences.has(`${lot}/${sequence}`)) this.issues.warn('ASO-19', n, 'sequence', `sequence ${sequence} repeats in lot ${lot}`);
    this.sequences.add(`${lot}/${sequence}`);
    if (this.lot) {
      this.lot.count += 1;
      this.lot.sum += amountCents;
    }
    this.fileSum += amountCents;
    this.details.push({
      line: n,
      lot,
      reference: field(line, D.reference!),
      amountCents,
      operationNumber: field(line, D.operationNumber!),
      branch: field(line, D.branch!),
      sequence,
      returnReason: field(line, D.returnReason!),
    });
  }

  private lotControl(get: (name: string) => string, n: number): void {
    const lot = this.lot ?? { number: '', count: 0, sum: 0n };
    if (get('lotNumber') !== lot.number)
      this.issues.error('ASO-10', n, 'lotNumber', `lot control ${get('lotNumber')} closes lot ${lot.number}`);
    if (Number(get('lotCount')) !== lot.count)
      this.issues.error('ASO-12', n, 'lotCount', `says ${Number(get('lotCount'))} records, the lot has ${lot.count}`);
    if (BigInt(get('lotTotal')) !== lot.sum)
      this.issues.error('ASO-13', n, 'lotTotal', `says ${BigInt(get('lotTotal'))} cents, the lot adds up to ${lot.sum}`);
    this.lotCounts += Number(get('lotCount'));
    this.lotSums += BigInt(get('lotTotal'));
    this.lot = undefined;
  }

  private fileControl(get: (name: string) => string, n: number): void {
    const count = Number(get('fileCount'));
    const total = BigInt(get('fileTotal'));
    if (count !== this.details.length || count !== this.lotCounts) {
      this.issues.error(
        'ASO-14',
        n,
        'fileCount',
        `says ${count} records; the file has ${this.details.length}, the lot controls ${this.lotCounts}`,
      );
    }
    if (total !== this.fileSum || total !== this.lotSums) {
      this.issues.error(
        'ASO-15',
        n,
        'fileTotal',
        `says ${total} cents; the details add up to ${this.fileSum}, the lot controls ${this.lotSums}`,
      );
    }
  }

  finish(lineCount: number): void {
    if (this.state === 'start') this.issues.error('ASO-01', 1, 'recordType', 'no 01 file header');
    else if (this.state !== 'end') this.issues.error('ASO-05', lineCount, 'recordType', 'the file does not end with a 09 file control');
  }
}
