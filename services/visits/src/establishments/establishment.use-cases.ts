import type { UnitSessionRequest, VisitUnit, VisitUnitList } from '@eron/shared';
import type { Ctx, Reader } from '../runtime';
import { lockUnit, setSession, unitsOf } from './establishment.repository';
import { unknownUnit } from './establishment.rules';

/** The establishment's units, their session and population (VIS-03). Scope checked by the route. */
export async function listUnits(r: Reader, eron: string): Promise<VisitUnitList> {
  return { units: await unitsOf(r.db, eron) };
}

/** The establishment assigns a unit to the morning or the afternoon session (VIS-03, Art. 68.5). */
export async function assignSession(ctx: Ctx, eron: string, unitId: string, body: UnitSessionRequest): Promise<VisitUnit> {
  const unit = await lockUnit(ctx.trx, unitId);
  if (!unit || unit.eron !== eron) throw unknownUnit(unitId, eron);
  await setSession(ctx.trx, unitId, body.session);
  await ctx.audit({ action: 'assign-session', entity: 'unit', entityId: unitId, details: { eron, session: body.session } });
  return (await unitsOf(ctx.trx, eron)).find((u) => u.id === unitId)!;
}
