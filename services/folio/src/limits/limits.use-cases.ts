import { assertNationalDg, bogotaToday, type ApplianceTariff, type ApplianceTariffRequest } from '@eron/shared';
import type { Ctx, Reader } from '../runtime';
import { capsInForce, insertTariff, saveOverride, tariffsInForce } from './limits.repository';
import { tariffExists, type CapKind } from './limits.rules';

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

/** The DG's appliance tariffs in force on a date, today by default (FOL-08 (7)). */
export async function tariffsOnDate(r: Reader, date = bogotaToday()): Promise<{ date: string; tariffs: ApplianceTariff[] }> {
  const rows = await tariffsInForce(r.db, date);
  const tariffs = rows.map((t) => ({
    appliance: t.appliance,
    name: t.name,
    monthlyFee: Number(t.monthly_fee),
    effectiveFrom: t.effective_from,
    resolution: t.resolution,
  }));
  return { date, tariffs };
}

/** The DG sets an appliance's monthly fee from a date (FOL-08 (7), Art. 41.7); a figure once set is never rewritten. */
export async function setApplianceTariff(ctx: Ctx, t: ApplianceTariffRequest): Promise<ApplianceTariff> {
  // Tariffs are national figures: a DG token narrowed to some establishments does not set them.
  assertNationalDg(ctx.actor, {
    rule: 'FOL-08',
    article: 'Art. 41',
    what: { es: 'las tarifas de electrodomésticos', en: 'the appliance tariffs' },
  });
  const saved = await insertTariff(ctx.trx, { ...t, by: ctx.actor.sub });
  if (!saved) throw tariffExists(t.appliance, t.effectiveFrom);
  await ctx.audit({
    action: 'set-appliance-tariff',
    entity: 'appliance_tariff',
    entityId: `${t.appliance}@${t.effectiveFrom}`,
    details: { monthlyFee: t.monthlyFee, resolution: t.resolution },
  });
  return t;
}
