import {
  assertActorActsFor,
  bogotaToday,
  notFound,
  type DisciplineSanction,
  type FirmnessRun,
  type RevocationBody,
  type SanctionSuspensionBody,
} from '@eron/shared';
import { onSanctionFirm } from '../conduct/judge.use-cases';
import type { Ctx } from '../runtime';
import { dueForFirmness, lockSanction, othersWithinSixMonths, suspendedOf, updateSanction } from './sanction.repository';
import { assertPart, assertRevocable, assertSuspendable, inForce, servesOn, threeMonthsAfter } from './sanction.rules';
import type { SanctionRow } from './sanction.tables';

export const sanctionView = (s: SanctionRow): DisciplineSanction => ({
  id: s.id,
  caseId: s.case_id,
  nui: s.nui,
  eron: s.eron,
  severity: s.severity,
  kind: s.kind,
  amount: s.amount,
  inForce: inForce(s),
  status: s.status,
  factDate: s.fact_date,
  imposedAt: s.imposed_at.toISOString(),
  firmAt: s.firm_at?.toISOString() ?? null,
  servesOn: s.serves_on,
  suspension: s.suspension
    ? {
        on: s.suspension.on,
        reasons: s.suspension.reasons,
        justification: s.suspension.justification,
        part: s.suspension.part ?? null,
        revivedOn: s.suspension.revivedOn ?? null,
      }
    : null,
  revocation: s.revocation ? { on: s.revocation.on, reasons: s.revocation.reasons, of: s.revocation.of } : null,
});

const noSanction = (id: string) => notFound({ es: `No existe la sanción ${id}`, en: `No sanction ${id}` });

/** What the sanction takes away now, for visits: the total of visits it suppresses (DIS-08, DIS-09). */
const publishInForce = (ctx: Ctx, s: SanctionRow) =>
  ctx.publish('sanction.firm', {
    sanctionId: s.id,
    nui: s.nui,
    eron: s.eron,
    kind: s.kind,
    visitsSuppressed: s.kind === 'visit_suppression' ? (inForce(s) ?? 0) : 0,
  });

/** The sanction takes effect: visits suppresses what it takes away, the judge is told (DIS-08, DIS-15, DIS-14). */
async function takeEffect(ctx: Ctx, s: SanctionRow): Promise<void> {
  await publishInForce(ctx, s);
  await onSanctionFirm(ctx, s.id);
}

/**
 * DIS-08: the sanction is firm — no appeal pending or possible — and takes effect. DIS-09: a new
 * offence within three months of the day a suspended sanction would have been served revives it,
 * on top of the new one.
 */
export async function makeFirm(ctx: Ctx, s: SanctionRow): Promise<SanctionRow> {
  const today = bogotaToday();
  const firm = await updateSanction(ctx.trx, s.id, { status: 'firm', firm_at: new Date(), serves_on: servesOn(s.kind, inForce(s), today) });
  await takeEffect(ctx, firm);
  await ctx.audit({ action: 'sanction-firm', entity: 'sanction', entityId: s.id });
  for (const old of await suspendedOf(ctx.trx, s.nui, s.id)) {
    if (!old.suspension || !old.serves_on) continue;
    if (s.fact_date < old.suspension.on || s.fact_date > threeMonthsAfter(old.serves_on)) continue;
    // Revived whole: it takes effect now. Revived in part: what was suspended is served too (once firm).
    const whole = old.status === 'suspended';
    const revived = await updateSanction(ctx.trx, old.id, {
      status: whole ? 'firm' : old.status,
      suspension: { ...old.suspension, revivedOn: today },
      ...(whole || old.status === 'firm' ? { serves_on: servesOn(old.kind, old.amount, today) } : {}),
    });
    if (whole) await takeEffect(ctx, revived);
    else if (old.status === 'firm') await publishInForce(ctx, revived);
    await ctx.audit({ action: 'sanction-revived', entity: 'sanction', entityId: old.id, details: { by: s.id } });
  }
  return firm;
}

/** DIS-08: every sanction whose appeal term ended with no appeal becomes firm (the daily job, or the Director now). */
export async function runFirmness(ctx: Ctx, eron?: string): Promise<FirmnessRun['firm']> {
  if (eron) assertActorActsFor(ctx.actor, eron);
  const firm: string[] = [];
  for (const s of await dueForFirmness(ctx.trx, eron, bogotaToday())) firm.push((await makeFirm(ctx, s)).id);
  return firm;
}

/** DIS-08: a reversal — on appeal or by the DG — lifts the sanction; visits restores what is still to come. */
export async function liftSanction(
  ctx: Ctx,
  s: SanctionRow,
  status: 'lifted' | 'revoked',
  revocation?: SanctionRow['revocation'],
): Promise<SanctionRow> {
  const lifted = await updateSanction(ctx.trx, s.id, { status, lifted: true, ...(revocation ? { revocation } : {}) });
  await ctx.publish('sanction.lifted', { sanctionId: s.id, nui: s.nui, eron: s.eron, kind: s.kind });
  await ctx.audit({ action: `sanction-${status}`, entity: 'sanction', entityId: s.id });
  return lifted;
}

/**
 * DIS-09 (Arts. 136.4, 152): the Director or the Council suspends a sanction, in whole or in part,
 * with reasons; a repeat offender's only with a stated justification.
 */
export async function suspendSanction(ctx: Ctx, id: string, b: SanctionSuspensionBody): Promise<DisciplineSanction> {
  const s = await lockSanction(ctx.trx, id);
  if (!s) throw noSanction(id);
  assertActorActsFor(ctx.actor, s.eron);
  const partly = s.suspension !== null && !s.suspension.revivedOn;
  assertSuspendable(s.status, (await othersWithinSixMonths(ctx.trx, s)) > 0, b.justification, partly);
  assertPart(s.amount, b.part);
  const today = bogotaToday();
  const suspension = { by: ctx.actor.sub, on: today, reasons: b.reasons, justification: b.justification ?? null, part: b.part ?? null };
  const suspended = await updateSanction(ctx.trx, s.id, {
    status: b.part ? s.status : 'suspended',
    serves_on: s.serves_on ?? servesOn(s.kind, s.amount, today),
    suspension,
  });
  // What already took effect stops, all of it or the part: visits gives back the visits still to come.
  if (s.status === 'firm' && b.part) await publishInForce(ctx, suspended);
  else if (s.status === 'firm') await ctx.publish('sanction.lifted', { sanctionId: s.id, nui: s.nui, eron: s.eron, kind: s.kind });
  await ctx.audit({ action: 'sanction-suspended', entity: 'sanction', entityId: s.id });
  return sanctionView(suspended);
}

/** DIS-10 (Art. 149 §): the DG revokes an offence's qualification or a sanction contrary to its nature. */
export async function revokeSanction(ctx: Ctx, id: string, b: RevocationBody): Promise<DisciplineSanction> {
  const s = await lockSanction(ctx.trx, id);
  if (!s) throw noSanction(id);
  assertActorActsFor(ctx.actor, s.eron);
  assertRevocable(s.status);
  const revoked = await liftSanction(ctx, s, 'revoked', { by: ctx.actor.sub, on: bogotaToday(), reasons: b.reasons, of: b.of });
  return sanctionView(revoked);
}
