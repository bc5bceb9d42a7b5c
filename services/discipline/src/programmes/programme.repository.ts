import { sql } from 'kysely';
import type { Db, Trx } from '../db';
import type { OrderRow, ProgrammeRow } from '../jetee/jetee.tables';

export async function insertProgramme(trx: Trx, p: Omit<ProgrammeRow, 'created_at'>): Promise<ProgrammeRow> {
  return trx.insertInto('programmes').values(p).returningAll().executeTakeFirstOrThrow();
}

/** The programme, locked so two orders never take the same place. */
export async function lockProgramme(trx: Trx, id: string): Promise<ProgrammeRow | undefined> {
  return trx.selectFrom('programmes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findProgramme(db: Db | Trx, id: string): Promise<ProgrammeRow | undefined> {
  return db.selectFrom('programmes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function programmesOf(db: Db | Trx, eron: string) {
  return db
    .selectFrom('programmes as p')
    .selectAll('p')
    .select((eb) =>
      eb
        .selectFrom('programme_orders as o')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('o.programme_id', '=', 'p.id')
        .where('o.status', '=', 'active')
        .as('taken'),
    )
    .where('p.eron', '=', eron)
    .orderBy('p.created_at')
    .execute();
}

export async function takenPlaces(db: Db | Trx, programmeId: string): Promise<number> {
  const r = await db
    .selectFrom('programme_orders')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('programme_id', '=', programmeId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function addCandidate(trx: Trx, programmeId: string, nui: string): Promise<void> {
  await trx
    .insertInto('programme_candidates')
    .values({ programme_id: programmeId, nui })
    .onConflict((oc) => oc.columns(['programme_id', 'nui']).doUpdateSet({ waiting: true }))
    .execute();
}

export async function stopWaiting(trx: Trx, programmeId: string, nui: string): Promise<void> {
  await trx
    .updateTable('programme_candidates')
    .set({ waiting: false })
    .where('programme_id', '=', programmeId)
    .where('nui', '=', nui)
    .execute();
}

/** Sentenced candidates waiting for the programme who are still held at its establishment. */
export async function sentencedWaiting(db: Db | Trx, programmeId: string, eron: string, except: string): Promise<number> {
  const r = await db
    .selectFrom('programme_candidates as c')
    .innerJoin('ppl', 'ppl.nui', 'c.nui')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('c.programme_id', '=', programmeId)
    .where('c.waiting', '=', true)
    .where('c.nui', '<>', except)
    .where('ppl.legal_status', '=', 'condenado')
    .where('ppl.state', '=', 'held')
    .where('ppl.eron', '=', eron)
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function activeOrder(db: Db | Trx, programmeId: string, nui: string): Promise<OrderRow | undefined> {
  return db
    .selectFrom('programme_orders')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where('nui', '=', nui)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

export async function insertOrder(trx: Trx, o: Omit<OrderRow, 'created_at'>): Promise<OrderRow> {
  return trx
    .insertInto('programme_orders')
    .values({
      ...o,
      grounds: JSON.stringify(o.grounds) as never,
      qualification: (o.qualification && JSON.stringify(o.qualification)) as never,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function lockOrder(trx: Trx, id: string): Promise<OrderRow | undefined> {
  return trx.selectFrom('programme_orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function removeOrder(trx: Trx, id: string, o: { grounds: string[]; reasons: string; removedOn: string }): Promise<OrderRow> {
  return trx
    .updateTable('programme_orders')
    .set({ status: 'removed', grounds: JSON.stringify(o.grounds) as never, reasons: o.reasons, removed_on: o.removedOn })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
