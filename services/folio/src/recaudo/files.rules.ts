import { canActFor, conflict, ProblemError, ruleBroken, type Principal } from '@eron/shared';
import type { Detail, FileHeader, ParsedFile } from './asobancaria.parser';
import { depositKey, type Incoming } from './deposit.rules';
import type { Agreement } from './recaudo.config';

/** Only the raw file is read; a JSON (or any parsed) body is not a collection file (PLT-04). */
export const notAFile = (): ProblemError =>
  new ProblemError({
    status: 415,
    code: 'unsupported-media-type',
    title: 'Unsupported Media Type',
    detail: {
      es: 'Envíe el archivo Asobancaria tal cual, como text/plain o application/octet-stream',
      en: 'Send the Asobancaria file as it is, as text/plain or application/octet-stream',
    },
    rule: 'FOL-06',
  });

/**
 * FOL-06 (b), asobancaria-2001.md ASO-01 … ASO-15: a file that is malformed or whose control
 * counts and totals disagree is refused whole, naming the check, line and field of each issue.
 */
export function assertFileAccepted(parsed: ParsedFile): void {
  const first = parsed.errors[0];
  if (!first) return;
  throw ruleBroken(
    'FOL-06',
    'Art. 40',
    {
      es: `Archivo rechazado completo, no se abonó nada: ${first.check} en la línea ${first.line}, campo ${first.field}: ${first.message}`,
      en: `File refused whole, nothing credited: ${first.check} on line ${first.line}, field ${first.field}: ${first.message}`,
    },
    {
      code: 'fol-06-file-refused',
      errors: parsed.errors.map((e) => ({
        field: `/line/${e.line}/${e.field}`,
        message: { es: `${e.check}: ${e.message}`, en: `${e.check}: ${e.message}` },
      })),
    },
  );
}

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

/** A detail record's payment key, the bank's identity of the payment shared with notices (ASO-20). */
const keyOf = (d: Detail, h: FileHeader, nui: string) =>
  depositKey({
    bankCode: h.bankCode,
    operationNumber: d.operationNumber,
    collectionDate: h.collectionDate,
    branch: d.branch,
    reference: d.reference,
    nui,
    amountCents: d.amountCents,
    sequence: d.sequence,
  });

/** A detail record as an incoming payment; its identity is the bank's key shared with notices (ASO-20). */
export function toIncoming(d: Detail, h: FileHeader, fileId: string, agreement: Agreement): Incoming {
  const ref = readReference(d.reference, agreement);
  const key = keyOf(d, h, ref.nui);
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

/** The file's records split into lanes by PPL, each in the file's order. */
export function lanesOf(incoming: Incoming[], lanes: number): Incoming[][] {
  const out: Incoming[][] = Array.from({ length: lanes }, () => []);
  for (const d of incoming) out[laneOf(d.nui, lanes)]!.push(d);
  return out;
}

/** A detail line as the file job books it: its payment identity, its lane and its place in the lane (PLT-14). */
export interface StagedLine {
  lane: number;
  seq: number;
  line: number;
  key: string;
  nui: string;
  amountCents: bigint;
  returnReason: string;
  /** The depositor slice of the reference; null when the agreement's reference carries none. */
  depositor: string | null;
}

/**
 * A checked file's detail lines, split into lanes by PPL, each lane in the file's order: each
 * line's payment as `toIncoming` reads it and in the lane `lanesOf` gives it, in one pass (a file
 * has 100 000 lines).
 */
export function stagedLines(parsed: ParsedFile, agreement: Agreement): StagedLine[] {
  const h = parsed.header;
  const hasSlice = agreement.reference.some((s) => s.name === 'depositorId');
  const lanes: StagedLine[][] = Array.from({ length: agreement.lanes }, () => []);
  for (const d of parsed.details) {
    const ref = readReference(d.reference, agreement);
    const key = keyOf(d, h, ref.nui);
    const lane = laneOf(ref.nui, agreement.lanes);
    const records = lanes[lane]!;
    records.push({
      lane,
      seq: records.length,
      line: d.line,
      key,
      nui: ref.nui,
      amountCents: d.amountCents,
      returnReason: d.returnReason,
      depositor: hasSlice && ref.depositor ? ref.depositor : null,
    });
  }
  return lanes.flat();
}

/**
 * Who sees a line of a file's report (PLT-03, FOL-06 b): whoever acts for the establishment it was
 * booked for; and a line that names no establishment (its reference is no Folio: booked to the
 * national account) also the establishments the file was uploaded for, which must answer for it.
 */
export function seesLine(
  actor: Principal,
  line: { eron: string; namedEron: string | null },
  uploaderErons: string[] | null,
  nationalEron: string,
): boolean {
  if (canActFor(actor, line.eron)) return true;
  return line.eron === nationalEron && line.namedEron === null && (uploaderErons ?? []).some((e) => canActFor(actor, e));
}

/** FOL-06 (b): only a staff upload, processed, is approved — and by a second officer, never its uploader. */
export function assertApprovable(file: { status: string; source: string; uploaded_by: string }, who: string): void {
  const refuse = (es: string, en: string) =>
    conflict('fol-06-file-approval', { es: `FOL-06: ${es}`, en: `FOL-06: ${en}` }, 'FOL-06', 'Art. 40');
  if (file.source !== 'staff')
    throw refuse('el archivo lo entregó el banco; no requiere aprobación', 'the bank delivered the file; it needs no approval');
  if (file.status !== 'done') throw refuse('el archivo aún no está procesado', 'the file is not processed yet');
  if (file.uploaded_by === who)
    throw refuse(
      'quien cargó el archivo no puede aprobarlo; lo aprueba un segundo funcionario',
      'the officer who uploaded the file cannot approve it; a second officer does',
    );
}
