import { assertActorActsFor, type TreatmentPhase, type TreatmentRecord, type TreatmentRequest } from '@eron/shared';
import type { Db, Trx } from '../db';
import { findPpl, lockPpl } from '../ppl/ppl.repository';
import { noPpl } from '../ppl/ppl.rules';
import type { Ctx, Reader } from '../runtime';
import { recordTreatment, treatmentHistory } from './movements.repository';
import { assertTreatmentAllowed } from './movements.rules';

async function record(db: Db | Trx, p: { nui: string; eron: string; security_level: number | null }): Promise<TreatmentRecord> {
  const history = await treatmentHistory(db, p.nui);
  const last = history.at(-1);
  return {
    nui: p.nui,
    eron: p.eron,
    securityLevel: p.security_level,
    phase: (last?.phase ?? null) as TreatmentPhase | null,
    history: history.map((h) => ({
      securityLevel: h.security_level,
      phase: h.phase as TreatmentPhase | null,
      cetActa: h.cet_acta,
      reasons: h.reasons,
      setBy: h.set_by,
      setAt: h.set_at.toISOString(),
    })),
  };
}

/** CLS-22 (Art. 139): the CET sets a sentenced PPL's security level and phase; kept as history; `ppl.status-changed`. */
export async function setTreatment(ctx: Ctx, i: { nui: string; change: TreatmentRequest }): Promise<TreatmentRecord> {
  const b = i.change;
  const ppl = await lockPpl(ctx.trx, i.nui);
  if (!ppl) throw noPpl(i.nui);
  assertActorActsFor(ctx.actor, ppl.eron);
  assertTreatmentAllowed(ppl.legal_status, ppl.status, b);
  await recordTreatment(ctx.trx, { nui: ppl.nui, eron: ppl.eron, securityLevel: ppl.security_level, by: ctx.actor.sub }, b);
  await ctx.publish('ppl.status-changed', {
    nui: ppl.nui,
    eron: ppl.eron,
    ...(b.securityLevel !== undefined ? { securityLevel: b.securityLevel } : {}),
    ...(b.phase !== undefined ? { phase: b.phase } : {}),
  });
  await ctx.audit({ action: 'set-treatment', entity: 'ppl', entityId: ppl.nui, details: { cetActa: b.cetActa } });
  return record(ctx.trx, { ...ppl, security_level: b.securityLevel ?? ppl.security_level });
}

/** A PPL's security level and treatment phase, with history (CLS-22). */
export async function getTreatment(r: Reader, nui: string): Promise<TreatmentRecord> {
  const ppl = await findPpl(r.db, nui);
  if (!ppl) throw noPpl(nui);
  assertActorActsFor(r.actor, ppl.eron);
  return record(r.db, ppl);
}
