import type { VisitSession, VisitUnit } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { UnitRow } from './establishment.tables';

/** The establishment's units with how many PPL are held in each today. */
export async function unitsOf(db: Db | Trx, eron: string): Promise<VisitUnit[]> {
  const rows = await db
    .selectFrom('units as u')
    .leftJoin('ppl as p', (j) => j.onRef('p.unit_id', '=', 'u.id').on('p.state', '=', 'held'))
    .select(['u.id', 'u.eron', 'u.session', (eb) => eb.fn.count<string>('p.nui').as('population')])
    .where('u.eron', '=', eron)
    .groupBy('u.id')
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({ id: r.id, eron: r.eron, session: r.session, population: Number(r.population) }));
}

export async function lockUnit(trx: Trx, id: string): Promise<UnitRow | undefined> {
  return trx.selectFrom('units').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function setSession(trx: Trx, id: string, session: VisitSession): Promise<void> {
  await trx.updateTable('units').set({ session }).where('id', '=', id).execute();
}

export async function findUnit(db: Db | Trx, id: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}
