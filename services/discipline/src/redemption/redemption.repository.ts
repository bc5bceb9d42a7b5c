import { sql } from 'kysely';
import { lockKeys } from '@eron/shared/platform';
import type { Db, Trx } from '../db';
import type { CertificateRow } from '../jetee/jetee.tables';

/** Days of redemption lost by firm sanctions (DIS-05, DIS-08), less a part suspended and not revived (DIS-09). */
export async function lostDays(db: Db | Trx, nui: string): Promise<number> {
  const r = await db
    .selectFrom('sanctions')
    .select(
      sql<number>`coalesce(sum(amount - case when suspension->>'revivedOn' is null then coalesce((suspension->>'part')::int, 0) else 0 end), 0)::float8`.as(
        'n',
      ),
    )
    .where('nui', '=', nui)
    .where('kind', '=', 'redemption_loss')
    .where('status', '=', 'firm')
    .executeTakeFirstOrThrow();
  return r.n;
}

/** DIS-24: serializes the certificates of one PPL, which would otherwise both pick the same uncertified months. */
export async function lockRedemption(trx: Trx, nui: string): Promise<void> {
  await lockKeys(trx, [`redemption:${nui}`]);
}

export async function certificatesOf(db: Db | Trx, nui: string): Promise<CertificateRow[]> {
  return db.selectFrom('redemption_certificates').selectAll().where('nui', '=', nui).orderBy('issued_at').execute();
}

export async function insertCertificate(
  trx: Trx,
  c: Omit<CertificateRow, 'issued_at' | 'days_granted' | 'order_number' | 'decided_on'>,
): Promise<CertificateRow> {
  return trx.insertInto('redemption_certificates').values(c).returningAll().executeTakeFirstOrThrow();
}

export async function certifyMonths(trx: Trx, certificateId: string, months: { evaluationId: string; days: number }[]): Promise<void> {
  if (months.length === 0) return;
  await trx
    .insertInto('redemption_certificate_months')
    .values(months.map((m) => ({ certificate_id: certificateId, evaluation_id: m.evaluationId, days: m.days })))
    .execute();
}

export async function findCertificate(db: Db | Trx, id: string): Promise<CertificateRow | undefined> {
  return db.selectFrom('redemption_certificates').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function certificateByCode(db: Db | Trx, code: string): Promise<CertificateRow | undefined> {
  return db.selectFrom('redemption_certificates').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function recordDecision(
  trx: Trx,
  id: string,
  d: { daysGranted: number; orderNumber: string; decidedOn: string },
): Promise<CertificateRow> {
  return trx
    .updateTable('redemption_certificates')
    .set({ days_granted: d.daysGranted, order_number: d.orderNumber, decided_on: d.decidedOn })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The JETEE session (acta number and date) that evaluated each month, for the certificate the judge reads (DIS-23). */
export async function evaluationActas(db: Db | Trx, evaluationIds: string[]): Promise<Map<string, { acta: string; heldOn: string }>> {
  if (evaluationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('jetee_evaluations as e')
    .innerJoin('jetee_sessions as s', 's.id', 'e.session_id')
    .select(['e.id', 's.acta', 's.held_on'])
    .where('e.id', 'in', evaluationIds)
    .execute();
  return new Map(rows.map((r) => [r.id, { acta: r.acta, heldOn: r.held_on }]));
}

/** The name of the Director on the establishment's JETEE, who signs the certificate (DIS-20). */
export async function jeteeDirector(db: Db | Trx, eron: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('jetee_members')
    .select('name')
    .where('eron', '=', eron)
    .where('seat', '=', 'director')
    .where('active', '=', true)
    .executeTakeFirst();
  return r?.name;
}
