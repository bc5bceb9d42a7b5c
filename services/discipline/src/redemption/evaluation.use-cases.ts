import { randomUUID } from 'node:crypto';
import { notFound, type Evaluation, type EvaluationBody } from '@eron/shared';
import { sessionOf } from '../jetee/jetee.use-cases';
import type { EvaluationRow } from '../jetee/jetee.tables';
import { findProgramme } from '../programmes/programme.repository';
import type { Ctx } from '../runtime';
import { conductRating, countedOfMonth, evaluationExists, insertEvaluation, lockMonths, orderedDuring } from './evaluation.repository';
import { assertEvaluations } from './evaluation.rules';

const view = (e: EvaluationRow, acta: string): Evaluation => ({
  id: e.id,
  sessionId: e.session_id,
  acta,
  nui: e.nui,
  programmeId: e.programme_id,
  kind: e.kind,
  month: e.month,
  rating: e.rating,
  remarks: e.remarks,
  conductRating: e.conduct_rating,
  countedHours: e.counted_hours,
});

/**
 * DIS-23: in its monthly session the JETEE rates each PPL's month in each programme, in writing,
 * with the period's conduct rating beside it and the hours counted that month (DIS-22).
 */
export async function evaluateInSession(ctx: Ctx, i: { eron: string; sessionId: string; body: EvaluationBody }): Promise<Evaluation[]> {
  const session = await sessionOf(ctx.trx, ctx.actor, i.sessionId, i.eron);
  if (!session) throw notFound({ es: 'Sesión de la JETEE no encontrada', en: 'JETEE session not found' });
  // A month another request is evaluating now is then seen as evaluated (DIS-23's 422), not a collision.
  await lockMonths(ctx.trx, i.body.evaluations);
  const checks = [];
  const seen = new Set<string>();
  for (const [index, e] of i.body.evaluations.entries()) {
    const p = await findProgramme(ctx.trx, e.programmeId);
    const key = `${e.programmeId}/${e.nui}/${e.month}`;
    checks.push({
      index,
      month: e.month,
      sessionMonth: session.held_on.slice(0, 7),
      known: p?.eron === i.eron,
      ordered: await orderedDuring(ctx.trx, e.programmeId, e.nui, e.month),
      repeated: seen.has(key) || (await evaluationExists(ctx.trx, e.programmeId, e.nui, e.month)),
      kind: p?.kind,
    });
    seen.add(key);
  }
  assertEvaluations(checks);
  const out: Evaluation[] = [];
  for (const [index, e] of i.body.evaluations.entries()) {
    const row = await insertEvaluation(ctx.trx, {
      id: randomUUID(),
      session_id: session.id,
      eron: i.eron,
      nui: e.nui,
      programme_id: e.programmeId,
      kind: checks[index]!.kind!,
      month: e.month,
      rating: e.rating,
      remarks: e.remarks,
      conduct_rating: await conductRating(ctx.trx, e.nui, e.month),
      counted_hours: await countedOfMonth(ctx.trx, e.programmeId, e.nui, e.month),
    });
    out.push(view(row, session.acta));
  }
  await ctx.audit({ action: 'jetee-evaluate', entity: 'jetee_session', entityId: session.id });
  return out;
}
