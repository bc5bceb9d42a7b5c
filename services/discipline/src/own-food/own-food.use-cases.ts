import { randomUUID } from 'node:crypto';
import type { OwnFoodAnswer, OwnFoodRequest } from '@eron/shared';
import { councilDecision } from '../council/council.lookup';
import { heldPpl } from '../ppl/ppl.lookup';
import type { Ctx } from '../runtime';
import { assertOwnFood } from './own-food.rules';

/** DIS-18: the Council's answer (its decision's outcome) to a complete own-food request. */
export async function recordOwnFood(ctx: Ctx, i: { eron: string; body: OwnFoodRequest }): Promise<OwnFoodAnswer> {
  const b = i.body;
  await heldPpl(ctx.trx, b.nui, i.eron);
  const council = await councilDecision(ctx.trx, b.councilDecision.sessionId, b.councilDecision.decisionId);
  assertOwnFood(i.eron, b, council);
  const row = await ctx.trx
    .insertInto('own_food_requests')
    .values({
      id: randomUUID(),
      eron: i.eron,
      nui: b.nui,
      health_reasons: b.healthReasons,
      renunciation_document: b.renunciationDocument!,
      security_council_opinion: b.securityCouncilOpinion!,
      doctor_opinion: b.doctorOpinion ?? null,
      council_decision_id: council!.id,
      status: council!.outcome === 'approved' ? 'approved' : 'denied',
      recorded_by: ctx.actor.sub,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.audit({ action: 'own-food', entity: 'own_food_request', entityId: row.id });
  return { id: row.id, nui: row.nui, eron: row.eron, status: row.status, acta: council!.acta, recordedAt: row.recorded_at.toISOString() };
}
