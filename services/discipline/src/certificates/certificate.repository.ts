import { sql } from 'kysely';
import type { Db, Trx } from '../db';
import type { ConductTables } from '../conduct/conduct.tables';

export async function saveCertificate(
  trx: Trx,
  c: Omit<ConductTables['conduct_certificates'], 'issued_at'> & { issued_at: Date },
): Promise<void> {
  await trx.insertInto('conduct_certificates').values(c).execute();
}

export async function findCertificate(db: Db | Trx, code: string) {
  return db.selectFrom('conduct_certificates').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The PPL's last rated quarters, newest first: the final rating where decided, else the proposal. */
export async function lastRatings(db: Db | Trx, nui: string, limit: number) {
  return db
    .selectFrom('conduct_ratings')
    .select(['quarter', 'proposed', 'rating', 'status', 'session_ref'])
    .where('nui', '=', nui)
    .orderBy('quarter', 'desc')
    .limit(limit)
    .execute();
}

/** Firm sanctions of the PPL that became firm in the last `months` months. */
export async function recentFirmSanctions(db: Db | Trx, nui: string, months: number) {
  return db
    .selectFrom('sanctions')
    .select(['severity', 'kind', 'amount', 'fact_date', 'firm_at'])
    .where('nui', '=', nui)
    .where('status', '=', 'firm')
    .where('firm_at', '>=', sql<Date>`now() - make_interval(months => ${months}::int)`)
    .orderBy('firm_at', 'desc')
    .execute();
}
