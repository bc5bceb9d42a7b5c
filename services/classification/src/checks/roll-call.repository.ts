import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Trx } from '../db';
import type { Booked, Discrepancy } from './roll-call.rules';

export const findUnit = (db: Db | Trx, id: string) => db.selectFrom('units').select(['id', 'eron']).where('id', '=', id).executeTakeFirst();

/** The cell book of a unit: who is placed in which of its cells now. */
export const cellBook = (trx: Trx, unitId: string): Promise<Booked[]> =>
  trx.selectFrom('placements').select(['nui', 'cell_id as cellId']).where('unit_id', '=', unitId).where('ended_at', 'is', null).execute();

/** The roll call with its discrepancies (CLS-19). */
export async function insertRollCall(
  trx: Trx,
  r: { eron: string; unitId: string; takenAt: Date; day: string; expected: number; present: number; by: string },
  found: readonly Discrepancy[],
) {
  const row = await trx
    .insertInto('roll_calls')
    .values({
      id: randomUUID(),
      eron: r.eron,
      unit_id: r.unitId,
      taken_at: r.takenAt,
      day: r.day,
      expected: r.expected,
      present: r.present,
      taken_by: r.by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (found.length > 0) {
    await trx
      .insertInto('roll_call_discrepancies')
      .values(
        found.map((d) => ({ roll_call_id: row.id, kind: d.kind, nui: d.nui, booked_cell_id: d.bookedCellId, seen_cell_id: d.seenCellId })),
      )
      .execute();
  }
  return row;
}

/** Per unit of the establishment: the day's roll calls and discrepancies found. */
export const unitsOnDay = (db: Db | Trx, eron: string, day: string) =>
  db
    .selectFrom('units as u')
    .leftJoin('roll_calls as r', (j) => j.onRef('r.unit_id', '=', 'u.id').on('r.day', '=', day))
    .leftJoin('roll_call_discrepancies as d', 'd.roll_call_id', 'r.id')
    .select(['u.id', 'u.name'])
    .select((eb) => [eb.fn.count<string>('r.id').distinct().as('calls'), eb.fn.count<string>('d.id').as('found')])
    .where('u.eron', '=', eron)
    .groupBy(['u.id', 'u.name'])
    .orderBy('u.name')
    .execute();

/** A page of the discrepancies of the establishment's roll calls that day, in the order found, after the cursor's. */
export const discrepanciesOnDay = (db: Db | Trx, q: { eron: string; day: string; after?: { takenAt: string; id: string }; rows: number }) =>
  db
    .selectFrom('roll_call_discrepancies as d')
    .innerJoin('roll_calls as r', 'r.id', 'd.roll_call_id')
    .select(['d.id', 'd.kind', 'd.nui', 'd.booked_cell_id', 'd.seen_cell_id', 'r.id as roll_call_id', 'r.unit_id', 'r.taken_at'])
    .where('r.eron', '=', q.eron)
    .where('r.day', '=', q.day)
    .$if(q.after !== undefined, (w) =>
      w.where(sql<boolean>`(r.taken_at, d.id) > (${q.after!.takenAt}::timestamptz, ${q.after!.id}::bigint)`),
    )
    .orderBy('r.taken_at')
    .orderBy('d.id')
    .limit(q.rows)
    .execute();
