import { bogotaToday, type OffenceCatalogue } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { Reader } from '../runtime';
import { findOffence, offencesOf, versionOn } from './offence.repository';
import { notAnOffenceThen } from './offence.rules';
import type { OffenceRow } from './offence.tables';

/** DIS-01: the catalogue in force on a date (today unless asked). */
export async function catalogueOn(r: Reader, date = bogotaToday()): Promise<OffenceCatalogue> {
  const v = await versionOn(r.db, date);
  if (!v) throw notAnOffenceThen('*', date, null);
  const offences = await offencesOf(r.db, v.version);
  return {
    version: v.version,
    validFrom: v.valid_from,
    source: v.source,
    offences: offences.map((o) => ({ code: o.code, severity: o.severity, text: o.text })),
  };
}

/** DIS-01: the offence charged, as the version in force on the date of the facts defines it — or 422. */
export async function chargeable(db: Db | Trx, code: string, factDate: string): Promise<OffenceRow> {
  const v = await versionOn(db, factDate);
  const offence = v ? await findOffence(db, v.version, code) : undefined;
  if (!offence) throw notAnOffenceThen(code, factDate, v?.version ?? null);
  return offence;
}

/** The text of an offence as the version a case was charged under defines it. */
export async function offenceText(db: Db | Trx, version: string, code: string): Promise<string> {
  return (await findOffence(db, version, code))?.text ?? code;
}
