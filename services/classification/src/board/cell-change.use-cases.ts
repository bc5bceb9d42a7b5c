import { assertActorActsFor, type CellChange, type CellChangeDecisionRequest, type CellChangeRequestBody } from '@eron/shared';
import type { Outcome } from '@eron/shared/platform';
import { findPpl, lockPpl } from '../ppl/ppl.repository';
import { noPpl } from '../ppl/ppl.rules';
import type { Ctx, Reader } from '../runtime';
import type { CellChangeRow } from './board.tables';
import { cellChangesOf, insertCellChange, lockCellChange, saveCellChangeDecision } from './cell-change.repository';
import { assertBoardAnswer, assertPending, noCellChange } from './cell-change.rules';
import { placeChecked } from './placement.use-cases';
import { findSession } from './session.repository';

const view = (r: CellChangeRow, acta: string | null): CellChange => ({
  id: r.id,
  nui: r.nui,
  wanted: r.wanted,
  reason: r.reason,
  requestedAt: r.requested_at.toISOString(),
  status: r.status,
  answer: r.answer,
  acta,
  placementId: r.placement_id,
  decidedAt: r.decided_at?.toISOString() ?? null,
});

/** CLS-18 (Art. 141.6): a PPL asks for another patio, unit or cell. */
export async function requestCellChange(ctx: Ctx, i: { nui: string; request: CellChangeRequestBody }) {
  const ppl = await lockPpl(ctx.trx, i.nui);
  if (!ppl) throw noPpl(i.nui);
  assertActorActsFor(ctx.actor, ppl.eron);
  const row = await insertCellChange(ctx.trx, { nui: ppl.nui, eron: ppl.eron, ...i.request, by: ctx.actor.sub });
  await ctx.audit({ action: 'request-cell-change', entity: 'cell_change_request', entityId: row.id });
  return view(row, null);
}

/** A PPL's cell-change requests and the board's answers (CLS-18). */
export async function listCellChanges(r: Reader, nui: string) {
  const ppl = await findPpl(r.db, nui);
  if (!ppl) throw noPpl(nui);
  assertActorActsFor(r.actor, ppl.eron);
  return (await cellChangesOf(r.db, ppl.nui)).map((row) => view(row, row.acta));
}

/** CLS-18: the board approves (placing with every check of CLS-12 … CLS-16) or denies, in a session. */
export async function decideCellChange(ctx: Ctx, i: { id: string; decision: CellChangeDecisionRequest }): Promise<Outcome<CellChange>> {
  const b = i.decision;
  const request = await lockCellChange(ctx.trx, i.id);
  if (!request) throw noCellChange();
  assertActorActsFor(ctx.actor, request.eron);
  assertPending(request.status);
  const session = await findSession(ctx.trx, b.sessionId);
  assertBoardAnswer(session?.eron, request.eron, b);
  const placement =
    b.decision === 'approved'
      ? await placeChecked(ctx, request.nui, {
          cellId: b.cellId!,
          sessionId: b.sessionId,
          reasons: b.reasons,
          specialRegimeBasis: b.specialRegimeBasis,
          protectionConsent: b.protectionConsent,
          overCapacityReason: b.overCapacityReason,
        })
      : null;
  const row = await saveCellChangeDecision(ctx.trx, request.id, {
    status: b.decision,
    sessionId: session!.id,
    answer: b.reasons,
    placementId: placement?.id ?? null,
    by: ctx.actor.sub,
  });
  await ctx.audit({ action: 'decide-cell-change', entity: 'cell_change_request', entityId: row.id, details: { decision: b.decision } });
  return { status: 200, body: view(row, session!.acta) };
}
