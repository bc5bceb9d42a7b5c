import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db';
import { parseAsobancaria, type Detail, type FileHeader } from './asobancaria.parser';
import { processDeposits, type Incoming } from './deposit.repository';
import { depositKey } from './deposit.rules';
import { claimFile, loadContent, nextPendingFile, saveBatch } from './files.repository';
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

/**
 * The background job of FOL-06 (b), recorded in Postgres: the file and its progress live in
 * `recaudo_files`; each batch is decided, booked and its progress saved in one transaction, so a
 * restart resumes where it stopped and nothing is credited twice.
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
    private readonly batchSize = 5_000,
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

  /** true when the file is finished, false when another worker holds it or it keeps failing. */
  private async processFile(id: string): Promise<boolean> {
    const parsed = parseAsobancaria(Buffer.from((await loadContent(this.db, id)).content, 'latin1'), this.agreement, '9999-12-31');
    const incoming = parsed.details.map((d) => toIncoming(d, parsed.header, id, this.agreement));
    for (let failures = 0; !this.stopped;) {
      try {
        const step = await this.db.transaction().execute(async (trx) => {
          const file = await claimFile(trx, id);
          if (!file) return 'busy';
          if (file.status !== 'queued' && file.status !== 'processing') return 'done';
          const batch = incoming.slice(file.processed, file.processed + this.batchSize);
          const results = await processDeposits(trx, batch, { createdBy: `recaudo-file:${id}`, nationalEron: this.agreement.nationalEron });
          await saveBatch(trx, id, results, file.processed + batch.length, file.total_records);
          return file.processed + batch.length >= file.total_records ? 'done' : 'more';
        });
        if (step !== 'more') return step === 'done';
        failures = 0;
      } catch (err) {
        failures += 1;
        this.log.warn({ err, fileId: id, failures }, 'Recaudo batch failed; retrying');
        if (failures >= 5) return false;
        await new Promise((r) => setTimeout(r, RETRY_MS * failures));
      }
    }
    return false;
  }
}
