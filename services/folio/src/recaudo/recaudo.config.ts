/**
 * The collection agreement (*convenio*) the Asobancaria files must match (ASO-09) and the
 * sub-layout of its 48-digit reference (asobancaria-2001.md §2). Read from the environment, with
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

export function agreementFromEnv(env: Record<string, string | undefined> = process.env): Agreement {
  return {
    nit: env.RECAUDO_NIT ?? '9001234567',
    bankCode: env.RECAUDO_BANK_CODE ?? '007',
    account: (env.RECAUDO_ACCOUNT ?? '12345678901').replace(/^[0 ]+/, ''),
    serviceCode: env.RECAUDO_SERVICE_CODE ?? '7709998000018',
    reference: parseReferenceLayout(env.RECAUDO_REFERENCE_LAYOUT ?? 'nui:1:48'),
    maxAgeDays: Number(env.RECAUDO_MAX_AGE_DAYS ?? 30),
    nationalEron: '000',
    batchSize: Number(env.RECAUDO_FILE_BATCH ?? 10_000),
  };
}
