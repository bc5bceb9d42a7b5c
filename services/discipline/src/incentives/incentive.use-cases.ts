import { randomUUID } from 'node:crypto';
import type { Incentive, IncentiveRequest, TreatmentOpinion, TreatmentOpinionRequest } from '@eron/shared';
import { councilDecision } from '../council/council.lookup';
import { heldPpl } from '../ppl/ppl.lookup';
import type { Ctx } from '../runtime';
import { assertGrant } from './incentive.rules';

/** DIS-16: the treatment officer records an opinion on a PPL held here. */
export async function giveTreatmentOpinion(ctx: Ctx, i: { eron: string; body: TreatmentOpinionRequest }): Promise<TreatmentOpinion> {
  await heldPpl(ctx.trx, i.body.nui, i.eron);
  const row = await ctx.trx
    .insertInto('treatment_opinions')
    .values({
      id: randomUUID(),
      eron: i.eron,
      nui: i.body.nui,
      favourable: i.body.favourable,
      reasons: i.body.reasons,
      given_by: ctx.actor.sub,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.audit({ action: 'treatment-opinion', entity: 'treatment_opinion', entityId: row.id });
  return {
    id: row.id,
    nui: row.nui,
    eron: row.eron,
    favourable: row.favourable,
    reasons: row.reasons,
    givenAt: row.given_at.toISOString(),
  };
}

/** DIS-16 (Art. 149): the Director grants after both favourable opinions; the judge is told (DIS-15). */
export async function grantIncentive(ctx: Ctx, i: { eron: string; body: IncentiveRequest }): Promise<Incentive> {
  const b = i.body;
  await heldPpl(ctx.trx, b.nui, i.eron);
  const council = await councilDecision(ctx.trx, b.councilOpinion.sessionId, b.councilOpinion.decisionId);
  const treatment = await ctx.trx.selectFrom('treatment_opinions').selectAll().where('id', '=', b.treatmentOpinionId).executeTakeFirst();
  assertGrant({ eron: i.eron, nui: b.nui, council, treatment });
  const notificationId = randomUUID();
  const row = await ctx.trx
    .insertInto('incentives')
    .values({
      id: randomUUID(),
      eron: i.eron,
      nui: b.nui,
      incentive: b.incentive,
      reasons: b.reasons,
      council_decision_id: council!.id,
      treatment_opinion_id: b.treatmentOpinionId,
      notification_id: notificationId,
      granted_by: ctx.actor.sub,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.publish('notification.requested', { notificationId, recipient: 'judge', subject: 'incentive', eron: i.eron, nui: b.nui });
  await ctx.audit({ action: 'grant-incentive', entity: 'incentive', entityId: row.id });
  return {
    id: row.id,
    nui: row.nui,
    eron: row.eron,
    incentive: row.incentive,
    reasons: row.reasons,
    acta: council!.acta,
    councilDecisionId: row.council_decision_id,
    treatmentOpinionId: row.treatment_opinion_id,
    notificationId,
    grantedAt: row.granted_at.toISOString(),
  };
}
