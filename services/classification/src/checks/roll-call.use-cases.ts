import {
  assertActorActsFor,
  pageLimit,
  bogotaToday,
  type RollCall,
  type RollCallDay,
  type RollCallDayQuery,
  type RollCallRequest,
} from '@eron/shared';
import { keyOf, pageOf } from '../paging.rules';
import type { Ctx, Reader } from '../runtime';
import { findEstablishment } from '../structure/structure.repository';
import { noEstablishment } from '../structure/structure.rules';
import { cellBook, discrepanciesOnDay, findUnit, insertRollCall, unitsOnDay } from './roll-call.repository';
import { assertEachSeenOnce, discrepancies, noUnitToCount, ROLL_CALLS_PER_DAY } from './roll-call.rules';

/** CLS-19 (Arts. 16, 141.7): a roll call of a unit, every name against the cell book; discrepancies recorded. */
export async function recordRollCall(ctx: Ctx, i: { unitId: string; call: RollCallRequest }): Promise<RollCall> {
  const unit = await findUnit(ctx.trx, i.unitId);
  if (!unit) throw noUnitToCount();
  assertActorActsFor(ctx.actor, unit.eron);
  assertEachSeenOnce(i.call.seen);
  const book = await cellBook(ctx.trx, unit.id);
  const found = discrepancies(book, i.call.seen);
  const takenAt = new Date(i.call.takenAt);
  const row = await insertRollCall(
    ctx.trx,
    {
      eron: unit.eron,
      unitId: unit.id,
      takenAt,
      day: bogotaToday(takenAt),
      expected: book.length,
      present: book.length - found.filter((d) => d.kind !== 'unknown').length,
      by: ctx.actor.sub,
    },
    found,
  );
  await ctx.audit({ action: 'roll-call', entity: 'unit', entityId: unit.id, details: { discrepancies: found.length } });
  return {
    id: row.id,
    unitId: row.unit_id,
    takenAt: row.taken_at.toISOString(),
    day: row.day,
    expected: row.expected,
    present: row.present,
    discrepancies: found,
  };
}

/** A day's roll calls per unit, units below the minimum, and a page of the discrepancies (CLS-19). */
export async function rollCallDay(r: Reader, q: RollCallDayQuery & { eron: string }): Promise<RollCallDay> {
  if (!(await findEstablishment(r.db, q.eron))) throw noEstablishment(q.eron);
  const limit = pageLimit(q.limit, 500);
  const after = q.after ? keyOf(q.after, ['instant', 'seq'], 'after') : undefined;
  const units = await unitsOnDay(r.db, q.eron, q.date);
  const found = await discrepanciesOnDay(r.db, {
    eron: q.eron,
    day: q.date,
    after: after && { takenAt: after[0]!, id: after[1]! },
    rows: limit + 1,
  });
  const page = pageOf(found, limit, (d) => [d.taken_at.toISOString(), String(d.id)]);
  return {
    eron: q.eron,
    date: q.date,
    units: units.map((u) => ({
      unitId: u.id,
      name: u.name,
      rollCalls: Number(u.calls),
      belowMinimum: Number(u.calls) < ROLL_CALLS_PER_DAY,
      discrepancies: Number(u.found),
    })),
    discrepancies: page.items.map((d) => ({
      kind: d.kind,
      nui: d.nui!,
      bookedCellId: d.booked_cell_id,
      seenCellId: d.seen_cell_id,
      rollCallId: d.roll_call_id,
      unitId: d.unit_id,
      takenAt: d.taken_at.toISOString(),
    })),
    next: page.next,
  };
}
