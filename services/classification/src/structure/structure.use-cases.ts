import {
  assertActorActsFor,
  type CategoryChangeRequest,
  type CellCapacityRequest,
  type CellRequest,
  type EstablishmentRequest,
  type UnitRenameRequest,
  type UnitRequest,
} from '@eron/shared';
import { occupantsOf } from '../board/placement.repository';
import type { Ctx, Reader } from '../runtime';
import {
  categoryHistory,
  cellsOf,
  cellView,
  changeCategory,
  createCell as insertCell,
  createEstablishment as insertEstablishment,
  createUnit as insertUnit,
  establishmentView,
  findEstablishment,
  listEstablishments as establishmentsOf,
  lockCell,
  lockUnit,
  renameUnit as rename,
  setCapacity,
  structureOf,
  unitView,
} from './structure.repository';
import {
  assertCapacityFits,
  assertNationalDg,
  cellExists,
  establishmentExists,
  noCell,
  noEstablishment,
  noUnit,
  unitNameTaken,
} from './structure.rules';

/** CLS-01 (Arts. 22–23): the DG registers an establishment with its category and the resolution that sets it. */
export async function createEstablishment(ctx: Ctx, b: EstablishmentRequest) {
  assertNationalDg(ctx.actor, 'CLS-01');
  const row = await insertEstablishment(ctx.trx, b, ctx.actor.sub);
  if (!row) throw establishmentExists(b.code);
  await ctx.publish('establishment.registered', { code: row.code, name: row.name });
  await ctx.audit({ action: 'create-establishment', entity: 'establishment', entityId: row.code });
  return establishmentView(row, 0);
}

/** The establishments the caller acts for, with their places. */
export const listEstablishments = (r: Reader) => establishmentsOf(r.db, r.actor.national ? null : r.actor.erons);

/** An establishment with its units and cells (CLS-01, CLS-02). */
export async function getEstablishment(r: Reader, code: string) {
  const e = await findEstablishment(r.db, code);
  if (!e) throw noEstablishment(code);
  return structureOf(r.db, e);
}

/** CLS-01 (Art. 23): the DG sets the security category; the history is kept. */
export async function setCategory(ctx: Ctx, i: { code: string; change: CategoryChangeRequest }) {
  assertNationalDg(ctx.actor, 'CLS-01');
  const row = await changeCategory(ctx.trx, i.code, i.change, ctx.actor.sub);
  if (!row) throw noEstablishment(i.code);
  await ctx.audit({
    action: 'set-category',
    entity: 'establishment',
    entityId: row.code,
    details: { securityCategory: i.change.securityCategory, resolution: i.change.resolution },
  });
  return establishmentView(row, (await structureOf(ctx.trx, row)).places);
}

/** The history of an establishment's security category (CLS-01). */
export async function categoryChanges(r: Reader, code: string) {
  if (!(await findEstablishment(r.db, code))) throw noEstablishment(code);
  return (await categoryHistory(r.db, code)).map((c) => ({
    securityCategory: c.security_category as CategoryChangeRequest['securityCategory'],
    resolution: c.resolution,
    changedBy: c.changed_by,
    changedAt: c.changed_at.toISOString(),
  }));
}

/** CLS-02 (Art. 20): a unit only with the DG's authorisation, which it names. */
export async function createUnit(ctx: Ctx, i: { eron: string; unit: UnitRequest }) {
  assertNationalDg(ctx.actor, 'CLS-02');
  if (!(await findEstablishment(ctx.trx, i.eron))) throw noEstablishment(i.eron);
  const unit = await insertUnit(ctx.trx, i.eron, i.unit, ctx.actor.sub);
  if (!unit) throw unitNameTaken(i.unit.name);
  await ctx.audit({ action: 'create-unit', entity: 'unit', entityId: unit.id, details: { name: unit.name } });
  return unitView(unit, []);
}

/** CLS-02 (Art. 20 §2): renamed only with the DG's authorisation; every name is kept. */
export async function renameUnit(ctx: Ctx, i: { id: string; rename: UnitRenameRequest }) {
  assertNationalDg(ctx.actor, 'CLS-02');
  const unit = await lockUnit(ctx.trx, i.id);
  if (!unit) throw noUnit();
  const renamed = await rename(ctx.trx, unit, i.rename, ctx.actor.sub);
  if (!renamed) throw unitNameTaken(i.rename.name);
  await ctx.audit({ action: 'rename-unit', entity: 'unit', entityId: unit.id, details: { from: unit.name, to: renamed.name } });
  return unitView(renamed, await cellsOf(ctx.trx, unit.id));
}

/** CLS-02: a cell of a unit, with its places; the establishment's own. */
export async function createCell(ctx: Ctx, i: { unitId: string; cell: CellRequest }) {
  const unit = await lockUnit(ctx.trx, i.unitId);
  if (!unit) throw noUnit();
  assertActorActsFor(ctx.actor, unit.eron);
  const cell = await insertCell(ctx.trx, unit.id, i.cell, ctx.actor.sub);
  if (!cell) throw cellExists(i.cell.code);
  await ctx.audit({ action: 'create-cell', entity: 'cell', entityId: cell.id, details: { capacity: cell.capacity } });
  return cellView(cell);
}

/**
 * CLS-02: a cell's places change with the reason, kept in its history. CLS-16: cut below the people
 * in it, the cell is over capacity — only with the decision's over-capacity reasons. The cell's row
 * lock is the one placements take, so no placement slips in between the count and the change.
 */
export async function setCellCapacity(ctx: Ctx, i: { id: string; change: CellCapacityRequest }) {
  const cell = await lockCell(ctx.trx, i.id);
  if (!cell) throw noCell();
  assertActorActsFor(ctx.actor, cell.eron);
  const occupants = await occupantsOf(ctx.trx, cell.id);
  assertCapacityFits(occupants, i.change.capacity, i.change.overCapacityReason);
  const row = await setCapacity(ctx.trx, { id: cell.id, from: cell.capacity, occupants, by: ctx.actor.sub }, i.change);
  await ctx.audit({
    action: 'set-cell-capacity',
    entity: 'cell',
    entityId: cell.id,
    details: { from: cell.capacity, to: row.capacity, occupants, reason: i.change.reason, overCapacityReason: i.change.overCapacityReason },
  });
  return cellView(row);
}
