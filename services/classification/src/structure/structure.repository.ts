import { randomUUID } from 'node:crypto';
import type { CellRequest, EstablishmentRequest, UnitRequest } from '@eron/shared';
import type { Db, Trx } from '../db';
import { placesOf } from './structure.rules';
import type { CellRow, EstablishmentRow, UnitRow } from './structure.tables';

export const cellView = (c: CellRow) => ({ id: c.id, unitId: c.unit_id, code: c.code, capacity: c.capacity });

export const unitView = (u: UnitRow, cells: CellRow[]) => ({
  id: u.id,
  eron: u.eron,
  kind: u.kind as UnitRequest['kind'],
  name: u.name,
  eligibility: {
    sexes: u.sexes as UnitRequest['eligibility']['sexes'],
    legal: u.legal as UnitRequest['eligibility']['legal'],
    specialRegime: u.special_regime as UnitRequest['eligibility']['specialRegime'],
  },
  dgAuthorisation: u.dg_authorisation,
  places: placesOf(cells),
  cells: cells.map(cellView),
});

export const establishmentView = (e: EstablishmentRow, places: number) => ({
  code: e.code,
  name: e.name,
  regional: e.regional as EstablishmentRequest['regional'],
  order: e.order as EstablishmentRequest['order'],
  type: e.type as EstablishmentRequest['type'],
  securityCategory: e.security_category as EstablishmentRequest['securityCategory'],
  categorySince: e.category_since.toISOString(),
  places,
});

export async function createEstablishment(trx: Trx, b: EstablishmentRequest, by: string): Promise<EstablishmentRow | undefined> {
  const row = await trx
    .insertInto('establishments')
    .values({
      code: b.code,
      name: b.name,
      regional: b.regional,
      order: b.order,
      type: b.type,
      security_category: b.securityCategory,
      created_by: by,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (row) {
    await trx
      .insertInto('category_changes')
      .values({ eron: b.code, security_category: b.securityCategory, resolution: b.resolution, changed_by: by })
      .execute();
  }
  return row;
}

export async function changeCategory(trx: Trx, code: string, c: { securityCategory: string; resolution: string }, by: string) {
  const row = await trx
    .updateTable('establishments')
    .set({ security_category: c.securityCategory, category_since: new Date() })
    .where('code', '=', code)
    .returningAll()
    .executeTakeFirst();
  if (row) {
    await trx
      .insertInto('category_changes')
      .values({ eron: code, security_category: c.securityCategory, resolution: c.resolution, changed_by: by })
      .execute();
  }
  return row;
}

export const categoryHistory = (db: Db | Trx, code: string) =>
  db.selectFrom('category_changes').selectAll().where('eron', '=', code).orderBy('id').execute();

export const findEstablishment = (db: Db | Trx, code: string) =>
  db.selectFrom('establishments').selectAll().where('code', '=', code).executeTakeFirst();

export async function listEstablishments(db: Db | Trx, only: string[] | null) {
  const rows = await db
    .selectFrom('establishments as e')
    .selectAll('e')
    .select((eb) =>
      eb
        .selectFrom('cells as c')
        .innerJoin('units as u', 'u.id', 'c.unit_id')
        .whereRef('u.eron', '=', 'e.code')
        .select((x) => x.fn.coalesce(x.fn.sum<number>('c.capacity'), x.lit(0)).as('p'))
        .as('places'),
    )
    .$if(only !== null, (q) => q.where('e.code', 'in', only!.length > 0 ? only! : ['']))
    .orderBy('e.code')
    .execute();
  return rows.map((r) => establishmentView(r, Number(r.places ?? 0)));
}

/** The establishment with its units and their cells (CLS-01, CLS-02). */
export async function structureOf(db: Db | Trx, e: EstablishmentRow) {
  const units = await db.selectFrom('units').selectAll().where('eron', '=', e.code).orderBy('name').execute();
  const cells =
    units.length === 0
      ? []
      : await db
          .selectFrom('cells')
          .selectAll()
          .where(
            'unit_id',
            'in',
            units.map((u) => u.id),
          )
          .orderBy('code')
          .execute();
  const views = units.map((u) =>
    unitView(
      u,
      cells.filter((c) => c.unit_id === u.id),
    ),
  );
  return {
    ...establishmentView(
      e,
      views.reduce((a, u) => a + u.places, 0),
    ),
    units: views,
  };
}

export async function createUnit(trx: Trx, eron: string, b: UnitRequest, by: string): Promise<UnitRow | undefined> {
  const id = randomUUID();
  const row = await trx
    .insertInto('units')
    .values({
      id,
      eron,
      kind: b.kind,
      name: b.name,
      sexes: b.eligibility.sexes,
      legal: b.eligibility.legal,
      special_regime: b.eligibility.specialRegime,
      dg_authorisation: b.dgAuthorisation,
      created_by: by,
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  if (row)
    await trx.insertInto('unit_names').values({ unit_id: id, name: b.name, dg_authorisation: b.dgAuthorisation, named_by: by }).execute();
  return row;
}

export const lockUnit = (trx: Trx, id: string) => trx.selectFrom('units').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const cellsOf = (db: Db | Trx, unitId: string) =>
  db.selectFrom('cells').selectAll().where('unit_id', '=', unitId).orderBy('code').execute();

/** Renames a unit with the DG's authorisation; null when another unit of the establishment has the name. */
export async function renameUnit(trx: Trx, unit: UnitRow, r: { name: string; dgAuthorisation: string }, by: string) {
  const taken = await trx
    .selectFrom('units')
    .select('id')
    .where('eron', '=', unit.eron)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', r.name.toLowerCase()))
    .where('id', '<>', unit.id)
    .executeTakeFirst();
  if (taken) return null;
  const row = await trx
    .updateTable('units')
    .set({ name: r.name, dg_authorisation: r.dgAuthorisation })
    .where('id', '=', unit.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('unit_names')
    .values({ unit_id: unit.id, name: r.name, dg_authorisation: r.dgAuthorisation, named_by: by })
    .execute();
  return row;
}

export async function createCell(trx: Trx, unitId: string, b: CellRequest, by: string): Promise<CellRow | undefined> {
  return trx
    .insertInto('cells')
    .values({ id: randomUUID(), unit_id: unitId, code: b.code, capacity: b.capacity, created_by: by })
    .onConflict((oc) => oc.columns(['unit_id', 'code']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function lockCell(trx: Trx, id: string) {
  return trx
    .selectFrom('cells')
    .innerJoin('units', 'units.id', 'cells.unit_id')
    .selectAll('cells')
    .select('units.eron')
    .where('cells.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** The cell's new places, and the change in its history (CLS-02, CLS-16). */
export async function setCapacity(
  trx: Trx,
  c: { id: string; from: number; occupants: number; by: string },
  change: { capacity: number; reason: string; overCapacityReason?: string },
) {
  await trx
    .insertInto('cell_capacity_changes')
    .values({
      cell_id: c.id,
      from_capacity: c.from,
      to_capacity: change.capacity,
      occupants: c.occupants,
      reason: change.reason,
      over_capacity_reason: change.capacity < c.occupants ? (change.overCapacityReason ?? null) : null,
      changed_by: c.by,
    })
    .execute();
  return trx.updateTable('cells').set({ capacity: change.capacity }).where('id', '=', c.id).returningAll().executeTakeFirstOrThrow();
}
