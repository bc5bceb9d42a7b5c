import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { InductionRequest, PlacementRequest } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { PlacementRow } from './board.tables';
import { overcrowding } from './placement.rules';

export const placementView = (p: PlacementRow) => ({
  id: p.id,
  nui: p.nui,
  eron: p.eron,
  unitId: p.unit_id,
  cellId: p.cell_id,
  acta: p.acta,
  decidedBy: p.decided_by,
  overCapacity: p.over_capacity_reason !== null,
  placedAt: p.placed_at.toISOString(),
});

export async function recordInduction(trx: Trx, nui: string, b: InductionRequest, by: string) {
  return trx
    .insertInto('inductions')
    .values({ nui, date: b.date, given_by: b.givenBy, topics: b.topics, recorded_by: by })
    .onConflict((oc) =>
      oc.column('nui').doUpdateSet({ date: b.date, given_by: b.givenBy, topics: b.topics, recorded_by: by, recorded_at: new Date() }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const findInduction = (db: Db | Trx, nui: string) =>
  db.selectFrom('inductions').selectAll().where('nui', '=', nui).executeTakeFirst();

/** The cell with its unit, the cell locked: placements into one cell serialise on it (CLS-16). */
export const lockCellWithUnit = (trx: Trx, id: string) =>
  trx
    .selectFrom('cells as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select(['c.id', 'c.capacity', 'c.unit_id', 'u.eron', 'u.sexes', 'u.legal', 'u.special_regime'])
    .where('c.id', '=', id)
    .forUpdate('c')
    .executeTakeFirst();

export async function occupantsOf(trx: Trx, cellId: string): Promise<number> {
  const row = await trx
    .selectFrom('placements')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('cell_id', '=', cellId)
    .where('ended_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Ends the current placement, if any, and records the new one. */
export async function place(
  trx: Trx,
  p: {
    nui: string;
    eron: string;
    unitId: string;
    decidedBy: 'board' | 'dg' | 'director';
    by: string;
    overCapacity: boolean;
    acta: string;
    sessionId: string | null;
  },
  b: PlacementRequest,
): Promise<PlacementRow> {
  await trx.updateTable('placements').set({ ended_at: new Date() }).where('nui', '=', p.nui).where('ended_at', 'is', null).execute();
  return trx
    .insertInto('placements')
    .values({
      id: randomUUID(),
      nui: p.nui,
      eron: p.eron,
      unit_id: p.unitId,
      cell_id: b.cellId,
      acta: p.acta,
      session_id: p.sessionId,
      reasons: b.reasons,
      decided_by: p.decidedBy,
      special_regime_basis: b.specialRegimeBasis ?? null,
      protection_consent: b.protectionConsent ?? null,
      over_capacity_reason: p.overCapacity ? (b.overCapacityReason ?? null) : null,
      placed_by: p.by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Places, occupants and overcrowding per unit and for the establishment (CLS-16). */
export async function occupancy(db: Db | Trx, eron: string) {
  const { rows } = await sql<{ unit_id: string; name: string; places: string; occupants: string }>`
    SELECT u.id AS unit_id, u.name,
           COALESCE((SELECT sum(c.capacity) FROM cells c WHERE c.unit_id = u.id), 0) AS places,
           (SELECT count(*) FROM placements p WHERE p.unit_id = u.id AND p.ended_at IS NULL) AS occupants
      FROM units u WHERE u.eron = ${eron} ORDER BY u.name`.execute(db);
  const units = rows.map((r) => {
    const [places, occupants] = [Number(r.places), Number(r.occupants)];
    return { unitId: r.unit_id, name: r.name, places, occupants, overcrowding: overcrowding(occupants, places) };
  });
  const places = units.reduce((a, u) => a + u.places, 0);
  const occupants = units.reduce((a, u) => a + u.occupants, 0);
  return { eron, places, occupants, overcrowding: overcrowding(occupants, places), units };
}
