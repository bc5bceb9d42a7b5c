import { assertNationalDg, bogotaToday } from '@eron/shared';
import type { Ctx, Reader } from '../runtime';
import { capsInForce, saveOverride } from './limits.repository';
import type { CapKind } from './limits.rules';

/** The caps in force on a date, today by default (FOL-03). */
export async function capsOnDate(r: Reader, date = bogotaToday()) {
  const caps = await capsInForce(r.db, date);
  return { date, depositMonth: caps.deposit_month, spendDay: caps.spend_day, spendMonth: caps.spend_month };
}

/** The DG sets a cap figure that takes precedence from a date (FOL-03, Arts. 40 §1, 41). */
export async function setCapOverride(
  ctx: Ctx,
  o: { kind: CapKind; amount: number; effectiveFrom: string; resolution: string },
): Promise<{ kind: string; amount: number; effectiveFrom: string }> {
  // A national figure: a DG token narrowed to some establishments is refused, as classification refuses it for national acts.
  assertNationalDg(ctx.actor, {
    rule: 'FOL-03',
    article: 'Arts. 40 §1, 41',
    what: { es: 'los topes nacionales', en: 'the national caps' },
  });
  await saveOverride(ctx.trx, { ...o, by: ctx.actor.sub });
  await ctx.audit({
    action: 'set-cap-override',
    entity: 'dg_override',
    entityId: `${o.kind}@${o.effectiveFrom}`,
    details: { amount: o.amount },
  });
  return { kind: o.kind, amount: o.amount, effectiveFrom: o.effectiveFrom };
}
