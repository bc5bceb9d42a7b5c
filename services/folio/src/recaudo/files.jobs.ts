import type { FastifyBaseLogger } from 'fastify';
import { systemActor, type JobDefinitions, type TraceContext } from '@eron/shared/platform';
import type { FolioRuntime } from '../runtime';
import { laneSizes } from './file-batch.repository';
import { fileToBook, finishEmpty, nextPendingFile, nextReceivedUpload } from './files.repository';
import { bookFileBatch, checkUpload } from './files.use-cases';
import { agreementOf, type Agreement } from './recaudo.config';

const RETRY_MS = 200;
const MAX_FAILURES = 5;

type Finished = 'done' | 'busy' | 'failed';

/**
 * The file job of FOL-06 (b), its state in Postgres: the file and its progress in
 * `recaudo_files`, its detail lines staged in `recaudo_file_lines` when it was registered (split
 * into lanes by PPL), each record's outcome in `recaudo_file_records`. Files are taken in the order
 * they arrived; a file's lanes are booked side by side, each batch decided, booked and its records
 * saved in one transaction by a few set statements (PLT-14): lanes never wait on each
 * other's accounts, and a PPL's deposits keep the file's order (the monthly cap). A restart, or
 * another instance, skips the lines already recorded, so nothing is credited twice. One drain
 * runs per instance: a wake-up while it runs makes it look again once it is done.
 *
 * With tracing on, each round's transactions are spans of the trace of the job that asked for the
 * round (the upload's request, through its job), the latest one when several did.
 */
class FileDrain {
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private trace?: TraceContext;

  constructor(private readonly rt: FolioRuntime) {}

  /** Books every queued file; if a drain already runs here, it will look again instead. */
  wake(log: FastifyBaseLogger, trace?: TraceContext): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.trace = trace;
    if (this.running) {
      this.again = true;
      return Promise.resolve();
    }
    this.running = this.loop(log).finally(() => (this.running = undefined));
    return this.running;
  }

  /** Lets the lanes finish their batch and stop: the service is closing; the next run resumes the file. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running?.catch(() => undefined);
  }

  private async loop(log: FastifyBaseLogger): Promise<void> {
    do {
      this.again = false;
      await this.drain(log);
    } while (this.again && !this.stopped);
  }

  private async drain(log: FastifyBaseLogger): Promise<void> {
    const agreement = agreementOf(this.rt.config);
    const trace = this.trace;
    // Large uploads kept by the request are checked first (issue 8): refused, or registered as files.
    while (!this.stopped) {
      const upload = await nextReceivedUpload(this.rt.db);
      if (!upload) break;
      const who = { actor: systemActor('recaudo-file'), requestId: `recaudo-upload-${upload.id}`, trace };
      await this.rt.system(who, (ctx) => checkUpload(ctx, { id: upload.id, agreement }));
    }
    while (!this.stopped) {
      const next = await nextPendingFile(this.rt.db);
      if (!next) return;
      const finished = await this.bookFile(next.id, agreement, log, trace);
      // Another worker holds part of it: it finishes it, and the next run finds what follows.
      if (finished === 'busy') return;
      if (finished === 'failed') throw new Error(`Recaudo file ${next.id}: a batch kept failing; retried by the next run`);
    }
  }

  private async bookFile(id: string, agreement: Agreement, log: FastifyBaseLogger, trace?: TraceContext): Promise<Finished> {
    const file = await fileToBook(this.rt.db, id);
    // An officer's upload credits nothing on its own (FOL-06 b); the bank's machine client does.
    const staff = file.source === 'staff' ? { erons: file.uploader_erons } : undefined;
    const lanes = await laneSizes(this.rt.db, id);
    if (lanes.length === 0) return (await finishEmpty(this.rt.db, id), 'done');
    const terms = { file: { collectionDate: file.collection_date, bankCode: file.bank_code }, nationalEron: agreement.nationalEron, staff };
    const finished = await Promise.all(
      lanes.map(({ lane, size }) => this.bookLane(id, lane, size, agreement.batchSize, terms, log, trace)),
    );
    return finished.includes('failed') ? 'failed' : finished.every((f) => f === 'done') ? 'done' : 'busy';
  }

  private async bookLane(
    id: string,
    lane: number,
    size: number,
    batchSize: number,
    terms: Omit<Parameters<typeof bookFileBatch>[1], 'batch'>,
    log: FastifyBaseLogger,
    trace?: TraceContext,
  ): Promise<Finished> {
    const who = { actor: systemActor('recaudo-file'), requestId: `recaudo-file-${id}`, trace };
    let next = 0;
    for (let failures = 0; next < size && !this.stopped;) {
      try {
        const batch = { fileId: id, lane, from: next, to: Math.min(next + batchSize, size) };
        const step = await this.rt.system(who, (ctx) => bookFileBatch(ctx, { ...terms, batch }));
        if (step === 'busy') return 'busy';
        next += step;
        failures = 0;
      } catch (err) {
        failures += 1;
        log.warn({ err, fileId: id, lane, failures }, 'Recaudo batch failed; retrying');
        if (failures >= MAX_FAILURES) return 'failed';
        await new Promise((r) => setTimeout(r, RETRY_MS * failures));
      }
    }
    return next >= size ? 'done' : 'busy';
  }
}

const drains = new WeakMap<FolioRuntime, FileDrain>();
const drainOf = (rt: FolioRuntime): FileDrain => {
  let drain = drains.get(rt);
  if (!drain) drains.set(rt, (drain = new FileDrain(rt)));
  return drain;
};

/**
 * `recaudo-files`: woken by each upload once it committed (`trigger('recaudo-files', { fileId }, fileId)`),
 * and run every RECAUDO_FILE_SWEEP_MS by one instance, for a wake-up lost while Redis was down,
 * a file a crash or a failing batch left unfinished.
 */
export const fileJobs: JobDefinitions<FolioRuntime> = {
  'recaudo-files': {
    every: (rt) => rt.config.RECAUDO_FILE_SWEEP_MS,
    run: (rt, _data, log, trace) => drainOf(rt).wake(log, trace),
  },
};

/** The service is closing: the drain stops after its batches in flight. */
export const stopFileDrain = (rt: FolioRuntime): Promise<void> => drains.get(rt)?.stop() ?? Promise.resolve();
