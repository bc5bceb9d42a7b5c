import type { Db, Trx } from '../db';
import type { OffenceRow, OffenceVersionRow } from './offence.tables';

/** The catalogue version in force on a date: the latest whose `valid_from` is on or before it. */
export async function versionOn(db: Db | Trx, date: string): Promise<OffenceVersionRow | undefined> {
  return db
    .selectFrom('offence_versions')
    .selectAll()
    .where('valid_from', '<=', date)
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function offencesOf(db: Db | Trx, version: string): Promise<OffenceRow[]> {
  return db.selectFrom('offences').selectAll().where('version', '=', version).orderBy('code').execute();
}

export async function findOffence(db: Db | Trx, version: string, code: string): Promise<OffenceRow | undefined> {
  return db.selectFrom('offences').selectAll().where('version', '=', version).where('code', '=', code).executeTakeFirst();
}
