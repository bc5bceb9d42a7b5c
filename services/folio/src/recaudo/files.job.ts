import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db';
import { parseAsobancaria, type Detail, type FileHeader } from './asobancaria.parser';
import { processDeposits, type Incoming } from './deposit.repository';
import { depositKey } from './deposit.rules';
import { claimLane, finishEmpty, loadContent, nextPendingFile, recordedLines, saveBatch } from './files.repository';
import type { Agreement } from './recaudo.config';

const POLL_MS = 1_000;
const RETRY_MS = 200;

/** The reference read through the agreement's sub-layout (asobancaria-2001.md §2). */
export function readReference(reference: string, agreement: Agreement): { nui: string; depositor?: string } {
  const out: { nui: string; depositor?: string } = { nui: '' };
  for (const s of agreement.reference) {
    const value = reference.slice(s.start - 1, s.start - 1 + s.length).replace(/^0+/, '');
    if (s.name === 'nui') out.nui = value;
    else if (value) out.depositor = value;
  }
  return out;
}

export function toIncoming(d: Detail, h: FileHeader, fileId: string, agreement: Agreement): Incoming {
  const ref = readReference(d.reference, agreement);
  const key = depositKey({
    bankCode: h.bankCode,
    operationNumber: d.operationNumber,
    collectionDate: h.collectionDate,
    branch: d.branch,
    reference: d.reference,
    amountCents: d.amountCents,
    sequence: d.sequence,
  });
  const hasSlice = agreement.reference.some((s) => s.name === 'depositorId');
  return {
    key,
    channel: 'file',
    nui: ref.nui,
    amountCents: d.amountCents,
    collectionDate: h.collectionDate,
    returnReason: d.returnReason,
    depositor: hasSlice && ref.depositor ? { number: ref.depositor } : undefined,
    bankCode: h.bankCode,
    fileId,
    line: d.line,
  };
}

/** A record's lane: the same PPL always in the same lane, so its deposits keep the file's order. */
export function laneOf(nui: string, lanes: number): number {
  let h = 0;
  for (let i = 0; i < nui.length; i += 1) h = (h * 31 + nui.charCodeAt(i)) >>> 0;
  return h % lanes;
}

/**
 * The background job of FOL-06 (b), recorded in Postgres: the file and its progress live in
 * `recaudo_files`, each record's outcome in `recaudo_file_records`. The records are split into lanes
 * by PPL and the lanes booked side by side, each batch decided, booked and its records saved in one
 * transaction: lanes never wait on each other's accounts, and a PPL's deposits keep the file's order
 * (the monthly cap). A restart, or another instance, skips the lines already recorded, so nothing
 * is credited twice.
 */
export class FileJobRunner {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly agreement: Agreement,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.kick();
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((err: unknown) => this.log.error({ err }, 'Recaudo file job failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when the queue is empty (tests and the benchmark wait on it). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const next = await nextPendingFile(this.db);
      if (!next) return;
      if (!(await this.processFile(next.id))) return;
    }
  }

  /** true when the file is finished, false when another worker holds part of it or a lane keeps failing. */
  private async processFile(id: string): Promise<boolean> {
    const parsed = parseAsobancaria(Buffer.from((await loadContent(this.db, id)).content, 'latin1'), this.agreement, '9999-12-31');
    const incoming = parsed.details.map((d) => toIncoming(d, parsed.header, id, this.agreement));
    if (incoming.length === 0) return (await finishEmpty(this.db, id), true);
    const lanes: Incoming[][] = Array.from({ length: this.agreement.lanes }, () => []);
    for (const d of incoming) lanes[laneOf(d.nui, lanes.length)]!.push(d);
    const finished = await Promise.all(lanes.map((records, lane) => this.runLane(id, lane, records)));
    return finished.every(Boolean);
  }

  private async runLane(id: string, lane: number, records: Incoming[]): Promise<boolean> {
    let next = 0;
    for (let failures = 0; next < records.length && !this.stopped;) {
      try {
        const step = await this.db.transaction().execute(async (trx) => {
          if (!(await claimLane(trx, id, lane))) return 'busy';
          const slice = records.slice(next, next + this.agreement.batchSize);
          const done = await recordedLines(trx, id, slice);
          const batch = slice.filter((d) => !done.has(d.line!));
          const results = await processDeposits(trx, batch, { createdBy: `recaudo-file:${id}`, nationalEron: this.agreement.nationalEron });
          await saveBatch(trx, id, results);
          return slice.length;
        });
        if (step === 'busy') return false;
        next += step;
        failures = 0;
      } catch (err) {
        failures += 1;
        this.log.warn({ err, fileId: id, lane, failures }, 'Recaudo batch failed; retrying');
        if (failures >= 5) return false;
        await new Promise((r) => setTimeout(r, RETRY_MS * failures));
      }
    }
    return next >= records.length;
  }
}
