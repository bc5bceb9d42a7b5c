/** Positions of the Asobancaria 2001 records (asobancaria-2001.md §2), 1-based and inclusive. */
export interface Field {
  name: string;
  start: number;
  end: number;
  numeric: boolean;
}

const f = (name: string, start: number, end: number, numeric = true): Field => ({ name, start, end, numeric });

export const RECORD_LENGTH = 162;

export const LAYOUT: Record<string, Field[]> = {
  '01': [
    f('nit', 3, 12),
    f('collectionDate', 13, 20),
    f('bankCode', 21, 23),
    f('account', 24, 40, false),
    f('fileDate', 41, 48),
    f('fileTime', 49, 52),
    f('modifier', 53, 53, false),
    f('accountType', 54, 55),
  ],
  '05': [f('serviceCode', 3, 15), f('lotNumber', 16, 19)],
  '06': [
    f('reference', 3, 50),
    f('amount', 51, 64),
    f('paymentSource', 65, 66),
    f('paymentMethod', 67, 68),
    f('operationNumber', 69, 74),
    f('authorisationNumber', 75, 80),
    f('debitedBank', 81, 83),
    f('branch', 84, 87),
    f('sequence', 88, 94),
    f('returnReason', 95, 97, false),
  ],
  '08': [f('lotCount', 3, 11), f('lotTotal', 12, 29), f('lotNumber', 30, 33)],
  '09': [f('fileCount', 3, 11), f('fileTotal', 12, 29)],
};

export const field = (line: string, fd: Field): string => line.slice(fd.start - 1, fd.end);

const BY_TYPE: Record<string, Record<string, Field>> = Object.fromEntries(
  Object.entries(LAYOUT).map(([type, fields]) => [type, Object.fromEntries(fields.map((fd) => [fd.name, fd]))]),
);

export function fieldOf(type: string, name: string): Field {
  const fd = BY_TYPE[type]?.[name];
  if (!fd) throw new Error(`no field ${type}.${name}`);
  return fd;
}
