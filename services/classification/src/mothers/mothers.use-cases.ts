import { randomUUID } from 'node:crypto';
import {
  assertActorActsFor,
  bogotaToday,
  type ChildDecisionRequest,
  type ChildRequest,
  type ChildRequestBody,
  type ChildrenTurningThree,
} from '@eron/shared';
import type { Outcome } from '@eron/shared/platform';
import { lockCellWithUnit } from '../board/placement.repository';
import { placeChecked } from '../board/placement.use-cases';
import { lockPpl } from '../ppl/ppl.repository';
import { noPpl } from '../ppl/ppl.rules';
import { CONFIDENTIAL_ACCESS } from '../roles';
import type { Ctx, Reader } from '../runtime';
import { findEstablishment } from '../structure/structure.repository';
import { noEstablishment } from '../structure/structure.rules';
import {
  childrenWithMothers,
  currentMothersPlacement,
  findRequest,
  lockRequest,
  readIdentity,
  recordRequest,
  saveDecision,
} from './mothers.repository';
import {
  assertApproval,
  assertDenialReasons,
  assertMayRequest,
  assertUndecided,
  daysUntilThree,
  inAlertWindow,
  noChildRequest,
  turnsThreeOn,
} from './mothers.rules';
import type { ChildRequestRow } from './mothers.tables';

/** A request as any reader sees it: never the child's names (PLT-06). */
const view = (r: ChildRequestRow): ChildRequest => ({
  id: r.id,
  nui: r.nui,
  eron: r.eron,
  status: r.status,
  requestedAt: r.requested_at.toISOString(),
  turnsThreeOn: turnsThreeOn(r.child_birth_date),
  reasons: r.reasons,
  placementId: r.placement_id,
  notificationId: r.notification_id,
  decidedAt: r.decided_at?.toISOString() ?? null,
});

/** CLS-17 (Art. 31): a mother held here asks that her child under three stay with her. */
export async function requestChildPermanence(ctx: Ctx, i: { nui: string; request: ChildRequestBody }): Promise<ChildRequest> {
  const ppl = await lockPpl(ctx.trx, i.nui);
  if (!ppl) throw noPpl(i.nui);
  assertActorActsFor(ctx.actor, ppl.eron);
  assertMayRequest(ppl, i.request.child.birthDate, bogotaToday());
  const row = await recordRequest(ctx.trx, ppl, i.request, ctx.actor.sub);
  await ctx.audit({ action: 'request-child-permanence', entity: 'child_request', entityId: row.id, details: { nui: ppl.nui } });
  return view(row);
}

/**
 * CLS-17 (Art. 31): the Director approves — every accreditation, the mother placed in a mothers'
 * unit or already there — or denies with reasons; ICBF is notified either way.
 */
export async function decideChildPermanence(ctx: Ctx, i: { id: string; decision: ChildDecisionRequest }): Promise<Outcome<ChildRequest>> {
  const b = i.decision;
  const request = await lockRequest(ctx.trx, i.id);
  if (!request) throw noChildRequest();
  assertActorActsFor(ctx.actor, request.eron);
  assertUndecided(request.status);
  let placementId: string | null = null;
  if (b.decision === 'denied') assertDenialReasons(b);
  else placementId = await approvedPlacement(ctx, request, b);
  const notificationId = randomUUID();
  const row = await saveDecision(ctx.trx, request.id, {
    status: b.decision,
    reasons: b.reasons ?? null,
    filiation_document: b.filiationDocument ?? null,
    no_risk_concept: b.noRiskConcept ?? null,
    medical_exam_date: b.medicalExamDate ?? null,
    doctor: b.doctor ?? null,
    placement_id: placementId,
    notification_id: notificationId,
    decided_by: ctx.actor.sub,
  });
  await ctx.publish('notification.requested', {
    notificationId,
    recipient: 'icbf',
    subject: `child-permanence-${b.decision}`,
    eron: request.eron,
    nui: request.nui,
  });
  await ctx.audit({
    action: 'decide-child-permanence',
    entity: 'child_request',
    entityId: row.id,
    details: { decision: b.decision, notificationId, placementId },
  });
  return { status: 200, body: view(row) };
}

/** Every gap of Art. 31 at once; then the mother in a mothers' unit, placed or already there. */
async function approvedPlacement(ctx: Ctx, r: ChildRequestRow, b: ChildDecisionRequest): Promise<string> {
  const mother = await lockPpl(ctx.trx, r.nui);
  const current = await currentMothersPlacement(ctx.trx, r.nui, r.eron);
  const cell = b.cellId ? await lockCellWithUnit(ctx.trx, b.cellId) : undefined;
  assertApproval(b, {
    birthDate: r.child_birth_date,
    today: bogotaToday(),
    motherStatus: mother?.status,
    cellRegime: cell?.special_regime,
    inMothersUnit: current !== undefined,
  });
  if (!b.cellId) return current!.id;
  const placed = await placeChecked(
    ctx,
    r.nui,
    {
      cellId: b.cellId,
      sessionId: b.sessionId,
      acta: b.acta,
      reasons: b.reasons ?? 'Permanencia con su hija o hijo menor de tres años en la unidad de madres (Art. 31)',
      specialRegimeBasis: b.specialRegimeBasis,
      overCapacityReason: b.overCapacityReason,
    },
    { decision: `Decisión del Director, solicitud ${r.id} (Art. 31)` },
  );
  return placed.id;
}

/** A request and its decision; the child's identity only to the roles that need it, that read audited (CLS-07, PLT-06). */
export async function getChildRequest(ctx: Ctx, id: string): Promise<ChildRequest> {
  const row = await findRequest(ctx.trx, id);
  if (!row) throw noChildRequest();
  assertActorActsFor(ctx.actor, row.eron);
  const out = view(row);
  if (!CONFIDENTIAL_ACCESS.children.some((r) => ctx.actor.roles.includes(r))) return out;
  await ctx.audit({ action: 'read-child-identity', entity: 'child_request', entityId: row.id });
  const identity = await readIdentity(ctx.trx, row.id);
  return identity ? { ...out, child: { names: identity.names, birthDate: row.child_birth_date, document: identity.document } } : out;
}

/** CLS-17: children with their mothers who turn three within the alert window; never the child's names. */
export async function childrenTurningThree(r: Reader, eron: string): Promise<ChildrenTurningThree> {
  if (!(await findEstablishment(r.db, eron))) throw noEstablishment(eron);
  const today = bogotaToday();
  const rows = await childrenWithMothers(r.db, eron);
  const children = rows
    .filter((c) => inAlertWindow(c.child_birth_date, today))
    .map((c) => ({
      requestId: c.id,
      nui: c.nui,
      turnsThreeOn: turnsThreeOn(c.child_birth_date),
      daysLeft: daysUntilThree(c.child_birth_date, today),
    }));
  return { eron, asOf: today, children };
}
