import type { FolioConfig } from '../config';

/**
 * The collection agreement (*convenio*) the Asobancaria files must match (ASO-09) and the
 * sub-layout of its 48-digit reference (asobancaria-2001.md §2), from folio's typed settings, with
 * the fictitious agreement of the spec's example as the local default.
 */
export interface ReferenceSlice {
  name: 'nui' | 'depositorId';
  /** 1-based position within the 48-digit reference. */
  start: number;
  length: number;
}

export interface Agreement {
  nit: string;
  bankCode: string;
  account: string;
  serviceCode: string;
  reference: ReferenceSlice[];
  /** ASO-08: a collection date older than this many days is warned about. */
  maxAgeDays: number;
  /** Establishment booked for a deposit whose reference names no Folio (the national single account). */
  nationalEron: string;
  /** Records decided and booked per database transaction by the file job. */
  batchSize: number;
  /** Transactions the file job runs side by side, each for its own share of the PPL. */
  lanes: number;
}

export function parseReferenceLayout(setting: string): ReferenceSlice[] {
  return setting.split(',').map((part) => {
    const [name, start, length] = part.trim().split(':');
    const slice = { name, start: Number(start), length: Number(length) };
    const fits =
      Number.isInteger(slice.start) && Number.isInteger(slice.length) && slice.start >= 1 && slice.start + slice.length - 1 <= 48;
    if ((name !== 'nui' && name !== 'depositorId') || !fits) throw new Error(`RECAUDO_REFERENCE_LAYOUT: bad slice "${part}"`);
    return slice as ReferenceSlice;
  });
}

const agreements = new WeakMap<FolioConfig, Agreement>();

/** The agreement of folio's typed settings (config.ts: every value has its default there), read once per config. */
export function agreementOf(config: FolioConfig): Agreement {
  let agreement = agreements.get(config);
  if (!agreement) {
    agreement = {
      nit: config.RECAUDO_NIT,
      bankCode: config.RECAUDO_BANK_CODE,
      account: config.RECAUDO_ACCOUNT.replace(/^[0 ]+/, ''),
      serviceCode: config.RECAUDO_SERVICE_CODE,
      reference: parseReferenceLayout(config.RECAUDO_REFERENCE_LAYOUT),
      maxAgeDays: config.RECAUDO_MAX_AGE_DAYS,
      nationalEron: '000',
      batchSize: config.RECAUDO_FILE_BATCH,
      lanes: config.RECAUDO_FILE_LANES,
    };
    agreements.set(config, agreement);
  }
  return agreement;
}
