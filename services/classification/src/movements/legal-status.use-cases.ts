import { assertActorActsFor, bogotaToday, type ConvictionRequest, type LegalStatus, type LegalStatusRecord } from '@eron/shared';
import type { Db, Trx } from '../db';
import { findPpl, lockPpl } from '../ppl/ppl.repository';
import { noPpl } from '../ppl/ppl.rules';
import type { Ctx, Reader } from '../runtime';
import { legalStatusHistory, recordConviction } from './legal-status.repository';
import { assertConvictionAllowed } from './legal-status.rules';

async function record(db: Db | Trx, p: { nui: string; eron: string; legal_status: string }): Promise<LegalStatusRecord> {
  const history = await legalStatusHistory(db, p.nui);
  return {
    nui: p.nui,
    eron: p.eron,
    legalStatus: p.legal_status as LegalStatus,
    history: history.map((h) => ({
      from: h.from_status as LegalStatus,
      to: h.to_status as LegalStatus,
      court: h.court,
      decisionNumber: h.decision_number,
      firmOn: h.firm_on,
      recordedBy: h.recorded_by,
      recordedAt: h.recorded_at.toISOString(),
    })),
  };
}

/**
 * CLS-06 (Art. 26): a conviction became firm — the register's legal situation changes, the change and
 * the judicial decision are kept as history, and `ppl.status-changed` tells discipline (DIS-24) and visits.
 */
export async function recordFirmConviction(ctx: Ctx, i: { nui: string; conviction: ConvictionRequest }): Promise<LegalStatusRecord> {
  const b = i.conviction;
  const ppl = await lockPpl(ctx.trx, i.nui);
  if (!ppl) throw noPpl(i.nui);
  assertActorActsFor(ctx.actor, ppl.eron);
  assertConvictionAllowed({ legalStatus: ppl.legal_status, firmOn: b.firmOn, today: bogotaToday() });
  const change = await recordConviction(ctx.trx, { nui: ppl.nui, eron: ppl.eron, from: ppl.legal_status, by: ctx.actor.sub }, b);
  await ctx.publish('ppl.status-changed', {
    nui: ppl.nui,
    eron: ppl.eron,
    legalStatus: b.legalStatus,
    conviction: { court: b.court, decisionNumber: b.decisionNumber, firmOn: b.firmOn },
  });
  await ctx.audit({
    action: 'record-conviction',
    entity: 'ppl',
    entityId: ppl.nui,
    details: { changeId: change.id, from: ppl.legal_status, decisionNumber: b.decisionNumber },
  });
  return record(ctx.trx, { ...ppl, legal_status: b.legalStatus });
}

/** A PPL's legal situation and its changes since intake (CLS-06). */
export async function getLegalStatus(r: Reader, nui: string): Promise<LegalStatusRecord> {
  const ppl = await findPpl(r.db, nui);
  if (!ppl) throw noPpl(nui);
  assertActorActsFor(r.actor, ppl.eron);
  return record(r.db, ppl);
}
