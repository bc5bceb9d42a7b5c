import { assertActorActsFor, canActFor, type InductionRequest, type LegalStatus, type PlacementRequest } from '@eron/shared';
import type { Outcome } from '@eron/shared/platform';
import { openTransferOf } from '../movements/movements.repository';
import { lockPpl } from '../ppl/ppl.repository';
import { noPpl } from '../ppl/ppl.rules';
import type { Ctx, Reader } from '../runtime';
import { findEstablishment } from '../structure/structure.repository';
import { noCell, noEstablishment } from '../structure/structure.rules';
import type { PlacementRow } from './board.tables';
import {
  findInduction,
  lockCellWithUnit,
  occupancy,
  occupantsOf,
  place,
  placementView,
  recordInduction as saveInduction,
} from './placement.repository';
import {
  assertCellOfEstablishment,
  assertEligible,
  assertHeldHere,
  assertInducted,
  assertNotReservedToDg,
  assertProtectionConsent,
  assertRoomOrReason,
  decisionOf,
  reservedToDg,
} from './placement.rules';
import { findSession } from './session.repository';

/** CLS-12 (Art. 32): the induction given to a newly admitted PPL, before any placement. */
export async function recordInduction(ctx: Ctx, i: { nui: string; induction: InductionRequest }) {
  const ppl = await lockPpl(ctx.trx, i.nui);
  if (!ppl) throw noPpl(i.nui);
  assertActorActsFor(ctx.actor, ppl.eron);
  const row = await saveInduction(ctx.trx, ppl.nui, i.induction, ctx.actor.sub);
  await ctx.audit({ action: 'record-induction', entity: 'ppl', entityId: ppl.nui });
  return { nui: row.nui, date: row.date, givenBy: row.given_by, recordedBy: row.recorded_by, recordedAt: row.recorded_at.toISOString() };
}

/** The board (or the DG) places a PPL in a cell (CLS-11 … CLS-16). */
export async function placeInCell(
  ctx: Ctx,
  i: { nui: string; placement: PlacementRequest },
): Promise<Outcome<ReturnType<typeof placementView>>> {
  const row = await placeChecked(ctx, i.nui, i.placement);
  return { status: 201, body: placementView(row) };
}

/** CLS-16: places, occupants and overcrowding per unit and establishment. */
export async function occupancyOf(r: Reader, eron: string) {
  if (!(await findEstablishment(r.db, eron))) throw noEstablishment(eron);
  return occupancy(r.db, eron);
}

/**
 * A placement with every check of CLS-11 … CLS-16, in the caller's transaction: the board's
 * placement, its decisions on cell-change requests (CLS-18) and the Director's approval of a
 * mother's request (CLS-17) come here. Art. 31 gives the last to the Director: with `art31` a
 * mothers' unit is not reserved to the DG, and the Director's decision is the placement's act.
 */
export async function placeChecked(ctx: Ctx, nui: string, b: PlacementRequest, art31?: { decision: string }): Promise<PlacementRow> {
  const { trx, actor } = ctx;
  const ppl = await lockPpl(trx, nui);
  if (!ppl) throw noPpl(nui);
  // CLS-20: in transit the person belongs to neither end — both are told so, by the rule.
  const transfer = ppl.status === 'in_transit' ? await openTransferOf(trx, ppl.nui) : undefined;
  if (!transfer || !canActFor(actor, transfer.to_eron)) assertActorActsFor(actor, ppl.eron);
  assertHeldHere(ppl.status);
  const cell = await lockCellWithUnit(trx, b.cellId);
  if (!cell) throw noCell();
  assertCellOfEstablishment(cell.eron, ppl.eron);
  assertInducted(!!(await findInduction(trx, ppl.nui)));
  const person = { sex: ppl.sex, legalStatus: ppl.legal_status as LegalStatus, securityLevel: ppl.security_level };
  const dg = actor.roles.includes('dg') && actor.national;
  // Art. 31: the Director's own decision is the act of a mother's place in the mothers' unit.
  const directorsAct = !dg && cell.special_regime === 'mothers_with_children' ? art31?.decision : undefined;
  const director = directorsAct !== undefined;
  assertNotReservedToDg(reservedToDg(person, director ? { ...cell, special_regime: null } : cell), dg);
  const decision = director ? { acta: directorsAct, sessionId: null } : await boardDecision(ctx, dg, ppl.eron, b);
  assertEligible(person, cell, b.specialRegimeBasis);
  assertProtectionConsent(cell.special_regime, b.protectionConsent);
  const full = (await occupantsOf(trx, cell.id)) >= cell.capacity;
  assertRoomOrReason(full, cell.capacity, b.overCapacityReason);
  const row = await place(
    trx,
    {
      nui: ppl.nui,
      eron: ppl.eron,
      unitId: cell.unit_id,
      decidedBy: dg ? 'dg' : director ? 'director' : 'board',
      by: actor.sub,
      overCapacity: full,
      ...decision,
    },
    b,
  );
  await ctx.publish('ppl.placed', { nui: ppl.nui, eron: ppl.eron, unitId: cell.unit_id, cellId: cell.id });
  await ctx.audit({ action: 'place-in-cell', entity: 'ppl', entityId: ppl.nui, details: { cellId: cell.id, acta: decision.acta } });
  return row;
}

/** CLS-11: the session the board decided in (of this establishment), or the DG's own act. */
async function boardDecision(ctx: Ctx, dg: boolean, eron: string, b: PlacementRequest) {
  const session = b.sessionId && !dg ? await findSession(ctx.trx, b.sessionId) : undefined;
  return decisionOf(dg, eron, b, session);
}
